"""Rooms: capacity and step-free are hard; waste and walking soft; infeasibility named."""

from __future__ import annotations

from ontmoeting.engine.model import Block, Room
from ontmoeting.engine.rooms import (
    ConversationUnit,
    GroupUnit,
    assign_conversation_rooms,
    assign_group_rooms,
    assign_rooms,
)
from ontmoeting.engine.venue_fit import group_rooms

AFTERNOON = Block("groups", "groups")


def test_group_rooms_least_waste_and_step_free():
    rooms = [
        Room("big", 20, step_free=True, kind="group"),
        Room("mid", 10, step_free=False, kind="group"),
        Room("small", 8, step_free=True, kind="any"),
    ]
    groups = [GroupUnit(0, 8, step_free=True), GroupUnit(1, 9)]
    out, waste, viol = assign_group_rooms(groups, group_rooms(rooms, AFTERNOON))
    assert out == {0: "small", 1: "mid"}
    assert waste == 1.0
    assert viol == []


def test_group_rooms_infeasible_names_groups_and_rooms():
    rooms = [Room("a", 10, step_free=False, kind="group"), Room("b", 10, kind="group")]
    groups = [GroupUnit(0, 8, step_free=True), GroupUnit(1, 8, step_free=True)]
    out, _, viol = assign_group_rooms(groups, group_rooms(rooms, AFTERNOON))
    assert len(out) == 1
    witness = viol[0]
    assert witness.code == "groups_cannot_all_have_rooms"
    assert (witness.groups, witness.rooms, witness.params["step_free"]) == ((0, 1), ("b",), True)
    [missing] = [v for v in viol if v.code == "no_room"]
    assert missing.group in (0, 1)
    assert missing.group not in out


def test_conversation_rooms_respect_seats_and_step_free():
    rooms = [
        Room("r1", 5, step_free=True, kind="conversation"),
        Room("r2", 4, step_free=False, kind="conversation"),
    ]
    units = [
        ConversationUnit("E1", 3, step_free=True),
        ConversationUnit("E2", 2),
        ConversationUnit("E3", 2, step_free=True),
        ConversationUnit("E4", 2),
    ]
    out, waste, _, viol = assign_conversation_rooms(units, rooms)
    assert viol == []
    assert out["E1"] == out["E3"] == "r1"
    assert out["E2"] == out["E4"] == "r2"
    assert waste == 0.0


def test_conversation_rooms_overflow_is_reported():
    rooms = [Room("r1", 4, kind="conversation")]
    units = [ConversationUnit(f"E{i}", 2) for i in range(3)]
    out, _, _, viol = assign_conversation_rooms(units, rooms)
    assert len(out) == 2
    assert [(v.code, v.params["seats"]) for v in viol] == [("conversation_no_room", 2)]


def test_conversation_rooms_prefer_short_walks():
    rooms = [
        Room("near", 4, kind="conversation", location=(0.0, 0.0)),
        Room("far", 4, kind="conversation", location=(500.0, 0.0)),
        Room("g", 10, kind="group", location=(0.0, 10.0)),
    ]
    groups = [GroupUnit(0, 6)]
    conv = [ConversationUnit("E1", 2, targets=((0.0, float("nan")),) * 2)]
    result = assign_rooms(groups, conv, rooms, walking=1.0)
    assert result.group_rooms == {0: "g"}
    assert result.conversation_rooms == {"E1": "near"}
    assert result.objective["walking"] == 20.0
    assert result.feasible
