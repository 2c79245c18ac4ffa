"""Rooms are resources per block of the day: a room's kind is a preference, a coordinator may
keep a room out of a part of the day, and a room taken in a block (a lecture) is not used then."""

from __future__ import annotations

import pytest

from ontmoeting.planning.inputs import edition_inputs
from ontmoeting.planning.services import plan_edition
from ontmoeting.planning.wording import Names, violation_text
from tests.factories import ProgrammeBlockFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def _afternoon(edition):
    return ProgrammeBlockFactory(edition=edition, kind="groups", starts="13:30", ends="15:30")


def _group_rooms(plan):
    return sorted(plan.groups.values_list("room__name", flat=True))


def test_conversation_rooms_host_groups_when_the_group_rooms_are_kept_out():
    edition, *_ = plannable_edition()  # 24 people: 3 groups of 8; 4 group and 4 conversation rooms
    edition.venue.rooms.filter(kind="group").update(excluded_uses=["groups"])
    plan, _ = plan_edition(edition, actor="test", settings=QUICK)
    assert plan.feasible, plan.violations
    assert all(name.startswith("C2026") for name in _group_rooms(plan))


def test_a_room_taken_during_the_afternoon_is_not_used_for_a_group():
    edition, *_ = plannable_edition()
    block = _afternoon(edition)
    taken = list(edition.venue.rooms.filter(kind="group").order_by("name")[:3])
    block.unavailable_rooms.set(taken)
    plan, _ = plan_edition(edition, actor="test", settings=QUICK)
    assert plan.feasible, plan.violations
    assert not set(_group_rooms(plan)) & {r.name for r in taken}
    # taken in the afternoon only: the other blocks may still use them
    rooms = {r.name: r for r in edition_inputs(edition).rooms}
    assert all(rooms[r.name].unavailable == {str(block.pk)} for r in taken)


def test_when_every_room_is_kept_out_the_reason_says_how_many_and_what_to_do():
    edition, *_ = plannable_edition()
    block = _afternoon(edition)
    block.unavailable_rooms.set(edition.venue.rooms.all())
    plan, result = plan_edition(edition, actor="test", settings=QUICK)
    assert not plan.feasible
    assert result.groups == ()
    [reason] = [v for v in result.violations if v.code == "too_few_rooms"]
    assert (reason.params["rooms"], reason.params["blocked_rooms"]) == (0, 8)
    text = violation_text(reason.to_json(), Names())
    assert text.startswith(
        "3 groepen van 8 hebben in de namiddag 3 lokalen met minstens 8 plaatsen nodig;"
    )
    assert text.endswith(
        "of de 8 lokalen toelaten die als niet vrij in de namiddag staan aangeduid."
    )
