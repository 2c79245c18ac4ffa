"""Groups that fit the venue and the chairs, on random afternoons and venues.

Where a complete layout exists — found by brute force over every group count and every choice
of rooms, independently of the engine's 0-1 program — every group gets a willing chair and a
free room that seats it (step-free for anyone who needs it). Where none exists there are no
groups, and the reasons carry numbers this test recomputes from the input.
"""

from __future__ import annotations

import itertools
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontmoeting.engine import synthetic
from ontmoeting.engine.check import check_plan
from ontmoeting.engine.group_model import GroupingProblem, GroupMember
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.grouping import solve_grouping
from ontmoeting.engine.model import Block, PlanSettings, Room
from ontmoeting.engine.plan import make_plan
from ontmoeting.engine.venue_fit import GroupRoom

PROPS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@st.composite
def afternoons(draw: st.DrawFn) -> GroupingProblem:
    n_students = draw(st.integers(3, 24))
    n_experts = draw(st.integers(1, 16))
    members = [
        GroupMember(f"S{i}", "student", step_free=draw(st.booleans()) and i % 4 == 0)
        for i in range(n_students)
    ]
    members += [
        GroupMember(
            f"E{j}",
            "expert",
            can_chair=draw(st.booleans()),
            step_free=draw(st.integers(0, 9)) == 0,
        )
        for j in range(n_experts)
    ]
    rooms = [
        GroupRoom(
            f"R{k}",
            draw(st.integers(2, 14)),
            step_free=draw(st.booleans()),
            preferred=draw(st.booleans()),
            free=draw(st.integers(0, 5)) > 0,
        )
        for k in range(draw(st.integers(0, 7)))
    ]
    low = draw(st.integers(2, 5))
    high = draw(st.integers(low, low + 5))
    return GroupingProblem(members, None, low, high, rooms=rooms)


def _layout_exists(p: GroupingProblem) -> bool:
    """Brute force: some group count and some rooms seat everyone with a chair per group."""
    n = len(p.members)
    chairs = [m for m in p.members if m.can_chair]
    free_chairs = sum(1 for m in chairs if not m.step_free)
    needs = sum(1 for m in p.members if m.step_free)
    usable = [r for r in p.rooms or () if r.free and r.capacity >= p.min_size]
    for g in range(1, n // p.min_size + 1):
        if g > len(chairs) or not math.ceil(n / p.max_size) <= g:
            continue
        for combo in itertools.combinations(usable, g):
            seats = [min(r.capacity, p.max_size) for r in combo]
            sf_seats = sum(s for s, r in zip(seats, combo, strict=True) if r.step_free)
            other = sum(1 for r in combo if not r.step_free)
            if (
                sum(seats) >= n
                and sf_seats >= needs
                and other <= free_chairs
                and other * p.min_size <= n - needs
            ):
                return True
    return False


@PROPS
@given(afternoons())
def test_every_group_gets_a_chair_and_a_room_whenever_a_layout_exists(problem):
    result = solve_grouping(problem, seed=0, time_limit=2.0)
    if _layout_exists(problem):
        assert result.groups, result.violations
        checks, _ = check_grouping(
            problem.__class__(**{**problem.__dict__, "n_groups": None}), result.groups
        )
        assert all(c.ok for c in checks if c.hard), [c for c in checks if c.hard and not c.ok]
        rooms = {r.name: r for r in problem.rooms or ()}
        assert sorted(result.rooms) == [g.index for g in result.groups]
        assert len(set(result.rooms.values())) == len(result.groups)
        step_free = {m.ref for m in problem.members if m.step_free}
        for g in result.groups:
            room = rooms[result.rooms[g.index]]
            assert room.free
            assert room.capacity >= len(g.members)
            assert room.step_free or not step_free & set(g.members)
            assert g.chair
            assert next(m for m in problem.members if m.ref == g.chair).can_chair
    else:
        assert result.groups == ()
        _assert_reasons_are_real(problem, result.violations)


def _assert_reasons_are_real(problem: GroupingProblem, violations) -> None:
    n = len(problem.members)
    willing = [m for m in problem.members if m.can_chair]
    usable = [r for r in problem.rooms or () if r.free and r.capacity >= problem.min_size]
    reasons = [v for v in violations if v.code != "no_groups"]
    assert reasons
    for v in reasons:
        p = v.params
        if v.code == "too_few_chairs":
            assert p["chairs"] == len(willing) < p["groups"]
            assert set(v.refs) == {m.ref for m in willing}
        elif v.code == "too_few_rooms":
            assert p["rooms"] == len(usable)
            assert p["members"] == n
            top = sorted((min(r.capacity, problem.max_size) for r in usable), reverse=True)
            assert p["seats"] == sum(top[: p["groups"]])
            assert p["rooms"] < p["groups"] or p["seats"] < n
            if "suggest_groups" in p:  # the suggestion itself must fit the rooms and chairs
                g, size = p["suggest_groups"], p["suggest_max"]
                seats = sorted((min(r.capacity, size) for r in usable), reverse=True)[:g]
                assert len(seats) == g
                assert sum(seats) >= n
                assert g <= len(willing)
        elif v.code == "sizes_impossible":
            assert p["members"] == n
            assert not p["groups"] * problem.min_size <= n <= p["groups"] * problem.max_size
        elif v.code == "too_few_step_free_rooms":
            assert p["people"] == sum(1 for m in problem.members if m.step_free)
            assert p["step_free_rooms"] == sum(1 for r in usable if r.step_free)
        elif v.code == "chairs_need_step_free":
            assert p["step_free_chairs"] == sum(1 for m in willing if m.step_free)
        else:
            raise AssertionError(f"unexpected reason {v}")


@st.composite
def venues(draw: st.DrawFn) -> tuple[list, list, list[Room], PlanSettings]:
    n = draw(st.integers(6, 40))
    students, experts, _ = synthetic.edition(n, draw(st.integers(max(2, n - 6), n + 4)), seed=n)
    afternoon_busy = draw(st.booleans())
    rooms = [
        Room(
            f"R{k}",
            draw(st.integers(4, 16)),
            step_free=draw(st.integers(0, 3)) > 0,
            kind=draw(st.sampled_from(["conversation", "group", "any"])),
            unavailable=frozenset({"groups"}) if afternoon_busy and k % 3 == 0 else frozenset(),
        )
        for k in range(draw(st.integers(1, 14)))
    ]
    low = draw(st.integers(4, 7))
    return students, experts, rooms, PlanSettings(group_min_size=low, group_max_size=low + 4)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(venues())
def test_a_whole_plan_gives_every_group_a_chair_and_a_free_room_or_says_why(case):
    students, experts, rooms, plan_settings = case
    blocks = (Block("one_to_one", "one_to_one"), Block("groups", "groups"))
    plan = make_plan(students, experts, rooms, plan_settings, blocks=blocks, time_limit=2.0)
    by_name = {r.name: r for r in rooms}
    codes = {v.code for v in plan.violations}
    if plan.groups:
        assert not codes & {
            "no_chair",
            "chair_unwilling",
            "no_room",
            "room_unavailable",
            "room_overfull",
        }
        for g in plan.groups:
            room = by_name[plan.group_rooms[g.index]]
            assert "groups" not in room.unavailable
            assert room.capacity >= len(g.members)
    else:
        usable = [
            r
            for r in rooms
            if "groups" not in r.unavailable and r.capacity >= plan_settings.group_min_size
        ]
        people = sum(s.available for s in students) + sum(
            e.available and e.eligible for e in experts
        )
        reasons = [
            v
            for v in plan.violations
            if v.code
            in {
                "too_few_rooms",
                "too_few_chairs",
                "sizes_impossible",
                "too_few_step_free_rooms",
                "chairs_need_step_free",
            }
        ]
        assert reasons, plan.violations
        for v in reasons:
            if v.code == "too_few_rooms":
                assert (v.params["rooms"], v.params["members"]) == (len(usable), people)
            if v.code == "too_few_chairs":
                assert v.params["willing"] == sum(
                    e.can_chair for e in experts if e.available and e.eligible
                )
            if v.code == "sizes_impossible":
                assert v.params["members"] == people
            if v.code == "blocks_cannot_pack":  # morning pairs and trios stay together
                units = v.params["units"]
                assert sum(int(size) * k for size, k in units.items()) == people
                assert sum(units.values()) == len({p.expert for p in plan.pairs}) + sum(
                    1
                    for e in experts
                    if e.available and e.eligible and e.ref not in {p.expert for p in plan.pairs}
                ) + len(plan.unpaired)
    verdict = check_plan(students, experts, rooms, plan_settings, plan.layout(), blocks=blocks)
    assert {v.code for v in verdict.violations} <= codes  # the plan's verdict is the check's
