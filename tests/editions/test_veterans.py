"""Veteran = took part in an earlier edition; newcomers did not."""

from __future__ import annotations

import pytest

from ontmoeting.editions.selectors import edition_counts, expert_standings, veteran_person_ids
from tests.factories import (
    EditionFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
)


@pytest.fixture
def editions(db):
    return (
        EditionFactory(year=2024, status="archived"),
        EditionFactory(year=2025, status="evaluated"),
        EditionFactory(year=2026, status="recruiting"),
    )


def test_present_in_an_earlier_edition_makes_a_veteran(editions):
    old, _, current = editions
    person = PersonFactory()
    ParticipantFactory(edition=old, person=person, role="expert", status="present")
    ParticipantFactory(edition=current, person=person, role="expert", status="registered")
    assert veteran_person_ids(current) == {person.pk}


@pytest.mark.parametrize("status", ["absent", "declined", "cancelled", "invited"])
def test_not_taking_part_earlier_does_not_make_a_veteran(editions, status):
    old, _, current = editions
    person = PersonFactory()
    ParticipantFactory(edition=old, person=person, role="expert", status=status)
    ParticipantFactory(edition=current, person=person, role="expert")
    assert veteran_person_ids(current) == set()


def test_confirmed_in_a_held_edition_counts_as_taking_part(editions):
    _, last_year, current = editions
    person = PersonFactory()
    ParticipantFactory(edition=last_year, person=person, role="expert", status="confirmed")
    assert veteran_person_ids(current, [person.pk]) == {person.pk}


def test_a_later_edition_does_not_make_an_earlier_veteran(editions):
    old, last_year, _ = editions
    person = PersonFactory()
    ParticipantFactory(edition=last_year, person=person, role="expert", status="present")
    ParticipantFactory(edition=old, person=person, role="expert", status="present")
    assert veteran_person_ids(old) == set()
    assert veteran_person_ids(last_year) == {person.pk}


def test_counts_show_veterans_newcomers_and_eligibility(editions, django_assert_max_num_queries):
    old, _, current = editions
    veteran = ParticipantFactory(edition=current, role="expert", ref="E1")
    ParticipantFactory(edition=old, person=veteran.person, role="expert", status="present")
    MembershipFactory(expert__person=veteran.person)
    ParticipantFactory(edition=current, role="expert", ref="E2")  # no membership: not eligible
    ParticipantFactory(edition=current, role="student", ref="S1")
    with django_assert_max_num_queries(6):
        counts = edition_counts(current)
    assert (counts.students, counts.experts, counts.eligible_experts) == (1, 2, 1)
    assert (counts.veteran_experts, counts.newcomer_experts, counts.newcomer_share) == (1, 1, 0.5)
    standings = {
        s.participant.ref: (s.veteran, s.eligibility.eligible) for s in expert_standings(current)
    }
    assert standings == {"E1": (True, True), "E2": (False, False)}
