"""Merging two records of one person: everything of the second moves onto the first (history,
claims, consents, links, messages, the expert profile), or nothing happens when they clash."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.cli import main
from ontmoeting.editions.models import HeldRegistration, Participant
from ontmoeting.expenses.models import Claim
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.merge import MergeRefused, _clashes, merge_people, merge_preview
from ontmoeting.people.models import ExpertProfile, Membership, Person
from ontmoeting.privacy.models import AccessToken, AuditEntry, Consent
from ontmoeting.privacy.tokens import issue_link
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
    SelfHelpGroupFactory,
    consent_special,
)
from tests.web.expenses_factories import private_receipts, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def twice():
    """Marc imported in 2025 with his e-mail, and again in 2026 without it."""
    keep = PersonFactory(first_name="Marc", last_name="Peeters", email="marc@example.org")
    drop = PersonFactory(first_name="Marc", last_name="Peeters", email="", phone="0470 11 22 33")
    ParticipantFactory(edition=EditionFactory(year=2025), person=keep, role="expert", ref="E7")
    ParticipantFactory(edition=EditionFactory(year=2026), person=drop, role="expert", ref="E14")
    return keep, drop


def _message(person, key):
    return OutboxMessage.objects.create(
        kind="invitation",
        language="nl",
        recipient=person.email,
        subject="Uitnodiging",
        body_text="Dag Marc",
        person=person,
        message_id=f"<{key}@example.org>",
    )


def _held(person, edition):
    return HeldRegistration.objects.create(
        edition=edition,
        person=person,
        data={"first_name": "Marc"},
        token_hash=f"{person.pk:064d}",
        expires=timezone.now() + dt.timedelta(days=7),
    )


def test_the_participations_of_other_years_move_and_the_record_goes(twice):
    keep, drop = twice

    result = merge_people(keep=keep, drop=drop, actor="test")

    years = sorted(keep.participations.values_list("edition__year", "ref"))
    assert years == [(2025, "E7"), (2026, "E14")]
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert result.dropped_id == drop.pk
    assert result.moved["participations"] == 1


def test_the_preview_names_each_participation_that_moves_and_changes_nothing(twice):
    keep, drop = twice

    preview = merge_preview(keep, drop)

    assert [(p.year, p.ref) for p in preview.participations] == [(2026, "E14")]
    assert preview.counts["participations"] == 1
    assert not preview.blocked
    assert Participant.objects.get(ref="E14").person_id == drop.pk


def test_claims_follow_their_participation(twice, private_receipts):  # noqa: F811
    keep, drop = twice
    claim = submitted(drop.participations.get())

    merge_people(keep=keep, drop=drop, actor="test")

    claim = Claim.objects.get(pk=claim.pk)
    assert claim.participant.person_id == keep.pk
    assert claim.participant.edition.year == 2026


def test_consents_of_both_are_kept_as_history_and_links_messages_and_held_forms_move(twice):
    keep, drop = twice
    consent_special(keep)
    consent_special(drop)
    issue_link(drop, purpose="personal_page")
    _message(drop, "m1")
    _held(drop, EditionFactory(year=2026))

    merge_people(keep=keep, drop=drop, actor="test")

    assert Consent.objects.filter(person=keep).count() == 2
    assert AccessToken.objects.get().person_id == keep.pk
    assert OutboxMessage.objects.get().person_id == keep.pk
    assert HeldRegistration.objects.get().person_id == keep.pk


def test_keeps_empty_contact_fields_are_filled_but_its_own_stay(twice):
    keep, drop = twice
    drop.email = "other@example.org"
    drop.gender = "m"
    drop.save()

    merge_people(keep=keep, drop=drop, actor="test")

    keep.refresh_from_db()
    assert (keep.email, keep.phone, keep.gender) == ("marc@example.org", "0470 11 22 33", "m")


def test_a_profile_only_the_dropped_record_has_moves_over(twice):
    keep, drop = twice
    profile = ExpertProfileFactory(person=drop, diet="halal")
    MembershipFactory(expert=profile)

    merge_people(keep=keep, drop=drop, actor="test")

    moved = ExpertProfile.objects.get()
    assert (moved.pk, moved.person_id, moved.diet) == (profile.pk, keep.pk, "halal")
    assert moved.memberships.count() == 1


def test_two_profiles_merge_into_the_kept_one(twice):
    keep, drop = twice
    shared, other = SelfHelpGroupFactory(name="AA Gent"), SelfHelpGroupFactory(name="Similes")
    mine = ExpertProfileFactory(
        person=keep, languages=["nl"], roles=["no_specific_role"], statuses=["none"], diet=""
    )
    theirs = ExpertProfileFactory(
        person=drop,
        languages=["en", "nl"],
        roles=["support"],
        statuses=["paid_employee"],
        can_chair=True,
        chaired_before=True,
        training="professional",
        diet="vegan",
        accessibility="rolstoel",
    )
    MembershipFactory(expert=mine, group=shared, since=dt.date(2020, 1, 1))
    MembershipFactory(expert=theirs, group=shared, since=dt.date(2018, 5, 1))
    MembershipFactory(expert=theirs, group=other, since=dt.date(2019, 1, 1))

    preview = merge_preview(keep, drop)
    merge_people(keep=keep, drop=drop, actor="test")

    assert (preview.profile.action, preview.profile.memberships) == ("merge", 1)
    profile = ExpertProfile.objects.get()
    assert profile.pk == mine.pk
    assert profile.languages == ["nl", "en"]
    assert profile.roles == ["support"]
    assert profile.statuses == ["paid_employee"]
    assert (profile.can_chair, profile.chaired_before) == (True, True)
    assert profile.training == "professional"
    assert (profile.diet, profile.accessibility) == ("vegan", "rolstoel")
    memberships = [(m.group.name, m.since) for m in Membership.objects.order_by("group__name")]
    assert memberships == [("AA Gent", dt.date(2018, 5, 1)), ("Similes", dt.date(2019, 1, 1))]
    profile.full_clean()


def test_keeps_training_and_filled_texts_win(twice):
    keep, drop = twice
    ExpertProfileFactory(person=keep, training="experience_work", diet="halal")
    ExpertProfileFactory(person=drop, training="professional", diet="vegan")

    merge_people(keep=keep, drop=drop, actor="test")

    profile = ExpertProfile.objects.get()
    assert (profile.training, profile.diet) == ("experience_work", "halal")


def test_domains_and_pending_domains_are_united_and_come_into_use_with_consent(twice):
    keep, drop = twice
    addiction, grief = (
        ExperienceDomainFactory(code="verslaving"),
        ExperienceDomainFactory(code="rouw"),
    )
    mine = ExpertProfileFactory(person=keep)
    consent_special(keep)
    mine.domains.add(addiction)
    theirs = ExpertProfileFactory(person=drop)
    theirs.pending_domains.add(grief)

    merge_people(keep=keep, drop=drop, actor="test")

    profile = ExpertProfile.objects.get()
    assert sorted(d.code for d in profile.domains.all()) == ["rouw", "verslaving"]
    assert list(profile.pending_domains.all()) == []


def test_without_consent_the_dropped_domains_stay_pending(twice):
    keep, drop = twice
    ExpertProfileFactory(person=keep)
    theirs = ExpertProfileFactory(person=drop)
    theirs.pending_domains.add(ExperienceDomainFactory(code="rouw"))

    merge_people(keep=keep, drop=drop, actor="test")

    profile = ExpertProfile.objects.get()
    assert [d.code for d in profile.pending_domains.all()] == ["rouw"]
    assert list(profile.domains.all()) == []


def test_one_audit_entry_says_who_merged_what(twice, make_staff):
    keep, drop = twice
    coordinator = make_staff("coordinator")
    consent_special(drop)

    merge_people(keep=keep, drop=drop, actor=coordinator)

    entry = AuditEntry.objects.get(action="person.merge")
    assert (entry.actor, entry.object_id) == (coordinator, str(keep.pk))
    assert entry.data["dropped"] == drop.pk
    assert entry.data["moved"]["participations"] == 1
    assert entry.data["moved"]["consents"] == 1


def test_taking_part_in_the_same_edition_refuses_and_names_the_year(twice):
    keep, drop = twice
    ParticipantFactory(edition=EditionFactory(year=2026), person=keep, ref="E99")

    preview = merge_preview(keep, drop)
    with pytest.raises(MergeRefused) as refused:
        merge_people(keep=keep, drop=drop, actor="test")

    assert [(p.code, p.year) for p in preview.problems] == [("same_edition", 2026)]
    assert "2026" in str(refused.value)
    assert Person.objects.filter(pk=drop.pk).exists()
    assert drop.participations.count() == 1
    assert not AuditEntry.objects.filter(action="person.merge").exists()


def test_a_record_cannot_be_merged_with_itself(twice):
    keep, _drop = twice

    with pytest.raises(MergeRefused) as refused:
        merge_people(keep=keep, drop=keep, actor="test")

    assert [p.code for p in refused.value.problems] == ["same_person"]
    assert [p.code for p in merge_preview(keep, keep).problems] == ["same_person"]
    assert Person.objects.filter(pk=keep.pk).exists()


def test_an_anonymised_record_is_refused_and_nothing_moves(twice):
    keep, drop = twice
    Person.objects.filter(pk=drop.pk).update(anonymised=timezone.now())
    drop.refresh_from_db()
    issue_link(drop, purpose="personal_page")

    with pytest.raises(MergeRefused, match=str(drop.pk)):
        merge_people(keep=keep, drop=drop, actor="test")

    assert AccessToken.objects.get().person_id == drop.pk
    assert drop.participations.count() == 1


def test_a_record_deleted_meanwhile_is_refused(twice):
    keep, _drop = twice
    gone = PersonFactory()
    Person.objects.filter(pk=gone.pk).delete()

    with pytest.raises(MergeRefused) as refused:
        merge_people(keep=keep, drop=gone, actor="test")

    assert [p.code for p in refused.value.problems] == ["gone"]


def test_every_relation_to_a_person_is_one_the_merge_can_move():
    """A many-to-many to Person would need its own handling in people/merge.py."""
    relations = Person._meta.related_objects
    assert relations
    assert not any(rel.many_to_many for rel in relations)


def test_the_command_merges_and_a_dry_run_changes_nothing(twice, capsys):
    keep, drop = twice

    assert main(["people", "merge", str(keep.pk), str(drop.pk), "--dry-run"]) == 0
    assert Person.objects.filter(pk=drop.pk).exists()
    assert "2026" in capsys.readouterr().out

    assert main(["people", "merge", str(keep.pk), str(drop.pk)]) == 0
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert AuditEntry.objects.get(action="person.merge").actor_label == "cli"


def test_the_command_refuses_with_exit_code_2(twice, capsys):
    keep, drop = twice
    ParticipantFactory(edition=EditionFactory(year=2025), person=drop, ref="E2")

    assert main(["people", "merge", str(keep.pk), str(drop.pk)]) == 2
    assert main(["people", "merge", str(keep.pk), "999999"]) == 2

    out = capsys.readouterr().out
    assert "2025" in out
    assert "999999" in out
    assert Person.objects.filter(pk=drop.pk).exists()


def test_the_generic_unique_check_sees_a_rule_of_one_row_per_person_and_edition(twice):
    """What refuses a future relation with a unique rule on the person: tried on the one rule
    of today (participations, which the preview words by year)."""
    keep, drop = twice
    participations = next(
        rel for rel in Person._meta.related_objects if rel.name == "participations"
    )
    assert not _clashes(participations, keep, drop)

    ParticipantFactory(edition=EditionFactory(year=2026), person=keep, ref="E99")

    assert _clashes(participations, keep, drop)
