"""Each endpoint against each role: who gets in, and what they see (identities never to
researchers); the plan as the CLI prints it; check-in as the desk records it."""

from __future__ import annotations

import json

import pytest

from ontmoeting.cli import main
from ontmoeting.dayof.board import is_present
from ontmoeting.dayof.models import DeskAction
from ontmoeting.editions.models import Participant
from ontmoeting.privacy.models import AuditEntry
from tests.reports.survey_data import (
    SECRET_EMAIL_DOMAIN,
    SECRET_NAME,
    SECRET_SURNAME,
    make_survey_edition,
)
from tests.web.expenses_factories import expert, private_receipts, submitted  # noqa: F401
from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db
ROLES = ("coordinator", "researcher", "admin", "helper", "finance")


@pytest.fixture(autouse=True)
def _restore_language():
    """``main`` activates the CLI's language for the thread; give the next test the default."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def edition():
    edition, _students, _experts = plannable_edition(n_pairs=4, chairs=1)
    return edition


def _names(edition) -> list[str]:
    people = Participant.objects.filter(edition=edition).select_related("person")
    return [p.person.last_name for p in people] + [p.person.email for p in people if p.person.email]


#: Which roles may open each endpoint (by its path under an edition).
ALLOWED = {
    "": {"coordinator", "researcher", "finance", "helper"},
    "/participants": {"coordinator"},
    "/research": {"coordinator", "researcher"},
    "/claims": {"finance"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tail", list(ALLOWED))
def test_each_reading_endpoint_lets_in_exactly_its_roles(caller_for, edition, role, tail):
    client = caller_for(role)
    response = client.get(f"/editions/{edition.pk}{tail}")
    if role in ALLOWED[tail]:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        for name in _names(edition):
            assert name not in response.content.decode()


def test_coordinators_get_names_and_contact_and_the_read_is_audited(api, token_for, edition):
    response = api(token_for("coordinator")).get(f"/editions/{edition.pk}/participants")
    rows = response.json()
    assert {r["last_name"] for r in rows} == {
        p.person.last_name for p in Participant.objects.filter(edition=edition)
    }
    entry = AuditEntry.objects.get(action="participant.list")
    assert entry.data["via"] == "api"
    assert len(entry.data["participants"]) == len(rows)


def test_researchers_get_pseudonymous_survey_data_without_a_name_or_email(api, token_for):
    data = make_survey_edition(n_students=4, n_answering=3)
    client = api(token_for("researcher"))
    response = client.get(f"/editions/{data.edition.pk}/research")
    assert response.status_code == 200
    body = response.content.decode()
    for secret in (SECRET_NAME, SECRET_SURNAME, SECRET_EMAIL_DOMAIN, "@"):
        assert secret not in body
    for code in data.codes:
        assert code.code not in body
    payload = response.json()
    assert len(payload["rows"]) == 4
    assert payload["profile"] == "deidentified"
    assert all(row["pseudonym"].startswith("R-") for row in payload["rows"])
    assert AuditEntry.objects.filter(action="surveys.export", data__format="json").count() == 1
    # The participants' identities stay closed to them.
    assert client.get(f"/editions/{data.edition.pk}/participants").status_code == 403


def test_the_plan_is_the_json_the_cli_prints(api, token_for, edition, capsys):
    assert main(["plan", str(edition.year), "--json", "--time-limit", "1"]) in (0, 3)
    printed = json.loads(capsys.readouterr().out)
    client = api(token_for("coordinator"))
    response = client.get(f"/editions/{edition.pk}/plan", which="latest")
    assert response.status_code == 200
    assert response.json() == printed
    # Nothing published yet: the published plan is not found.
    assert client.get(f"/editions/{edition.pk}/plan").status_code == 404


def test_check_in_is_recorded_once_and_the_desk_sees_it(
    api, token_for, edition, client, make_staff
):
    person = Participant.objects.filter(edition=edition, role="expert").first()
    desk = api(token_for("helper"))
    tap = {"key": "api-tap-1", "kind": "arrive", "participant": person.pk}
    first = desk.post(f"/editions/{edition.pk}/checkins", tap)
    again = desk.post(f"/editions/{edition.pk}/checkins", tap)
    assert first.status_code == 200
    assert first.json()["outcome"] == "done"
    assert again.json()["outcome"] == "repeated"
    assert DeskAction.objects.filter(participant=person).count() == 1
    assert is_present(Participant.objects.get(pk=person.pk))
    assert AuditEntry.objects.filter(action="api.checkin").count() == 1
    # The desk page, sending the same tap, finds it recorded.
    client.force_login(make_staff("coordinator", "desk-coordinator"))
    answer = client.post(
        f"/day/{edition.pk}/desk/sync/",
        json.dumps({"taps": [tap]}),
        content_type="application/json",
    ).json()["results"][0]
    assert answer["outcome"] == "repeated"
    assert answer["present"] is True


def test_a_tap_the_desk_refuses_is_a_conflict_problem(api, token_for, edition):
    person = Participant.objects.filter(edition=edition).first()
    person.status = "cancelled"
    person.save()
    response = api(token_for("coordinator")).post(
        f"/editions/{edition.pk}/checkins", {"key": "k", "participant": person.pk}
    )
    assert response.status_code == 409
    assert response.json()["detail"]


@pytest.mark.parametrize("role", ["researcher", "finance", "admin"])
def test_other_roles_cannot_check_in(caller_for, edition, role):
    person = Participant.objects.filter(edition=edition).first()
    response = caller_for(role).post(
        f"/editions/{edition.pk}/checkins", {"key": "k", "participant": person.pk}
    )
    assert response.status_code == 403
    assert not DeskAction.objects.exists()


def test_finance_sees_approved_claims_with_the_iban_masked(
    api,
    token_for,
    make_staff,
    private_receipts,  # noqa: F811
):
    from ontmoeting.expenses.services import approve_claim
    from tests.web.expenses_factories import GOOD_IBAN

    claim = approve_claim(claim=submitted(expert()), actor=make_staff("coordinator", "approver"))
    response = api(token_for("finance")).get(f"/editions/{claim.edition_id}/claims")
    assert response.status_code == 200
    (row,) = response.json()
    assert row["id"] == claim.pk
    assert row["total"] == str(claim.total)
    assert GOOD_IBAN.replace(" ", "") not in response.content.decode().replace(" ", "")
    assert row["iban_masked"] == claim.iban_masked
    assert AuditEntry.objects.filter(action="api.claims").count() == 1
