"""Repair on small hand-made plans: who chairs when a chair is absent, the groups formed again
with the fewest moves (brute force), and the rooms of repaired conversations."""

from __future__ import annotations

import itertools

import pytest

from ontmoeting.engine.group_model import Group
from ontmoeting.engine.model import Expert, PlanSettings, Room, Student
from ontmoeting.engine.pairing import Pair
from ontmoeting.engine.plan import PlanResult
from ontmoeting.engine.repair import Change, repair_plan

SETTINGS = PlanSettings(group_min_size=2, group_max_size=10)


def plan_of(
    pairs: list[tuple[str, str]],
    groups: list[Group],
    pair_rooms: dict[str, str],
    group_rooms: dict[int, str] | None = None,
) -> PlanResult:
    """A published plan as the app keeps it: pairs, groups and rooms (nothing else is read)."""
    return PlanResult(
        pairs=tuple(Pair(s, e, 0.0, ()) for s, e in pairs),
        groups=tuple(groups),
        pair_rooms=pair_rooms,
        group_rooms=group_rooms or {},
        unpaired=(),
        surplus_experts=(),
        violations=(),
        objective={},
        notes=(),
        seconds=0.0,
        feasible=True,
    )


def three_group_plan() -> PlanResult:
    """Four pairs in two conversation rooms; groups of 3, 5 and 3 chaired by E1, E2 and E5."""
    return plan_of(
        pairs=[("S1", "E7"), ("S2", "E2"), ("S3", "E3"), ("S4", "E5")],
        groups=[
            Group(0, "E1", ("E1", "E7", "S1")),
            Group(1, "E2", ("E2", "S2", "E3", "S3", "E4")),
            Group(2, "E5", ("E5", "S4", "E6")),
        ],
        pair_rooms={"E7": "C1", "E2": "C1", "E3": "C2", "E5": "C2"},
    )


def three_groups(*, e4_chaired_before: bool) -> tuple[list[Student], list[Expert], PlanResult]:
    """Group 0 is chaired by E1, who has no student and no other willing expert in the group;
    E3, E4 (group 1, the largest) and E6 (group 2) are willing and chair nothing."""
    students = [Student(f"S{i}") for i in range(1, 5)]
    experts = [
        Expert("E1", can_chair=True, chaired_before=True),
        Expert("E2", can_chair=True),
        Expert("E3", can_chair=True),
        Expert("E4", can_chair=True, chaired_before=e4_chaired_before),
        Expert("E5", can_chair=True),
        Expert("E6", can_chair=True),
        Expert("E7"),
    ]
    return students, experts, three_group_plan()


ROOMS = [Room("C1", 10, kind="conversation"), Room("C2", 10, kind="conversation")]


def test_repair_absent_chair_replaced_by_a_willing_expert_who_chaired_before_moved_in():
    students, experts, plan = three_groups(e4_chaired_before=True)
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, absent={"E1"})
    assert list(result.changes) == [
        Change("remove", "E1", "0", None, "absent"),
        Change("move", "E4", "1", "0", "to_chair"),
        Change("new_chair", "0", "E1", "E4", "chair_absent"),
    ]
    group = result.plan.groups[0]
    assert (group.chair, sorted(group.members)) == ("E4", ["E4", "E7", "S1"])
    assert result.feasible


def test_repair_absent_chair_new_chair_comes_from_the_largest_group_among_equals():
    students, experts, plan = three_groups(e4_chaired_before=False)
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, absent={"E1"})
    moved = [c for c in result.changes if c.kind == "move"]
    # E3 would bring their student S3 along (3 changes); E4 (group 1, five members) and E6
    # (group 2, three) come alone (2 changes): the one from the larger group among equals.
    assert moved == [Change("move", "E4", "1", "0", "to_chair")]
    assert result.plan.groups[0].chair == "E4"
    assert result.feasible


def test_repair_keep_policy_brings_a_repaired_pair_together():
    students, experts, plan = three_groups(e4_chaired_before=True)
    # E7 leaves: S1 gets a free expert (E1, E4 or E6 have no student), then joins their group
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, absent={"E7"})
    new_expert = next(p.expert for p in result.plan.pairs if p.student == "S1")
    group_of = {m: g.index for g in result.plan.groups for m in g.members}
    assert group_of["S1"] == group_of[new_expert]
    keep = [c for c in result.changes if c.reason == "keep_pair"]
    assert keep == (
        []
        if group_of[new_expert] == 0
        else [Change("move", "S1", "0", str(group_of[new_expert]), "keep_pair")]
    )
    assert result.feasible


def test_repair_without_any_willing_expert_left_says_so_and_plans_no_group_without_a_chair():
    students, experts, plan = three_groups(e4_chaired_before=True)
    unwilling = [
        Expert(e.ref) if e.ref in {"E3", "E4", "E6"} else e for e in experts
    ]  # only the three chairs are willing
    result = repair_plan(plan, students, unwilling, ROOMS, SETTINGS, absent={"E1"})
    assert [n.code for n in result.notes][:3] == ["repaired", "no_chair_left", "regrouped"]
    assert next(n for n in result.notes if n.code == "no_chair_left").params == {"group": 0}
    # never a group without a chair: no groups, and the finding says why with the numbers
    assert result.plan.groups == ()
    too_few = next(v for v in result.violations if v.code == "too_few_chairs")
    assert too_few.hard
    assert (too_few.params["groups"], too_few.params["chairs"]) == (3, 2)
    assert not result.feasible


# ---------------------------------------------------------------- regrouping, by brute force


def regroup_case() -> tuple[list[Student], list[Expert], PlanResult]:
    """Group 0 loses two of its three members: it is below the minimum size of 3."""
    students = [Student(f"S{i}") for i in range(1, 5)]
    experts = [
        Expert("E1", can_chair=True),
        Expert("E2", can_chair=True),
        Expert("E3"),
        Expert("E4", can_chair=True),
        Expert("E5", can_chair=True),
        Expert("E6"),
        Expert("E7"),
    ]
    return students, experts, three_group_plan()


def brute_force_fewest_moves(
    previous: dict[str, int],
    willing: set[str],
    pairs: list[tuple[str, str]],
    n_groups: int,
    sizes: tuple[int, int],
) -> int:
    """The fewest people whose group changes, over every grouping with a willing expert in each
    group, sizes within bounds and every pair together."""
    people = sorted(previous)
    best = len(people)
    for choice in itertools.product(range(n_groups), repeat=len(people)):
        group = dict(zip(people, choice, strict=True))
        counts = [choice.count(g) for g in range(n_groups)]
        if not all(sizes[0] <= c <= sizes[1] for c in counts):
            continue
        if any(group[s] != group[e] for s, e in pairs):
            continue
        if any(not any(group[w] == g for w in willing) for g in range(n_groups)):
            continue
        best = min(best, sum(group[p] != previous[p] for p in people))
    return best


def test_repair_regroups_with_the_fewest_moves_by_brute_force():
    students, experts, plan = regroup_case()
    settings = PlanSettings(group_min_size=3, group_max_size=6)
    absent = {"E7", "S1"}
    result = repair_plan(plan, students, experts, ROOMS, settings, absent=absent, time_limit=2.0)
    previous = {m: g.index for g in plan.groups for m in g.members if m not in absent}
    pairs = [(p.student, p.expert) for p in result.plan.pairs]
    fewest = brute_force_fewest_moves(
        previous, {e.ref for e in experts if e.can_chair}, pairs, 3, (3, 6)
    )
    moves = [c for c in result.changes if c.kind == "move"]
    assert len(moves) == fewest == 2
    after = {m: g.index for g in result.plan.groups for m in g.members}
    assert {c.ref for c in moves} == {m for m in previous if after[m] != previous[m]}
    assert all(3 <= len(g.members) <= 6 for g in result.plan.groups)
    assert result.feasible
    assert [c for c in result.changes if c.kind == "new_chair"] == []  # the chairs could stay


# ------------------------------------------------------------------------------------ rooms


def trio_case(
    rooms: list[Room], *, e9_needs_step_free: bool = False
) -> tuple[list[Student], list[Expert], PlanResult]:
    """E1 talks with S1 and S5 in C1, E2 with S2 in C2; E8 and E9 have no student."""
    students = [Student("S1"), Student("S5"), Student("S2")]
    experts = [
        Expert("E1"),
        Expert("E2", can_chair=True),
        Expert("E8"),
        Expert("E9", needs=frozenset({"step_free"}) if e9_needs_step_free else frozenset()),
    ]
    plan = plan_of(
        pairs=[("S1", "E1"), ("S5", "E1"), ("S2", "E2")],
        groups=[Group(0, "E2", ("E2", "S2", "E1", "S1", "S5", "E8", "E9"))],
        pair_rooms={"E1": "C1", "E2": "C2"},
    )
    return students, experts, plan


def test_repair_conversations_fall_back_on_the_students_room_then_a_free_one():
    rooms = [
        Room("C1", 3, kind="conversation"),
        Room("C2", 2, kind="conversation"),
        Room("C3", 8, kind="conversation"),
        Room("C4", 4, kind="conversation"),
    ]
    students, experts, plan = trio_case(rooms)
    result = repair_plan(plan, students, experts, rooms, SETTINGS, absent={"E1"})
    assert sorted((p.student, p.expert) for p in result.plan.pairs) in (
        [("S1", "E8"), ("S2", "E2"), ("S5", "E9")],
        [("S1", "E9"), ("S2", "E2"), ("S5", "E8")],
    )
    # both new conversations first take C1, the students' room; both do not fit (4 > 3 seats),
    # so one moves on, to the smallest free room that seats it: C4 (C2 is full, C3 larger)
    rooms_of = result.plan.pair_rooms
    assert rooms_of["E2"] == "C2"
    assert sorted([rooms_of["E8"], rooms_of["E9"]]) == ["C1", "C4"]
    moved = "E8" if rooms_of["E8"] == "C4" else "E9"
    assert [c for c in result.changes if c.kind == "room"] == [
        Change("room", moved, None, "C4", "room_for_repair")
    ]
    assert result.feasible


def test_repair_step_free_conversation_leaves_a_room_with_steps():
    rooms = [
        Room("C1", 6, kind="conversation", step_free=False),
        Room("C2", 2, kind="conversation"),
        Room("C3", 8, kind="conversation"),
    ]
    students, experts, plan = trio_case(rooms, e9_needs_step_free=True)
    result = repair_plan(plan, students, experts, rooms, SETTINGS, absent={"E1"})
    assert result.plan.pair_rooms == {"E2": "C2", "E8": "C1", "E9": "C3"}
    assert [c for c in result.changes if c.kind == "room"] == [
        Change("room", "E9", None, "C3", "room_for_repair")
    ]


def test_repair_conversation_without_a_free_room_is_a_violation():
    rooms = [
        Room("C1", 3, kind="conversation", step_free=False),
        Room("C2", 2, kind="conversation"),
    ]
    students, experts, plan = trio_case(rooms, e9_needs_step_free=True)
    result = repair_plan(plan, students, experts, rooms, SETTINGS, absent={"E1"})
    assert "E9" not in result.plan.pair_rooms
    no_room = [v for v in result.violations if v.code == "conversation_no_room"]
    assert [(v.refs, dict(v.params), v.hard) for v in no_room] == [
        (("E9",), {"seats": 2, "step_free": True}, True)
    ]
    assert not result.feasible


# ------------------------------------------------------------------------- the morning


def test_repair_student_left_without_any_expert_is_unserved():
    students = [Student("S1", languages=frozenset({"en"})), Student("S2")]
    experts = [Expert("E1", languages=frozenset({"en"})), Expert("E2")]
    plan = plan_of(
        pairs=[("S1", "E1"), ("S2", "E2")],
        groups=[Group(0, "E2", ("E2", "S2", "E1", "S1"))],
        pair_rooms={"E1": "C1", "E2": "C1"},
    )
    experts = [Expert("E1", languages=frozenset({"en"})), Expert("E2", can_chair=True)]
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, absent={"E1"})
    assert result.plan.unpaired == ("S1",)
    assert Change("unserved", "S1", "E1", None, "no_expert_left") in result.changes
    assert [v.refs for v in result.violations if v.code == "unserved"] == [("S1",)]
    assert not result.feasible


def test_repair_late_expert_hands_the_student_to_a_free_expert_and_the_student_was_unpaired():
    students = [Student("S1"), Student("S2")]
    experts = [Expert("E1", can_chair=True), Expert("E2"), Expert("E3")]
    plan = plan_of(
        pairs=[("S1", "E1")],  # S2 had no expert in the published plan
        groups=[Group(0, "E1", ("E1", "S1", "E2", "S2", "E3"))],
        pair_rooms={"E1": "C1"},
    )
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, late={"E1"})
    reasons = {c.ref: c.reason for c in result.changes if c.kind == "repair_pair"}
    assert reasons == {"S1": "partner_gone", "S2": "not_paired"}
    assert result.plan.unpaired == ()
    # a late expert keeps their afternoon group and chair
    assert result.plan.groups[0].chair == "E1"
    # S1's new expert takes S1's old room (C1); S2 had none, so theirs goes to a room already in
    # use that has the seats: C1 again
    s2_expert = next(p.expert for p in result.plan.pairs if p.student == "S2")
    assert [c for c in result.changes if c.kind == "room"] == [
        Change("room", s2_expert, None, "C1", "room_for_repair")
    ]
    assert set(result.plan.pair_rooms.values()) == {"C1"}
    assert result.notes[0].params == {"absent": 0, "late": 1, "pairs_changed": 2, "changes": 3}


@pytest.mark.parametrize("gone", [{"S1", "S2"}, {"E1", "E2", "E3"}])
def test_repair_with_nobody_left_to_pair_changes_only_the_pairs_of_those_gone(gone):
    students = [Student("S1"), Student("S2")]
    experts = [Expert("E1", can_chair=True), Expert("E2", can_chair=True), Expert("E3")]
    plan = plan_of(
        pairs=[("S1", "E1"), ("S2", "E2")],
        groups=[Group(0, "E1", ("E1", "S1", "E3")), Group(1, "E2", ("E2", "S2"))],
        pair_rooms={"E1": "C1", "E2": "C1"},
    )
    result = repair_plan(plan, students, experts, ROOMS, SETTINGS, late=gone)
    assert result.plan.pairs == ()
    assert result.plan.pair_rooms == {}
