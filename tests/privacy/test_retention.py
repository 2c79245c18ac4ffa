"""Retention: the purge removes what the policy no longer allows to keep, per category,
idempotently and audited; a dry run changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.cli import main
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.consent import current_text, give_consent
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.privacy.retention import purge
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 29)


def _expert_of(edition, **person):
    profile = ExpertProfileFactory(person=PersonFactory(phone="0470 12 34 56", **person))
    profile.domains.add(ExperienceDomainFactory(code="verslaving"))
    MembershipFactory(expert=profile)
    ParticipantFactory(edition=edition, person=profile.person, role="expert")
    return profile


def test_an_archived_2009_expert_loses_name_contact_domains_and_membership():
    profile = _expert_of(EditionFactory(year=2009, status="archived"), first_name="Jan")

    report = purge(actor="cli", today=TODAY)

    person = Person.objects.get(pk=profile.person.pk)
    assert (person.first_name, person.last_name, person.email, person.phone) == ("", "", "", "")
    assert person.anonymised is not None
    assert list(ExpertProfile.objects.get(pk=profile.pk).domains.all()) == []
    assert not Membership.objects.filter(expert=profile).exists()
    assert (report.counts["contact"], report.counts["special_category"]) == (1, 1)


def test_a_person_who_returned_keeps_their_contact_data():
    person = PersonFactory(first_name="Ria")
    ParticipantFactory(edition=EditionFactory(year=2009), person=person)
    ParticipantFactory(edition=EditionFactory(year=2025), person=person)

    purge(actor="cli", today=TODAY)

    assert Person.objects.get(pk=person.pk).first_name == "Ria"


def test_contact_data_stays_within_the_configured_years(settings):
    person = PersonFactory(first_name="Lut")
    ParticipantFactory(edition=EditionFactory(year=2023), person=person)
    assert purge(actor="cli", today=TODAY).counts["contact"] == 0

    settings.ONTMOETING_RETENTION = {"contact_years": 2}
    assert purge(actor="cli", today=TODAY).counts["contact"] == 1
    assert Person.objects.get(pk=person.pk).first_name == ""


def test_domains_go_at_the_end_of_the_edition_without_special_consent():
    profile = _expert_of(EditionFactory(year=2025))

    purge(actor="cli", today=TODAY)

    assert list(profile.domains.all()) == []
    assert Person.objects.get(pk=profile.person.pk).first_name != ""  # contact data stays


def test_a_special_category_consent_keeps_the_domains_after_the_edition():
    profile = _expert_of(EditionFactory(year=2025))
    give_consent(profile.person, text=current_text("special_category"), actor="test")

    purge(actor="cli", today=TODAY)

    assert [d.code for d in profile.domains.all()] == ["verslaving"]
    assert Membership.objects.filter(expert=profile).count() == 1


def test_domains_of_an_edition_still_to_come_stay():
    profile = _expert_of(EditionFactory(year=2026))  # 10 December 2026

    purge(actor="cli", today=TODAY)

    assert [d.code for d in profile.domains.all()] == ["verslaving"]


def test_old_sent_messages_go_queued_ones_stay():
    person = PersonFactory()
    old = OutboxMessage.objects.create(
        kind="invitation",
        language="nl",
        status="sent",
        recipient=person.email,
        subject="Uitnodiging",
        body_text="Dag",
        person=person,
        message_id="<old@x>",
    )
    OutboxMessage.objects.filter(pk=old.pk).update(created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    waiting = OutboxMessage.objects.create(
        kind="invitation",
        language="nl",
        recipient=person.email,
        subject="Uitnodiging",
        body_text="Dag",
        person=person,
        message_id="<new@x>",
    )
    OutboxMessage.objects.filter(pk=waiting.pk).update(
        created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    )

    assert purge(actor="cli", today=TODAY).counts["messages"] == 1
    assert list(OutboxMessage.objects.all()) == [waiting]


def test_the_purge_is_idempotent_and_audited():
    _expert_of(EditionFactory(year=2009))

    first = purge(actor="cli", today=TODAY)
    second = purge(actor="cli", today=TODAY)

    assert first.total == 2
    assert second.total == 0
    entries = AuditEntry.objects.filter(action="privacy.purge").order_by("pk")
    assert [(e.data["contact"], e.data["special_category"]) for e in entries] == [(1, 1), (0, 0)]


def test_the_dry_run_changes_nothing_and_says_what_it_would_remove(capsys):
    profile = _expert_of(EditionFactory(year=2009), first_name="Jan")

    assert main(["privacy", "purge", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "contact: 1" in out
    assert "special_category: 1" in out
    assert Person.objects.get(pk=profile.person.pk).first_name == "Jan"
    assert not AuditEntry.objects.filter(action="privacy.purge").exists()


def test_the_command_purges_and_a_second_run_removes_nothing(capsys):
    _expert_of(EditionFactory(year=2009))

    assert main(["privacy", "purge"]) == 0
    assert "contact: 1" in capsys.readouterr().out
    assert main(["privacy", "purge"]) == 0
    assert "contact: 0" in capsys.readouterr().out


def test_a_consent_no_longer_covers_domains_once_the_contact_data_is_gone():
    profile = _expert_of(EditionFactory(year=2009))
    give_consent(profile.person, text=current_text("special_category"), actor="test")

    dry = purge(actor="cli", today=TODAY, dry_run=True)
    real = purge(actor="cli", today=TODAY)

    assert dry.counts == real.counts == {"contact": 1, "messages": 0, "special_category": 1}
    assert list(profile.domains.all()) == []
