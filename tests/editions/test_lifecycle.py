"""The edition's lifecycle: only the allowed transitions, each audited."""

from __future__ import annotations

import itertools

import pytest

from ontmoeting.editions.enums import TRANSITIONS, EditionStatus
from ontmoeting.editions.models import InvalidTransition
from ontmoeting.editions.services import transition_edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory

FORWARD = ["draft", "recruiting", "planned", "published", "held", "evaluated", "archived"]
ALL_PAIRS = list(itertools.permutations(EditionStatus.values, 2))


@pytest.mark.django_db
def test_lifecycle_walks_forward_from_draft_to_archived():
    edition = EditionFactory(status="draft")
    for target in FORWARD[1:]:
        transition_edition(edition, to=target, actor="test")
        edition.refresh_from_db()
        assert edition.status == target


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_transition_allowed_only_when_listed(current, target):
    edition = EditionFactory(status=current)
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
        "An edition cannot go from 'draft' to 'published'. Allowed: recruiting."
    ]


@pytest.mark.django_db
def test_archived_edition_cannot_move():
    edition = EditionFactory(status="archived")
    with pytest.raises(InvalidTransition, match="Allowed: —"):
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
