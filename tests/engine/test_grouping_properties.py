"""Property tests of the grouping solver: hard rules always hold on feasible instances,
explanations of infeasible instances name a real conflict, and tiny instances match brute force.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ontmoeting.engine.grouping import (
    Group,
    GroupingProblem,
    GroupMember,
    check_grouping,
    score_grouping,
    solve_grouping,
)

PROPS = settings(max_examples=25, deadline=None)


def _member(r: random.Random, ref: str, chair: bool) -> GroupMember:
    if chair or r.random() < 0.5:
        before = chair and r.random() < 0.5
        return GroupMember(
            ref,
            "expert",
            can_chair=chair,
            chaired_before=before,
            categories={"gender": r.choice("fmx"), "domain": r.choice(["add", "mh", "yp"])},
        )
    return GroupMember(
        ref, "student", categories={"gender": r.choice("fm"), "class_group": r.choice("AB")}
    )


def _planted(seed: int) -> tuple[GroupingProblem, dict[str, int]]:
    """A random instance built around a planted valid grouping (so it is feasible)."""
    r = random.Random(seed)
    n_groups = r.randint(2, 4)
    lo = r.randint(2, 4)
    hi = lo + r.randint(0, 3)
    sizes = [r.randint(lo, hi) for _ in range(n_groups)]
    members: list[GroupMember] = []
    plant: dict[str, int] = {}
    for g, k in enumerate(sizes):
        for i in range(k):
            ref = f"G{g}M{i}"
            members.append(_member(r, ref, chair=i == 0 or r.random() < 0.1))
            plant[ref] = g
    r.shuffle(members)
    refs = list(plant)
    keep, apart = [], []
    for _ in range(r.randint(0, len(refs) // 3)):
        a, b = r.sample(refs, 2)
        if plant[a] == plant[b]:
            keep.append((a, b))
        else:
            apart.append((a, b))
    fixed = {a: plant[a] for a in r.sample(refs, r.randint(0, 2))}
    fixed_chairs = {}
    if r.random() < 0.3:
        fixed_chairs[0] = "G0M0"
    problem = GroupingProblem(
        members,
        n_groups,
        lo,
        hi,
        keep_together=keep,
        apart=apart,
        fixed=fixed,
        fixed_chairs=fixed_chairs,
    )
    return problem, plant


@PROPS
@given(st.integers(0, 10**6))
@example(91350)  # a keep-together pair on the wrong side of an apart pair (tight sizes)
@example(17998)  # a trio where only a chair can go: the second group left without one
def test_feasible_instances_get_a_grouping_that_meets_every_hard_rule(seed: int) -> None:
    problem, _ = _planted(seed)
    res = solve_grouping(problem, seed=seed % 7)
    hard = [c for c in res.checks if c.hard]
    assert res.feasible, [v for v in res.violations if v.hard]
    assert all(c.ok for c in hard), [c for c in hard if not c.ok]
    assert not [v for v in res.violations if v.hard]
    assert sorted(r for g in res.groups for r in g.members) == sorted(
        m.ref for m in problem.members
    )


def _connected(pairs: list[tuple[str, str]], a: str, b: str) -> bool:
    seen, todo = {a}, [a]
    while todo:
        x = todo.pop()
        for p, q in pairs:
            for u, v in ((p, q), (q, p)):
                if u == x and v not in seen:
                    seen.add(v)
                    todo.append(v)
    return b in seen


@PROPS
@given(st.integers(0, 10**6), st.sampled_from(["chairs", "keep_apart", "locked_apart", "size"]))
def test_infeasible_instances_name_a_real_conflict(seed: int, kind: str) -> None:
    problem, _ = _planted(seed)
    r = random.Random(seed)
    members = list(problem.members)
    refs = [m.ref for m in members]
    keep, apart, fixed = list(problem.keep_together), list(problem.apart), dict(problem.fixed)
    n_groups, lo, hi = problem.n_groups, problem.min_size, problem.max_size
    fixed_chairs = dict(problem.fixed_chairs)
    if kind == "chairs":
        members = [GroupMember(m.ref, m.role, False, False, m.categories) for m in members]
        for m in r.sample(range(len(members)), n_groups - 1):
            old = members[m]
            members[m] = GroupMember(old.ref, "expert", True, False, old.categories)
        fixed_chairs = {}
    elif kind == "keep_apart":
        a, b, c = r.sample(refs, 3)
        keep += [(a, b), (b, c)]
        apart.append((a, c))
    elif kind == "locked_apart":
        a, b = r.sample(refs, 2)
        fixed.update({a: 0, b: 0})
        apart.append((a, b))
        keep = [p for p in keep if not {a, b} & set(p)]
        fixed_chairs = {}
    else:
        hi = len(refs) // n_groups - 1
        lo = min(lo, hi)
    problem = GroupingProblem(
        members,
        n_groups,
        lo,
        hi,
        keep_together=keep,
        apart=apart,
        fixed=fixed,
        fixed_chairs=fixed_chairs,
    )
    res = solve_grouping(problem, seed=0)
    assert not res.feasible
    named = [v for v in res.violations if v.hard]
    assert named
    willing = [m.ref for m in members if m.role == "expert" and m.can_chair]

    def real(v: object) -> bool:
        rule, refs_ = v.rule, v.refs  # type: ignore[attr-defined]
        if rule == "chair" and v.group is None:  # type: ignore[attr-defined]
            return set(refs_) == set(willing) and len(willing) < n_groups
        if rule == "keep_together" and len(refs_) == 2:
            x, y = refs_
            return ((x, y) in apart or (y, x) in apart) and _connected(keep, x, y)
        if rule == "apart" and len(refs_) == 2:
            x, y = refs_
            locked = fixed.get(x) is not None and fixed.get(x) == fixed.get(y)
            return ((x, y) in apart or (y, x) in apart) and locked
        if rule == "size" and not refs_:
            return not n_groups * lo <= len(refs) <= n_groups * hi
        return False

    assert any(real(v) for v in named), named


def _brute_force(problem: GroupingProblem) -> float:
    refs = [m.ref for m in problem.members]
    by_ref = {m.ref: m for m in problem.members}
    best = float("-inf")
    for labels in itertools.product(range(problem.n_groups), repeat=len(refs)):
        groups = []
        for g in range(problem.n_groups):
            mem = [r for r, lab in zip(refs, labels, strict=True) if lab == g]
            willing = [r for r in mem if by_ref[r].can_chair]
            seasoned = [r for r in willing if by_ref[r].chaired_before]
            chair = (seasoned or willing or [""])[0]
            groups.append(
                Group(g, chair, tuple([chair] * bool(chair) + [r for r in mem if r != chair]))
            )
        checks, _ = check_grouping(problem, groups)
        if all(c.ok for c in checks if c.hard):
            best = max(best, score_grouping(problem, groups)["total"])
    return best


@pytest.mark.parametrize("seed", range(8))
def test_tiny_instances_match_brute_force(seed: int) -> None:
    r = random.Random(seed)
    n = r.randint(5, 8)
    members = [_member(r, f"P{i}", chair=i < 2 or r.random() < 0.2) for i in range(n)]
    refs = [m.ref for m in members]
    apart = [tuple(r.sample(refs, 2)) for _ in range(r.randint(0, 2))]
    problem = GroupingProblem(
        members,
        2,
        2,
        n - 2,
        apart=apart,  # type: ignore[arg-type]
        spread=("gender", "domain", "class_group"),
    )
    expected = _brute_force(problem)
    res = solve_grouping(problem, seed=seed)
    if expected == float("-inf"):
        assert not res.feasible
    else:
        assert res.feasible
        assert res.objective["total"] == pytest.approx(expected)
