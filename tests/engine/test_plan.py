"""The whole plan on a realistic synthetic edition: every hard rule holds."""

from __future__ import annotations

import json

import pytest

from ontmoeting.engine.feasibility import edge_rules
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.plan import make_plan, plan_to_json
from ontmoeting.engine.synthetic import edition


@pytest.fixture(scope="module")
def realistic():
    students, experts, rooms = edition(108, seed=11)
    plan = make_plan(students, experts, rooms, PlanSettings(), time_limit=3.0)
    return students, experts, rooms, plan


def test_plan_realistic_edition_has_no_hard_violation(realistic):
    students, experts, _rooms, plan = realistic
    assert plan.feasible
    assert [v for v in plan.violations if v.hard] == []
    assert len(plan.pairs) == 108
    assert plan.unpaired == ()
    people = {p.ref: p for p in (*students, *experts)}
    for p in plan.pairs:
        assert edge_rules(people[p.student], people[p.expert]) == ()


def test_plan_groups_cover_everyone_once_with_a_willing_chair(realistic):
    students, experts, _, plan = realistic
    members = [m for g in plan.groups for m in g.members]
    assert sorted(members) == sorted(p.ref for p in (*students, *experts))
    e_by = {e.ref: e for e in experts}
    for g in plan.groups:
        assert e_by[g.chair].can_chair
        assert g.chair in g.members
        assert 6 <= len(g.members) <= 10


def test_plan_keeps_morning_pairs_together_and_knows_apart(realistic):
    students, experts, _, plan = realistic
    where = {m: g.index for g in plan.groups for m in g.members}
    for p in plan.pairs:
        assert where[p.student] == where[p.expert]
    for person in (*students, *experts):
        for other in person.knows:
            if other in where:
                assert where[person.ref] != where[other]


def test_plan_rooms_hold_capacity_and_step_free(realistic):
    students, experts, rooms, plan = realistic
    r_by = {r.name: r for r in rooms}
    people = {p.ref: p for p in (*students, *experts)}
    seats: dict[str, int] = {}
    for p in plan.pairs:
        room = plan.pair_rooms[p.expert]
        seats[room] = seats.get(room, 0) + 1
        if "step_free" in people[p.student].needs | people[p.expert].needs:
            assert r_by[room].step_free
    for e_ref, room in plan.pair_rooms.items():
        seats[room] = seats.get(room, 0) + 1
        if "step_free" in people[e_ref].needs:
            assert r_by[room].step_free
    assert all(seats[r] <= r_by[r].capacity for r in seats)
    assert len(set(plan.group_rooms.values())) == len(plan.groups)
    for g in plan.groups:
        room = r_by[plan.group_rooms[g.index]]
        assert room.capacity >= len(g.members)
        if any("step_free" in people[m].needs for m in g.members):
            assert room.step_free


def test_plan_to_json_shape_with_trios():
    students, experts, rooms = edition(40, 34, seed=2)
    plan = make_plan(students, experts, rooms, PlanSettings(), time_limit=2.0)
    data = json.loads(json.dumps(plan_to_json(plan)))
    assert set(data) == {
        "pairs",
        "groups",
        "block_rooms",
        "unpaired",
        "violations",
        "notes",
        "objective",
        "seconds",
    }
    assert len(data["pairs"]) == 40
    experts_used = [p["expert"] for p in data["pairs"]]
    assert len(experts_used) - len(set(experts_used)) == 6  # 6 trios as repeated experts
    assert set(data["groups"][0]) == {"number", "chair", "members", "room"}
    assert [g["number"] for g in data["groups"]] == list(range(1, len(data["groups"]) + 1))
    assert all(set(v) >= {"code", "rule", "hard", "refs", "params"} for v in data["violations"])
    assert all(p["room"] for p in data["pairs"])


def test_plan_too_few_chairs_is_explained():
    students, experts, rooms = edition(30, seed=3, chair_share=0.0)
    plan = make_plan(students, experts, rooms, PlanSettings(), time_limit=1.0)
    assert not plan.feasible
    assert any(v.rule == "chair" for v in plan.violations)
    assert len(plan.pairs) == 30  # the morning still planned


def test_plan_is_deterministic_for_a_seed():
    students, experts, rooms = edition(30, seed=4)
    a = make_plan(students, experts, rooms, PlanSettings(), seed=7, time_limit=1.0)
    b = make_plan(students, experts, rooms, PlanSettings(), seed=7, time_limit=1.0)
    assert a.pairs == b.pairs
    assert a.groups == b.groups
    assert a.pair_rooms == b.pair_rooms
