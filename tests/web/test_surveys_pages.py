"""Survey pages: roles, no leak of identities to researchers, the public survey page, query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from ontmoeting.surveys import services, vault
from ontmoeting.surveys.models import Response
from tests.surveys.helpers import (
    LIKERT_ALL_4,
    answer,
    edition_with_debriefing,
    experts,
    open_wave,
    students,
    token_for,
)

pytestmark = pytest.mark.django_db


def _research_data(year: int = 2026, n: int = 3):
    """An edition whose people have names and emails, with answered pre/post/feedback waves."""
    edition = edition_with_debriefing(year)
    people = students(edition, n)
    (expert,) = experts(edition, 1)
    pre, post = open_wave(edition, "pre"), open_wave(edition, "post")
    feedback = open_wave(edition, "expert_feedback")
    for wave in (pre, post, feedback):
        services.invite_wave(wave=wave, actor="t")
    for wave in (pre, post):
        for invitee in vault.invitees(wave):
            answer(
                invitee.invite, {**LIKERT_ALL_4, "open_thoughts": f"Thought {invitee.invite.pk}"}
            )
    (fb,) = vault.invitees(feedback)
    answer(fb.invite, {"energy": 1, "come_back": "no", "open_tips": "More breaks"})
    code = services.create_code(label="breaks", actor="t")
    tip = Response.objects.get(wave=feedback).answers.get(item__code="open_tips")
    services.code_answer(answer=tip, codes=[code], actor="t")
    return edition, people, expert


def researcher_urls(edition, instrument_id: int) -> list[str]:
    base = f"/research/editions/{edition.pk}"
    return [
        "/research/",
        "/research/instruments/",
        f"/research/instruments/{instrument_id}/",
        "/research/instruments/import/",
        f"{base}/",
        f"{base}/coding/",
        f"{base}/coding/export.csv",
        f"{base}/coding/export.xlsx",
    ]


def coordinator_urls(edition, wave_id: int) -> list[str]:
    base = f"/research/editions/{edition.pk}"
    return [
        f"{base}/waves/",
        f"{base}/waves/{wave_id}/paper/",
        f"{base}/waves/{wave_id}/paper-form/",
        f"{base}/flagged-experts/",
    ]


def test_researcher_pages_and_exports_show_no_identity_and_never_query_the_vault(
    client, make_staff
):
    edition, people, expert = _research_data()
    client.force_login(make_staff("researcher"))
    instrument_id = edition.waves.first().instrument_id
    secrets = set()
    for participant in [*people, expert]:
        person = participant.person
        secrets |= {person.first_name, person.last_name, person.email, participant.ref}
    with CaptureQueriesContext(connection) as queries:
        for url in researcher_urls(edition, instrument_id):
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode("utf-8", "ignore") if "xlsx" not in url else ""
            if url.endswith(".xlsx"):
                import io

                from openpyxl import load_workbook

                book = load_workbook(io.BytesIO(response.content))
                body = " ".join(
                    str(c) for s in book for row in s.iter_rows(values_only=True) for c in row
                )
            leaked = sorted(s for s in secrets if s and s in body)
            assert leaked == [], (url, leaked)
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "surveys_studycodevault" not in sql
    assert "editions_participant" not in sql
    # The scrubber of open answers reads names to mask them (the coding page and its exports):
    # first and last names only, nothing else of a person.
    person_reads = [
        set(re.findall(r'"people_person"\."(\w+)"', q["sql"].lower().split(" from ")[0]))
        for q in queries.captured_queries
        if "people_person" in q["sql"].lower()
    ]
    assert person_reads
    assert all(columns == {"first_name", "last_name"} for columns in person_reads), person_reads


def test_researchers_cannot_reach_coordinator_pages_or_who_answered(client, make_staff):
    edition, _people, _expert = _research_data()
    wave = edition.waves.get(kind="pre")
    client.force_login(make_staff("researcher"))
    for url in coordinator_urls(edition, wave.pk):
        assert client.get(url).status_code == 403, url
    for action in ("invite", "remind", "open", "close"):
        url = f"/research/editions/{edition.pk}/waves/{wave.pk}/do/{action}/"
        assert client.post(url).status_code == 403


@pytest.mark.parametrize("role", ["admin"])
def test_admins_reach_no_survey_page(client, make_staff, role):
    edition, _people, _expert = _research_data()
    wave = edition.waves.get(kind="pre")
    client.force_login(make_staff(role))
    for url in researcher_urls(edition, wave.instrument_id) + coordinator_urls(edition, wave.pk):
        assert client.get(url).status_code == 403, url


def test_coordinator_sees_waves_rates_and_flagged_experts(client, make_staff):
    edition, _people, expert = _research_data(2025)
    this_year = edition_with_debriefing(2026)
    client.force_login(make_staff("coordinator"))
    page = client.get(f"/research/editions/{edition.pk}/waves/").content.decode()
    assert expert.person.full_name in page  # flagged by this edition's own feedback
    flagged = client.get(f"/research/editions/{this_year.pk}/flagged-experts/").content.decode()
    assert expert.person.full_name in flagged
    assert "geen energie" in flagged or "no energy at all" in flagged


def test_coordinator_creates_opens_and_invites_through_pages(client, make_staff):
    edition = edition_with_debriefing()
    students(edition, 2)
    client.force_login(make_staff("coordinator"))
    response = client.post(
        f"/research/editions/{edition.pk}/waves/",
        {
            "kind": "post",
            "opens": "2026-12-10T18:00",
            "closes": "2026-12-30T18:00",
            "instrument": "",
        },
    )
    assert response.status_code == 302
    wave = edition.waves.get(kind="post")
    bad = client.post(
        f"/research/editions/{edition.pk}/waves/",
        {"kind": "follow_up", "opens": "2026-12-10T11:00", "closes": "2026-12-30T18:00"},
    )
    assert bad.status_code == 200
    assert "debriefing" in bad.content.decode()
    client.post(f"/research/editions/{edition.pk}/waves/{wave.pk}/do/open/")
    client.post(f"/research/editions/{edition.pk}/waves/{wave.pk}/do/invite/")
    assert wave.invites.filter(invited_at__isnull=False).count() == 2


def test_wave_of_another_edition_is_404(client, make_staff):
    edition = edition_with_debriefing(2026)
    other = edition_with_debriefing(2025)
    wave = open_wave(other, "pre")
    client.force_login(make_staff("coordinator"))
    assert client.get(f"/research/editions/{edition.pk}/waves/{wave.pk}/paper/").status_code == 404
    assert (
        client.post(f"/research/editions/{edition.pk}/waves/{wave.pk}/do/close/").status_code == 404
    )


def test_paper_entry_page_saves_a_form(client, make_staff):
    edition = edition_with_debriefing()
    wave = open_wave(edition, "post")
    client.force_login(make_staff("coordinator"))
    url = f"/research/editions/{edition.pk}/waves/{wave.pk}/paper/"
    response = client.post(
        url, {"self_code": "ma07ge", "item-att_1": "4", "item-open_thoughts": "ok"}
    )
    assert response.status_code == 302
    (saved,) = Response.objects.filter(wave=wave)
    assert (saved.source, saved.self_code, saved.completed_at is not None) == (
        "paper",
        "MA07GE",
        True,
    )
    bad = client.post(url, {"self_code": "x"})
    assert bad.status_code == 200
    assert Response.objects.filter(wave=wave).count() == 1


def test_public_survey_page_saves_partial_answers_then_submits(client):
    edition = edition_with_debriefing()
    students(edition, 1)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    (invitee,) = vault.invitees(wave)
    url = f"/research/s/{token_for(invitee.invite)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["rows"][0].item.code == "att_1"
    assert "privacy-heading" in page.content.decode()
    client.post(url, {"item-att_1": "2", "action": "save"})
    response = Response.objects.get(wave=wave)
    assert response.completed_at is None
    assert client.get(url).context["answered"] == 1
    client.post(
        url,
        {
            "item-att_1": "2",
            "item-att_2": "5",
            "sc_mother": "Ma",
            "sc_day": "7",
            "sc_town": "Gent",
            "action": "submit",
        },
    )
    response.refresh_from_db()
    assert response.completed_at is not None
    assert response.self_code == "MA07GE"
    assert "thanks" in client.get(url).content.decode()


def test_public_survey_page_uses_the_invitees_language_and_rejects_bad_links(client):
    edition = edition_with_debriefing()
    students(edition, 1, language="it")
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    (invitee,) = vault.invitees(wave)
    page = client.get(f"/research/s/{token_for(invitee.invite)}/").content.decode()
    assert 'lang="it"' in page
    assert "Le persone che ricevono aiuto" in page
    assert client.get("/research/s/not-a-token/").status_code == 404


def _home_with(n: int):
    for year in range(2020, 2020 + n):
        edition = edition_with_debriefing(year)
        open_wave(edition, "pre")


@pytest.mark.parametrize("n", [1, 3])
def test_research_home_query_count(client, make_staff, django_assert_max_num_queries, n):
    _home_with(n)
    client.force_login(make_staff("researcher"))
    with django_assert_max_num_queries(10):
        assert client.get("/research/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_coding_page_query_count(client, make_staff, django_assert_max_num_queries, n):
    edition = edition_with_debriefing()
    students(edition, n)
    wave = open_wave(edition, "post")
    services.invite_wave(wave=wave, actor="t")
    for invitee in vault.invitees(wave):
        answer(invitee.invite, {"open_thoughts": "Something"})
    services.create_code(label="c1", actor="t")
    client.force_login(make_staff("researcher"))
    # the same number for 1 or 3 answers: linking the respondents reads the waves and the
    # responses once, the scrubber the names once
    with django_assert_max_num_queries(13):
        response = client.get(f"/research/editions/{edition.pk}/coding/")
    assert len(response.context["answers"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_waves_page_query_count(client, make_staff, django_assert_max_num_queries, n):
    edition = edition_with_debriefing()
    for kind in ["pre", "post", "expert_feedback"][:n]:
        open_wave(edition, kind)
    client.force_login(make_staff("coordinator"))
    with django_assert_max_num_queries(18):
        assert client.get(f"/research/editions/{edition.pk}/waves/").status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_instruments_page_query_count(
    client, make_staff, django_assert_max_num_queries, n, tmp_path
):
    import json

    from ontmoeting.surveys.importer import import_instrument
    from tests.surveys.test_importer import fake_spec

    for i in range(n):
        spec = fake_spec()
        spec["instrument"]["version"] = i + 1
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(spec))
        import_instrument(path, actor="t")
    client.force_login(make_staff("researcher"))
    with django_assert_max_num_queries(10):
        assert client.get("/research/instruments/").status_code == 200


def test_researcher_imports_an_instrument_and_sees_row_errors(client, make_staff, tmp_path):
    import json

    from tests.surveys.test_importer import fake_spec

    client.force_login(make_staff("researcher"))
    spec = fake_spec()
    spec["items"][0]["kind"] = "slider"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(spec))
    with path.open("rb") as handle:
        response = client.post("/research/instruments/import/", {"file": handle})
    assert "items[0].kind" in response.content.decode()
    path.write_text(json.dumps(fake_spec()))
    with path.open("rb") as handle:
        response = client.post("/research/instruments/import/", {"file": handle})
    assert response.status_code == 302


def test_an_instrument_with_xml_entities_gets_a_clear_error_not_a_500(client, make_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.hostile_files import entities_xlsx

    client.force_login(make_staff("researcher"))
    upload = SimpleUploadedFile("cami.xlsx", entities_xlsx())
    response = client.post("/research/instruments/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["errors"] == [
        "cami.xlsx: het .xlsx-bestand declareert een documenttype met entiteiten "
        "(in xl/worksheets/sheet1.xml); een rekenblad heeft dat nooit nodig, dus het wordt "
        "niet gelezen"
    ]


def test_an_oversized_instrument_file_is_refused_by_its_kinds_limit(client, make_staff, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ONTMOETING_UPLOAD_MAX_BYTES = {
        **settings.ONTMOETING_UPLOAD_MAX_BYTES,
        "instrument": 10,
    }
    client.force_login(make_staff("researcher"))
    upload = SimpleUploadedFile("cami.json", b'{"items": []}' * 2)
    response = client.post("/research/instruments/import/", {"file": upload})
    assert response.context["form"].errors["file"] == [
        "cami.json: het bestand is groter dan 9.54e-06 MB (het is 2.48e-05 MB)"
    ]


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_reminding_a_wave_that_is_not_open_shows_why_on_the_wave_page(client, make_staff, status):
    """A stale tab or a double click posts "remind" to a wave that is no longer open: the page
    comes back with the refusal, nothing is sent, nothing crashes."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from ontmoeting.messaging.models import OutboxMessage
    from ontmoeting.surveys.models import Wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    Wave.objects.filter(pk=wave.pk).update(status=status)
    wave.refresh_from_db()
    with translation.override("nl"), pytest.raises(ValidationError) as refusal:
        services.remind_wave(wave=wave, actor="t")
    before = OutboxMessage.objects.count()
    client.force_login(make_staff("coordinator"))
    response = client.post(
        f"/research/editions/{edition.pk}/waves/{wave.pk}/do/remind/", follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(f"/research/editions/{edition.pk}/waves/", 302)]
    page = response.content.decode()
    (message,) = refusal.value.messages
    assert escape(message) in page
    assert OutboxMessage.objects.count() == before
