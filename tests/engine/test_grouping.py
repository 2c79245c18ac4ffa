"""Unit tests of the discussion-group rules, the checker and the solver."""

from __future__ import annotations

import itertools
import time

import pytest

from ontmoeting.engine.grouping import (
    Group,
    GroupingProblem,
    GroupingWeights,
    GroupMember,
    check_grouping,
    score_grouping,
    solve_grouping,
    suggest_group_count,
)


def _student(ref: str, **cats: str) -> GroupMember:
    return GroupMember(ref, "student", categories=cats)


def _expert(ref: str, chair: bool = False, before: bool = False, **cats: str) -> GroupMember:
    return GroupMember(ref, "expert", can_chair=chair, chaired_before=before, categories=cats)


def _edition(n_groups: int = 3, per_group: int = 6) -> list[GroupMember]:
    members = [_expert(f"C{g}", chair=True, before=g % 2 == 0) for g in range(n_groups)]
    for i in range(n_groups * per_group - n_groups):
        if i % 2:
            members.append(_student(f"S{i}", gender="fm"[i % 4 // 2], class_group="AB"[i % 3 % 2]))
        else:
            members.append(_expert(f"E{i}", domain=["addiction", "mental", "youth"][i % 3]))
    return members


def _group_of(result: object, ref: str) -> int:
    for g in result.groups:  # type: ignore[attr-defined]
        if ref in g.members:
            return int(g.index)
    raise AssertionError(ref)


def _hard_ok(problem: GroupingProblem, groups: tuple[Group, ...]) -> bool:
    checks, _ = check_grouping(problem, groups)
    return all(c.ok for c in checks if c.hard)


def test_solve_grouping_gives_every_group_one_willing_chair() -> None:
    problem = GroupingProblem(_edition(), n_groups=3, min_size=5, max_size=7)
    res = solve_grouping(problem, seed=0)
    assert res.feasible
    assert sorted(g.chair for g in res.groups) == ["C0", "C1", "C2"]
    assert all(g.members[0] == g.chair for g in res.groups)
    assert all(5 <= len(g.members) <= 7 for g in res.groups)


def test_solve_grouping_keeps_pairs_together_and_apart() -> None:
    problem = GroupingProblem(
        _edition(),
        n_groups=3,
        min_size=5,
        max_size=7,
        keep_together=[("S1", "E2"), ("S3", "E4")],
        apart=[("S5", "S7"), ("C0", "S1")],
    )
    res = solve_grouping(problem, seed=1)
    assert res.feasible
    assert _group_of(res, "S1") == _group_of(res, "E2")
    assert _group_of(res, "S3") == _group_of(res, "E4")
    assert _group_of(res, "S5") != _group_of(res, "S7")
    assert _group_of(res, "C0") != _group_of(res, "S1")


def test_solve_grouping_respects_locks() -> None:
    problem = GroupingProblem(
        _edition(),
        n_groups=3,
        min_size=5,
        max_size=7,
        fixed={"S1": 2, "E0": 2},
        fixed_chairs={0: "C1", 2: "C0"},
    )
    res = solve_grouping(problem, seed=2)
    assert res.feasible
    assert res.groups[0].chair == "C1"
    assert res.groups[2].chair == "C0"
    assert {"S1", "E0"} <= set(res.groups[2].members)


def test_solve_grouping_prefers_chairs_who_chaired_before() -> None:
    members = [_expert("New", chair=True), _expert("Old", chair=True, before=True)]
    members += [_student(f"S{i}") for i in range(4)]
    res = solve_grouping(GroupingProblem(members, n_groups=1, min_size=1, max_size=6))
    assert res.groups[0].chair == "Old"
    checks, _ = check_grouping(
        res_problem := GroupingProblem(members, n_groups=1, min_size=1, max_size=6), res.groups
    )
    assert res_problem.n_groups == 1
    assert [c.ok for c in checks if c.rule == "newcomer_chair"] == [True]


def test_check_grouping_flags_newcomer_chair_as_soft() -> None:
    members = [_expert("New", chair=True), _student("S1")]
    problem = GroupingProblem(members, n_groups=1, min_size=1, max_size=6)
    checks, viols = check_grouping(problem, [Group(0, "New", ("New", "S1"))])
    [flag] = [c for c in checks if c.rule == "newcomer_chair"]
    assert (flag.ok, flag.hard) == (False, False)
    assert [v.refs for v in viols] == [("New",)]


def test_check_grouping_reports_each_hard_rule_by_name() -> None:
    members = [_expert("C0", chair=True), _expert("E1"), _student("S1"), _student("S2")]
    problem = GroupingProblem(
        members,
        n_groups=2,
        min_size=2,
        max_size=3,
        keep_together=[("S1", "S2")],
        apart=[("C0", "E1")],
        fixed={"S1": 0},
    )
    groups = [Group(0, "C0", ("C0", "E1")), Group(1, "E1", ("S1", "S2"))]
    checks, viols = check_grouping(problem, groups)
    failed = {(v.rule, v.group) for v in viols if v.hard}
    assert ("apart", 0) in failed
    assert ("chair", 1) in failed  # E1 cannot chair and is not in group 1
    assert ("fixed", 0) in failed  # S1 locked in group 0
    apart = next(v for v in viols if v.rule == "apart")
    assert set(apart.refs) == {"C0", "E1"}
    assert {c.rule for c in checks} >= {
        "chair",
        "size",
        "keep_together",
        "apart",
        "fixed",
        "spread",
        "isolated_minority",
    }


def test_check_grouping_flags_split_keep_together_and_size() -> None:
    members = [
        _expert("C0", chair=True),
        _expert("C1", chair=True),
        _student("S1"),
        _student("S2"),
        _student("S3"),
    ]
    problem = GroupingProblem(
        members, n_groups=2, min_size=2, max_size=3, keep_together=[("S1", "S2")]
    )
    groups = [Group(0, "C0", ("C0", "S1")), Group(1, "C1", ("C1", "S2", "S3"))]
    _, viols = check_grouping(problem, groups)
    assert {(v.rule, v.refs) for v in viols if v.hard} == {
        ("keep_together", ("S1", "S2")),
    }
    groups = [Group(0, "C0", ("C0",)), Group(1, "C1", ("C1", "S1", "S2", "S3"))]
    _, viols = check_grouping(problem, groups)
    assert {v.rule for v in viols if v.hard} == {"size"}


def test_solve_grouping_pairs_up_minorities_instead_of_isolating() -> None:
    # 4 groups of 6; only 4 people have gender "x": spreading alone would isolate each of them.
    members = [_expert(f"C{g}", chair=True, before=True, gender="f") for g in range(4)]
    members += [_student(f"S{i}", gender="x" if i < 4 else "fm"[i % 2]) for i in range(20)]
    problem = GroupingProblem(members, n_groups=4, min_size=6, max_size=6, spread=("gender",))
    res = solve_grouping(problem, seed=0)
    counts = [sum(1 for r in g.members if r in {"S0", "S1", "S2", "S3"}) for g in res.groups]
    assert sorted(counts) == [0, 0, 2, 2]
    assert all(c.ok for c in res.checks if c.rule == "isolated_minority")


def test_check_grouping_names_the_isolated_minority_member() -> None:
    members = [_expert("C0", chair=True, gender="f"), _expert("C1", chair=True, gender="f")]
    members += [_student(f"S{i}", gender="x" if i < 2 else "f") for i in range(18)]
    members += [_student(f"M{i}", gender="m") for i in range(18)]
    problem = GroupingProblem(members, n_groups=2, min_size=1, max_size=40, spread=("gender",))
    rest = [m.ref for m in members[2:] if m.ref not in {"S0", "S1"}]
    groups = [Group(0, "C0", ("C0", "S0", *rest[:17])), Group(1, "C1", ("C1", "S1", *rest[17:]))]
    _, viols = check_grouping(problem, groups)
    iso = sorted(v.refs for v in viols if v.rule == "isolated_minority")
    assert iso == [("S0",), ("S1",)]


def test_solve_grouping_spreads_a_category() -> None:
    members = [_expert(f"C{g}", chair=True, before=True) for g in range(3)]
    members += [_student(f"S{i}", class_group="AB"[i < 9]) for i in range(18)]
    problem = GroupingProblem(members, n_groups=3, min_size=7, max_size=7, spread=("class_group",))
    res = solve_grouping(problem, seed=0)
    per_group = [sum(1 for r in g.members if r in {f"S{i}" for i in range(9)}) for g in res.groups]
    assert per_group == [3, 3, 3]


def test_solve_grouping_moves_fewest_members_from_previous() -> None:
    members = _edition()
    problem = GroupingProblem(members, n_groups=3, min_size=5, max_size=7)
    first = solve_grouping(problem, seed=0)
    previous = {r: g.index for g in first.groups for r in g.members}
    # C2 is gone: the repair problem has one chair fewer, so C2's group needs a new chair.
    members2 = [m if m.ref != "E0" else _expert("E0", chair=True) for m in members if m.ref != "C2"]
    problem2 = GroupingProblem(
        members2,
        n_groups=3,
        min_size=5,
        max_size=7,
        previous=previous,
        weights=GroupingWeights(stability=20.0),
    )
    res = solve_grouping(problem2, seed=0)
    assert res.feasible
    moved = [r for g in res.groups for r in g.members if previous[r] != g.index]
    assert len(moved) <= 2


def test_solve_grouping_explains_too_few_chairs_by_name() -> None:
    members = [_expert("C0", chair=True), _expert("C1", chair=True)]
    members += [_student(f"S{i}") for i in range(10)]
    res = solve_grouping(GroupingProblem(members, n_groups=3, min_size=3, max_size=5))
    assert not res.feasible
    assert res.groups == ()  # never a group without a chair
    [v] = [v for v in res.violations if v.rule == "chair" and v.group is None]
    assert (v.code, v.refs) == ("too_few_chairs", ("C0", "C1"))
    assert (v.params["groups"], v.params["chairs"]) == (3, 2)


def test_solve_grouping_explains_keep_together_that_is_apart() -> None:
    members = [_expert(f"C{g}", chair=True) for g in range(2)] + [
        _student(f"S{i}") for i in range(6)
    ]
    problem = GroupingProblem(
        members,
        n_groups=2,
        min_size=2,
        max_size=6,
        keep_together=[("S0", "S1"), ("S1", "S2")],
        apart=[("S0", "S2")],
    )
    res = solve_grouping(problem)
    assert not res.feasible
    assert any(v.rule == "keep_together" and set(v.refs) == {"S0", "S2"} for v in res.violations)


def test_solve_grouping_explains_sizes_that_cannot_add_up() -> None:
    members = [_expert(f"C{g}", chair=True) for g in range(2)] + [
        _student(f"S{i}") for i in range(10)
    ]
    res = solve_grouping(GroupingProblem(members, n_groups=2, min_size=2, max_size=4))
    assert not res.feasible
    [v] = [v for v in res.violations if v.code == "sizes_impossible"]
    assert (v.params["members"], v.params["groups"], v.params["at_most"]) == (12, 2, 8)
    assert res.groups == ()


def test_solve_grouping_explains_apart_clique_larger_than_group_count() -> None:
    members = [_expert(f"C{g}", chair=True) for g in range(2)] + [
        _student(f"S{i}") for i in range(6)
    ]
    apart = [(a, b) for a, b in itertools.combinations(["S0", "S1", "S2"], 2)]
    res = solve_grouping(GroupingProblem(members, n_groups=2, min_size=2, max_size=6, apart=apart))
    assert not res.feasible
    assert any(v.rule == "apart" and set(v.refs) == {"S0", "S1", "S2"} for v in res.violations)


def test_solve_grouping_is_deterministic_for_a_seed() -> None:
    problem = GroupingProblem(_edition(4, 7), n_groups=4, min_size=6, max_size=8)
    a = solve_grouping(problem, seed=5)
    b = solve_grouping(problem, seed=5)
    assert a.groups == b.groups


def test_score_grouping_total_is_sum_of_parts() -> None:
    problem = GroupingProblem(_edition(), n_groups=3, min_size=5, max_size=7)
    res = solve_grouping(problem)
    parts = score_grouping(problem, res.groups)
    assert parts == res.objective
    assert parts["total"] == pytest.approx(sum(v for k, v in parts.items() if k != "total"))


def test_suggest_group_count_respects_sizes_and_chairs() -> None:
    assert suggest_group_count(216, 40, 8, 12) == 22
    assert suggest_group_count(216, 19, 8, 12) == 19
    assert suggest_group_count(100, 3, 8, 12) == 9  # too few chairs: the sizes decide
    for n, chairs, lo, hi in [(50, 10, 4, 6), (216, 30, 9, 12), (30, 30, 5, 5)]:
        g = suggest_group_count(n, chairs, lo, hi)
        assert g * lo <= n <= g * hi
        assert g <= chairs


def test_solve_grouping_rejects_unknown_refs() -> None:
    members = [_expert("C0", chair=True), _student("S0")]
    with pytest.raises(ValueError, match="'X'"):
        solve_grouping(GroupingProblem(members, 1, 1, 3, apart=[("S0", "X")]))


def test_solve_grouping_time_limit_cuts_the_search_short() -> None:
    """A time limit ends the search early: measured against the same search without a limit,
    in the same run (a ratio, so a busy machine slows both alike and the test stays fair)."""
    from ontmoeting.engine.afternoon import grouping_problem
    from ontmoeting.engine.mdgp import warm_up
    from ontmoeting.engine.model import PlanSettings
    from ontmoeting.engine.pairing import solve_pairing
    from ontmoeting.engine.synthetic import edition

    warm_up()
    students, experts, _ = edition(216, seed=3)
    pr = solve_pairing(students, experts)
    pairs = [(p.student, p.expert) for p in pr.pairs]
    problem = grouping_problem(students, experts, pairs, PlanSettings())
    t = time.perf_counter()
    unbounded = solve_grouping(problem, seed=0, time_limit=600)
    full = time.perf_counter() - t
    t = time.perf_counter()
    cut = solve_grouping(problem, seed=0, time_limit=0.15)
    short = time.perf_counter() - t
    assert full > 0.6, "the case must be long enough for a limit of 0.15 s to matter"
    assert short < 0.5 * full
    assert cut.feasible == unbounded.feasible  # cut short, still a valid grouping
