"""Practice research pages: who may read the report, what it shows (k/n with the valid n, no
names), coding, and the respondent's page by personal link (roles as yes/no rows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ontmoeting.surveys import practice
from ontmoeting.surveys.codes import invite_token
from ontmoeting.surveys.models import Response
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db

OTHER_ROLES = ",".join(
    f"role_{r}"
    for r in (
        "bridge_figure",
        "signal_function",
        "lifeworld",
        "accessibility",
        "policy_influence",
        "public_image",
    )
)
CSV = (
    f"respondent,role_critical_voice,role_support,role_no_specific_role,{OTHER_ROLES},status,"
    "training,open_support\n"
    "PR-001,1,1,0,0,0,0,0,0,0,volunteer,none,Intervisie met collega's\n"
    "PR-002,,0,,0,0,0,0,0,0,volunteer;paid_employee,both,\n"
    "PR-003,0,1,0,0,0,0,0,0,0,paid_employee,none,\n"
)


@pytest.fixture
def wave():
    now = timezone.now()
    wave = practice.create_round(
        title="Ervaringswerkers 2026",
        opens=now - dt.timedelta(days=1),
        closes=now + dt.timedelta(days=5),
        actor="t",
        status="open",
    )
    practice.import_responses(wave=wave, text=CSV, actor="t")
    return wave


def test_researcher_reads_each_row_over_its_own_valid_n(client, make_staff, wave):
    client.force_login(make_staff("researcher"))
    page = client.get(f"/research/practice/{wave.pk}/").content.decode()
    assert 'data-testid="sample-n" data-n="3"' in page
    assert (
        'data-testid="row-roles-critical_voice" data-k="1" data-n="2" data-percent="50.0"' in page
    )
    assert 'data-testid="row-roles-support" data-k="2" data-n="3" data-percent="66.7"' in page
    assert 'data-testid="valid-n-roles" data-valid-n="2"' in page
    assert 'data-testid="row-status-volunteer+paid_employee" data-k="1" data-n="3"' in page
    assert "<svg" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "style=" not in page


def test_the_report_shows_no_raw_study_codes(client, make_staff, wave):
    client.force_login(make_staff("researcher"))
    page = client.get(f"/research/practice/{wave.pk}/").content.decode()
    coding = client.get(f"/research/practice/{wave.pk}/coding/").content.decode()
    assert "Intervisie met collega" in page
    assert "PR-001" not in page
    assert "PR-001" not in coding


@pytest.mark.parametrize("role", ["finance", "admin"])
def test_other_staff_may_not_read_the_report(client, make_staff, wave, role):
    client.force_login(make_staff(role))
    assert client.get(f"/research/practice/{wave.pk}/").status_code == 403


def test_rounds_list_and_report_use_a_fixed_number_of_queries(client, make_staff, wave):
    client.force_login(make_staff("researcher"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/research/practice/{wave.pk}/").status_code == 200
    practice.import_responses(
        wave=wave,
        text=CSV.replace("PR-", "PS-") + "PS-004,1,0,0,0,0,0,0,0,0,none,none,Meer tijd\n",
        actor="t",
    )
    with CaptureQueriesContext(connection) as more:
        assert client.get(f"/research/practice/{wave.pk}/").status_code == 200
    assert len(more) == len(few)


def test_researcher_codes_an_open_answer(client, make_staff, wave):
    from ontmoeting.surveys.models import Answer, CodedSegment

    client.force_login(make_staff("researcher"))
    client.post(f"/research/practice/{wave.pk}/coding/", {"new-label": "intervisie"})
    answer = Answer.objects.get(item__code="open_support", response__wave=wave)
    code_id = client.get(f"/research/practice/{wave.pk}/coding/").context["codes"][0].pk
    client.post(
        f"/research/practice/{wave.pk}/coding/answers/{answer.pk}/", {"codes": [str(code_id)]}
    )
    assert CodedSegment.objects.filter(answer=answer).count() == 1


def test_respondent_answers_by_personal_link_and_sends(client, wave):
    profile = ExpertProfileFactory()
    invite = practice.invite_person(wave=wave, person=profile.person, actor="t")
    url = f"/research/practice/s/{invite_token(wave.pk, invite.study_code.code)}/"
    page = client.get(url).content.decode()
    assert page.count('name="item-role_') == 2 * 9  # yes and no for every role row
    response = client.post(
        url,
        {
            "item-role_critical_voice": "yes",
            "item-role_support": "no",
            "item-status": ["volunteer", "self_employed"],
            "item-profile_consent": "no",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    done = Response.objects.get(wave=wave, study_code=invite.study_code)
    assert done.completed_at is not None
    assert client.get(url).context["wave"] == wave  # the thanks page
    profile.refresh_from_db()
    assert profile.statuses == []


def test_unknown_link_is_not_found(client, wave):
    assert client.get("/research/practice/s/nope/").status_code == 404


def test_researcher_imports_a_csv_and_a_bad_file_writes_nothing(client, make_staff, wave):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_staff("researcher"))
    url = f"/research/practice/{wave.pk}/import/"
    bad = SimpleUploadedFile("x.csv", b"respondent,role_support\nPX-1,2\n", "text/csv")
    page = client.post(url, {"file": bad})
    assert 'data-testid="import-errors"' in page.content.decode()
    assert "role_support" in page.content.decode()
    assert Response.objects.filter(wave=wave).count() == 3
    good = SimpleUploadedFile("x.csv", b"respondent,role_support\nPX-1,1\n", "text/csv")
    assert client.post(url, {"file": good}).status_code == 302
    assert Response.objects.filter(wave=wave).count() == 4


def test_only_coordinators_see_who_was_invited(client, make_staff, wave):
    from ontmoeting.privacy.models import AuditEntry

    profile = ExpertProfileFactory(person__first_name="Mieke", person__last_name="Vermeulen")
    client.force_login(make_staff("researcher"))
    assert client.get(f"/research/practice/{wave.pk}/respondents/").status_code == 403
    assert "Vermeulen" not in client.get(f"/research/practice/{wave.pk}/").content.decode()
    client.force_login(make_staff("coordinator"))
    url = f"/research/practice/{wave.pk}/respondents/"
    assert client.post(url, {"people": [profile.person.pk]}).status_code == 302
    page = client.get(url).content.decode()
    assert "Mieke Vermeulen" in page
    assert "/research/practice/s/" in page
    assert AuditEntry.objects.filter(action="surveys.practice_links_read").exists()


def test_a_paper_form_with_an_invited_code_feeds_the_profile_only_with_consent(
    client, make_staff, wave
):
    client.force_login(make_staff("coordinator"))
    yes, no = ExpertProfileFactory(), ExpertProfileFactory()
    codes = {
        p: practice.invite_person(wave=wave, person=p.person, actor="t").study_code.code
        for p in (yes, no)
    }
    for profile, consent in ((yes, "yes"), (no, "no")):
        response = client.post(
            f"/research/practice/{wave.pk}/paper/",
            {
                "study_code": codes[profile],
                "item-role_support": "yes",
                "item-training": "professional",
                "item-profile_consent": consent,
            },
        )
        assert response.status_code == 302
    yes.refresh_from_db()
    no.refresh_from_db()
    assert (yes.roles, yes.training) == (["support"], "professional")
    assert (no.roles, no.training) == ([], "none")
    assert Response.objects.filter(wave=wave, source="paper").count() == 2
