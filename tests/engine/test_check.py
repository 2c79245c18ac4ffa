"""The one rule check of a whole plan: a valid plan passes, and each broken rule is found once,
by its code, with the people, rooms and groups involved."""

from __future__ import annotations

import dataclasses

import pytest

from ontmoeting.engine.check import PlanLayout, check_plan
from ontmoeting.engine.group_model import Group
from ontmoeting.engine.model import Block, Expert, PlanSettings, Room, Student

BLOCKS = (
    Block("w", "welcome"),
    Block("m", "one_to_one"),
    Block("l", "lunch"),
    Block("a", "groups"),
)
SETTINGS = PlanSettings(group_min_size=2, group_max_size=6, pairing=PlanSettings().pairing)
STUDENTS = [Student(f"S{i}") for i in range(4)]
EXPERTS = [
    Expert("E0", can_chair=True, chaired_before=True),
    Expert("E1", can_chair=True, chaired_before=True),
    Expert("E2"),
    Expert("E3"),
]
ROOMS = [
    Room("Aula", 40, kind="plenary"),
    Room("M1", 4, kind="conversation"),
    Room("M2", 4, kind="conversation", step_free=False),
    Room("G1", 6, kind="group"),
    Room("G2", 6, kind="group", step_free=False),
]
VALID = PlanLayout(
    pairs=[("S0", "E0"), ("S1", "E1"), ("S2", "E2"), ("S3", "E3")],
    groups=[
        Group(0, "E0", ("E0", "S0", "E2", "S2")),
        Group(1, "E1", ("E1", "S1", "E3", "S3")),
    ],
    pair_rooms={"E0": "M1", "E1": "M1", "E2": "M2", "E3": "M2"},
    group_rooms={0: "G1", 1: "G2"},
    block_rooms={"w": ["Aula"], "l": ["Aula"]},
)


def _codes(layout=VALID, students=STUDENTS, experts=EXPERTS, rooms=ROOMS):
    verdict = check_plan(students, experts, rooms, SETTINGS, layout, blocks=BLOCKS)
    return sorted((v.code, v.refs, v.group, v.rooms) for v in verdict.violations if v.hard)


def test_a_valid_plan_breaks_no_rule():
    assert _codes() == []


def _with(**changes):
    return dataclasses.replace(VALID, **changes)


def _step_free(people, refs):
    return [
        dataclasses.replace(p, needs=frozenset({"step_free"})) if p.ref in refs else p
        for p in people
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "knows",
            [("knows", ("S0", "E0"), None, ())],
        ),
        (
            "language",
            [("language", ("S1", "E1"), None, ())],
        ),
        (
            "gone",
            [
                ("chair_not_member", ("E1",), 1, ()),  # the chair no longer takes part
                ("not_participant", ("E1",), None, ()),
                ("not_taking_part", ("E1",), None, ()),
                ("unserved", ("S1",), None, ()),
            ],
        ),
        ("twice", [("student_paired_twice", ("S0", "E0", "E1"), None, ())]),
        ("trio", [("expert_over_capacity", ("E0", "S0", "S1"), None, ())]),
    ],
)
def test_pair_rules(case, expected):
    students, experts, layout = STUDENTS, EXPERTS, VALID
    if case == "knows":
        students = [dataclasses.replace(STUDENTS[0], knows=frozenset({"E0"})), *STUDENTS[1:]]
    elif case == "language":
        experts = [
            EXPERTS[0],
            dataclasses.replace(EXPERTS[1], languages=frozenset({"fr"})),
            *EXPERTS[2:],
        ]
    elif case == "gone":
        experts = [EXPERTS[0], dataclasses.replace(EXPERTS[1], available=False), *EXPERTS[2:]]
    elif case == "twice":
        layout = _with(pairs=[*VALID.pairs, ("S0", "E1")])
    elif case == "trio":  # a trio where the plan allows none
        experts = [dataclasses.replace(e, max_students=1) for e in EXPERTS]
        layout = _with(pairs=[("S0", "E0"), ("S1", "E0"), ("S2", "E2"), ("S3", "E3")])
    found = _codes(layout, students, experts)
    for item in expected:
        assert item in found
    if case in ("knows", "language"):
        assert found == expected  # nothing else is reported


def test_group_rooms_missing_busy_small_shared_or_with_steps():
    assert _codes(_with(group_rooms={0: "G1"})) == [("no_room", (), 1, ())]
    busy = [
        dataclasses.replace(r, unavailable=frozenset({"a"})) if r.name == "G1" else r for r in ROOMS
    ]
    assert _codes(rooms=busy) == [("room_unavailable", (), 0, ("G1",))]
    small = [dataclasses.replace(r, capacity=3) if r.name == "G2" else r for r in ROOMS]
    assert _codes(rooms=small) == [("room_overfull", (), 1, ("G2",))]
    assert _codes(_with(group_rooms={0: "G1", 1: "G1"})) == [
        ("room_shared", (), 0, ("G1",)),
        ("room_shared", (), 1, ("G1",)),
    ]
    # S1 talks in M1 (step-free) in the morning, but group 1 sits in G2 (steps)
    assert _codes(students=_step_free(STUDENTS, {"S1"})) == [
        ("room_not_step_free", ("S1",), 1, ("G2",))
    ]


def test_morning_rooms_missing_busy_overfull_or_with_steps():
    without = {k: v for k, v in VALID.pair_rooms.items() if k != "E3"}
    assert _codes(_with(pair_rooms=without)) == [("conversation_no_room", ("E3",), None, ())]
    busy = [
        dataclasses.replace(r, unavailable=frozenset({"m"})) if r.name == "M2" else r for r in ROOMS
    ]
    assert _codes(rooms=busy) == [
        ("room_unavailable", ("E2", "S2"), None, ("M2",)),
        ("room_unavailable", ("E3", "S3"), None, ("M2",)),
    ]
    crowded = _with(pair_rooms=dict.fromkeys(("E0", "E1", "E2", "E3"), "M1"))
    assert _codes(crowded) == [("room_overfull", (), None, ("M1",))]
    assert _codes(students=_step_free(STUDENTS, {"S2"})) == [
        ("room_not_step_free", ("S2",), None, ("M2",))
    ]


def test_rooms_everyone_shares():
    assert _codes(_with(block_rooms={"w": [], "l": ["Aula"]})) == [
        ("plenary_too_small", (), None, ())
    ]
    small = [dataclasses.replace(r, capacity=7) if r.name == "Aula" else r for r in ROOMS]
    assert _codes(rooms=small) == [
        ("plenary_too_small", (), None, ("Aula",)),
        ("plenary_too_small", (), None, ("Aula",)),
    ]
    steps = [dataclasses.replace(r, step_free=False) if r.name == "Aula" else r for r in ROOMS]
    needs = _step_free(STUDENTS, {"S0"})
    found = _codes(students=needs, rooms=steps)
    assert ("plenary_not_step_free", (), None, ("Aula",)) in found
    busy = [
        dataclasses.replace(r, unavailable=frozenset({"l"})) if r.name == "Aula" else r
        for r in ROOMS
    ]
    assert ("room_unavailable", (), None, ("Aula",)) in _codes(rooms=busy)


def test_a_plan_saved_before_blocks_had_rooms_is_not_judged_on_them():
    assert _codes(_with(block_rooms=None)) == []
