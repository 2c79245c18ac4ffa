"""A person's rights: a machine-readable and a printable copy of their data, and erasure that
keeps only pseudonymous research data (answers under their study code, without the link)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from ontmoeting.cli import main
from ontmoeting.editions.models import Participant
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.models import AccessToken, AuditEntry, Consent
from ontmoeting.privacy.subject import erase_person, person_copy
from ontmoeting.privacy.tokens import issue_link
from ontmoeting.surveys.models import Answer, Response, StudyCodeVault
from ontmoeting.surveys.vault import study_code_for
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
    consent_special,
)
from tests.surveys.helpers import open_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def marc():
    """An expert with a profile, a domain, a membership, consent, a link, a message and a
    survey answer: everything erasure must take away."""
    from ontmoeting.surveys.defaults import ensure_default_instruments

    ensure_default_instruments()
    edition = EditionFactory(year=2026)
    person = PersonFactory(
        first_name="Marc", last_name="Peeters", email="marc@example.org", phone="0470 11 22 33"
    )
    profile = ExpertProfileFactory(person=person, diet="halal")
    profile.domains.add(ExperienceDomainFactory(code="verslaving"))
    MembershipFactory(expert=profile)
    consent_special(person)
    participant = ParticipantFactory(
        edition=edition, person=person, role="expert", ref="E014", accessibility="rolstoel"
    )
    issue_link(person, purpose="personal_page")
    OutboxMessage.objects.create(
        kind="invitation",
        language="nl",
        recipient=person.email,
        subject="Uitnodiging",
        body_text="Dag Marc",
        person=person,
        edition=edition,
        message_id="<m@example.org>",
    )
    wave = open_wave(edition, "pre")
    code = study_code_for(participant, audience="experts")
    response = Response.objects.create(
        wave=wave, study_code=code, completed_at=dt.datetime.now(dt.UTC)
    )
    Answer.objects.create(response=response, item=wave.instrument.items.first(), value_number=4)
    return person


def test_the_copy_holds_identity_profile_participations_answers_messages_and_consents(marc):
    data = person_copy(marc, actor="test").as_json()

    assert data["person"][0]["email"] == "marc@example.org"
    assert data["expert_profile"][0]["domains"] == ["verslaving"]
    assert data["participations"][0]["reference"] == "E014"
    assert data["survey_answers"][0]["answers"][0]["number"] == 4
    assert data["messages"][0]["subject"] == "Uitnodiging"
    assert [c["kind"] for c in data["consents"]] == ["special_category"]
    assert data["links"][0]["purpose"] == "personal_page"
    json.dumps(data)  # plain JSON values only
    entry = AuditEntry.objects.get(action="privacy.export")
    assert entry.object_id == str(marc.pk)


def test_the_command_writes_the_copy_as_json_by_email(marc, tmp_path, capsys):
    out = tmp_path / "marc.json"

    assert main(["privacy", "export", "marc@example.org", "--out", str(out)]) == 0

    assert json.loads(out.read_text())["person"][0]["last_name"] == "Peeters"


def test_the_command_writes_a_printable_pdf_by_participant_reference(marc, tmp_path):
    out = tmp_path / "marc.pdf"

    assert (
        main(["privacy", "export", "E014", "--year", "2026", "--format", "pdf", "--out", str(out)])
        == 0
    )

    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Peeters" in text
    assert "E014" in text


def test_an_unknown_person_or_a_reference_without_year_is_refused(marc, capsys):
    assert main(["privacy", "export", "nobody@example.org"]) == 2
    assert main(["privacy", "export", "E014"]) == 2
    out = capsys.readouterr().out
    assert "nobody@example.org" in out
    assert "--year" in out


def test_erasure_removes_the_person_and_keeps_answers_under_the_study_code(marc):
    answers_before = Answer.objects.count()
    code = StudyCodeVault.objects.get().study_code

    counts = erase_person(marc, actor="cli")

    person = Person.objects.get(pk=marc.pk)
    assert (person.first_name, person.last_name, person.email, person.phone) == ("", "", "", "")
    assert not ExpertProfile.objects.filter(person=person).exists()
    assert not Membership.objects.exists()
    assert not Consent.objects.filter(person=person).exists()
    assert not AccessToken.objects.filter(person=person).exists()
    assert not OutboxMessage.objects.filter(person=person).exists()
    assert not StudyCodeVault.objects.exists()
    participant = Participant.objects.get(person=person)
    assert (participant.ref, participant.accessibility) == ("", "")
    assert Answer.objects.count() == answers_before
    assert Response.objects.get().study_code == code
    assert counts["study_code_links"] == 1


def test_the_erasure_audit_entry_holds_no_personal_data(marc):
    erase_person(marc, actor="cli")

    entry = AuditEntry.objects.get(action="privacy.erase")
    text = json.dumps(entry.data) + entry.object_type + entry.object_id
    for personal in ("Marc", "Peeters", "marc@example.org", "0470"):
        assert personal not in text
    assert entry.object_id == ""


def test_the_erase_command_needs_confirm_and_then_erases(marc, capsys):
    assert main(["privacy", "erase", "marc@example.org"]) == 2
    assert Person.objects.get(pk=marc.pk).first_name == "Marc"

    assert main(["privacy", "erase", "marc@example.org", "--confirm"]) == 0

    assert Person.objects.get(pk=marc.pk).first_name == ""
    assert "messages: 1" in capsys.readouterr().out


def test_erasing_twice_removes_nothing_more_and_does_not_fail(marc):
    erase_person(marc, actor="cli")

    again = erase_person(marc, actor="cli")

    # Only the emptied record of the person is touched again.
    assert [key for key, n in again.items() if n] == ["person"]
