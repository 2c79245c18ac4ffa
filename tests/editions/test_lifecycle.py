"""The edition's lifecycle: only the allowed transitions, each audited; guards of higher apps."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from ontmoeting.editions.enums import TRANSITIONS, EditionStatus
from ontmoeting.editions.lifecycle import register_guard, unregister_guard
from ontmoeting.editions.models import InvalidTransition
from ontmoeting.editions.services import transition_edition
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory

FORWARD = ["draft", "recruiting", "planned", "published", "held", "evaluated", "archived"]
ALL_PAIRS = list(itertools.permutations(EditionStatus.values, 2))


def _published_plan(edition):
    """'published' needs a published plan version (planning's guard, tested there)."""
    return Plan.objects.create(edition=edition, version=1, status=PlanStatus.PUBLISHED)


@pytest.mark.django_db
def test_lifecycle_walks_forward_from_draft_to_archived():
    edition = EditionFactory(year=2025, status="draft")  # a day that has been
    _published_plan(edition)
    for target in FORWARD[1:]:
        transition_edition(edition, to=target, actor="test")
        edition.refresh_from_db()
        assert edition.status == target


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_transition_allowed_only_when_listed(current, target):
    edition = EditionFactory(year=2025, status=current)  # a day that has been
    _published_plan(edition)
    if target in TRANSITIONS[current]:
        transition_edition(edition, to=target, actor="test")
        edition.refresh_from_db()
        assert edition.status == target
    else:
        with pytest.raises(InvalidTransition):
            transition_edition(edition, to=target, actor="test")
        edition.refresh_from_db()
        assert edition.status == current


@pytest.mark.django_db
def test_invalid_transition_names_current_target_and_allowed():
    edition = EditionFactory(status="draft")
    with pytest.raises(InvalidTransition) as error:
        transition_edition(edition, to="published", actor="test")
    assert error.value.messages == [
        "Een editie kan niet van 'concept' naar 'gepubliceerd' gaan. Toegelaten: in werving."
    ]


@pytest.mark.django_db
def test_archived_edition_cannot_move():
    edition = EditionFactory(status="archived")
    with pytest.raises(InvalidTransition, match="Toegelaten: —"):
        transition_edition(edition, to="evaluated", actor="test")


@pytest.mark.django_db
def test_transition_is_audited_once_and_idempotent():
    edition = EditionFactory(status="recruiting")
    transition_edition(edition, to="planned", actor="cli")
    transition_edition(edition, to="planned", actor="cli")
    entries = list(AuditEntry.objects.filter(action="edition.transition"))
    assert len(entries) == 1
    assert entries[0].data == {"before": "recruiting", "after": "planned"}
    assert entries[0].actor_label == "cli"


@pytest.fixture
def guard():
    """A guard on 'recruiting' that refuses editions of 2031; removed after the test."""

    def no_2031(edition):
        return "Not in 2031." if edition.year == 2031 else None

    register_guard(EditionStatus.RECRUITING, no_2031)
    register_guard(EditionStatus.RECRUITING, no_2031)
    yield no_2031
    unregister_guard(EditionStatus.RECRUITING, no_2031)


@pytest.mark.django_db
def test_a_guard_of_the_target_status_refuses_and_nothing_changes(guard):
    refused = EditionFactory(year=2031, status="draft")
    with pytest.raises(InvalidTransition) as error:
        transition_edition(refused, to="recruiting", actor="test")
    assert error.value.messages == ["Not in 2031."]
    refused.refresh_from_db()
    assert refused.status == "draft"
    assert not AuditEntry.objects.filter(action="edition.transition").exists()

    allowed = EditionFactory(year=2032, status="draft")
    transition_edition(allowed, to="recruiting", actor="test")
    allowed.refresh_from_db()
    assert allowed.status == "recruiting"


@pytest.mark.django_db
def test_guards_run_only_after_the_lifecycle_allows_the_step(guard):
    edition = EditionFactory(year=2031, status="draft")
    with pytest.raises(InvalidTransition, match="kan niet van"):
        transition_edition(edition, to="held", actor="test")


@pytest.mark.django_db
def test_a_guard_registered_twice_runs_once_and_unregisters_fully():
    calls = []

    def counting(edition):
        calls.append(edition.pk)

    register_guard(EditionStatus.RECRUITING, counting)
    register_guard(EditionStatus.RECRUITING, counting)
    edition = EditionFactory(status="draft")
    transition_edition(edition, to="recruiting", actor="test")
    unregister_guard(EditionStatus.RECRUITING, counting)
    transition_edition(edition, to="draft", actor="test")
    transition_edition(edition, to="recruiting", actor="test")
    assert calls == [edition.pk]


@pytest.mark.django_db
def test_an_edition_is_not_marked_held_before_its_day():
    from ontmoeting.editions.lifecycle import not_before_the_day

    edition = EditionFactory(status="published")
    _published_plan(edition)
    day = edition.date
    assert not_before_the_day(edition, today=day) is None
    assert not_before_the_day(edition, today=day - dt.timedelta(days=1))
    if dt.date.today() < day:
        with pytest.raises(InvalidTransition, match="niet eerder"):
            transition_edition(edition, to="held", actor="test")
        edition.refresh_from_db()
        assert edition.status == "published"


@pytest.mark.django_db
def test_a_day_marked_held_too_soon_can_be_reopened_and_archiving_is_final():
    edition = EditionFactory(year=2025, status="held")
    _published_plan(edition)
    transition_edition(edition, to="published", actor="test")
    assert edition.status == "published"
    assert TRANSITIONS[EditionStatus.ARCHIVED] == ()
