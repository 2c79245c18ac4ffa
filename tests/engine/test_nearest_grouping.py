"""The valid grouping nearest to a given one (shared by the afternoon repair and the grouping
solver's fallback) makes the fewest changes and keeps the locks: checked against a brute force
over every grouping that ``check_grouping`` accepts, on small random instances with
keep-together and apart pairs, fixed members and fixed chairs."""

from __future__ import annotations

import itertools
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.group_model import Group, GroupingProblem, GroupMember
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.nearest_grouping import nearest_valid_grouping


def _case(seed: int) -> tuple[GroupingProblem, list[Group]]:
    """6 to 8 people in 2 or 3 groups, a random published grouping (sizes and chairs need not
    be valid), a few pairs and locks."""
    r = random.Random(seed)
    n, n_groups = r.randint(6, 8), r.randint(2, 3)
    refs = [f"P{i}" for i in range(n)]
    members = [GroupMember(ref, "expert" if r.random() < 0.6 else "student") for ref in refs]
    members = [
        GroupMember(m.ref, m.role, m.role == "expert" and r.random() < 0.6, r.random() < 0.5)
        for m in members
    ]
    willing = [m.ref for m in members if m.can_chair]
    lo = r.randint(1, n // n_groups)
    hi = max(lo + r.randint(0, 2), -(-n // n_groups))
    keep = [tuple(r.sample(refs, 2)) for _ in range(r.randint(0, 2))]
    apart = [tuple(r.sample(refs, 2)) for _ in range(r.randint(0, 2))]
    fixed = {a: r.randrange(n_groups) for a in r.sample(refs, r.randint(0, 2))}
    fixed_chairs = {}
    if willing and r.random() < 0.5:
        fixed_chairs[r.randrange(n_groups)] = r.choice(willing)
    label = {ref: r.randrange(n_groups) for ref in refs}
    published = []
    for g in range(n_groups):
        here = [ref for ref in refs if label[ref] == g]
        cands = [ref for ref in here if ref in willing]
        chair = r.choice(cands) if cands and r.random() < 0.8 else ""
        published.append(Group(g, chair, tuple(here)))
    problem = GroupingProblem(
        members, n_groups, lo, hi, keep_together=keep, apart=apart,  # type: ignore[arg-type]
        fixed=fixed, fixed_chairs=fixed_chairs,
    )  # fmt: skip
    return problem, published


def _brute_force(problem: GroupingProblem, published: list[Group]) -> int | None:
    """The fewest changes (a person in another group: 1; a group with another chair: 1) over
    every grouping without a hard violation; None when there is none. Each group's chair: the
    one fixed, else the old one when still there, else any willing member (fewest changes)."""
    refs = [m.ref for m in problem.members]
    willing = {m.ref for m in problem.members if m.can_chair and m.role == "expert"}
    old = {ref: g.index for g in published for ref in g.members}
    best: int | None = None
    n_groups = len(published)
    for labels in itertools.product(range(n_groups), repeat=len(refs)):
        sizes = [labels.count(g) for g in range(n_groups)]
        if not all(problem.min_size <= k <= problem.max_size for k in sizes):
            continue
        moves = sum(old[ref] != g for ref, g in zip(refs, labels, strict=True))
        groups, chair_changes = [], 0
        for grp in published:
            here = [ref for ref, g in zip(refs, labels, strict=True) if g == grp.index]
            cands = [ref for ref in here if ref in willing]
            chair = problem.fixed_chairs.get(grp.index) or (
                grp.chair if grp.chair in cands else (cands or [""])[0]
            )
            chair_changes += chair != grp.chair
            groups.append(Group(grp.index, chair, (chair, *(x for x in here if x != chair))))
        cost = moves + chair_changes
        if best is not None and cost >= best:
            continue
        if not any(v.hard for v in check_grouping(problem, groups)[1]):
            best = cost
    return best


def _changes(published: list[Group], groups: tuple[Group, ...]) -> int:
    old = {ref: g.index for g in published for ref in g.members}
    moves = sum(old[ref] != g.index for g in groups for ref in g.members)
    return moves + sum(a.chair != b.chair for a, b in zip(published, groups, strict=True))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_nearest_valid_grouping_makes_the_fewest_changes_and_keeps_the_locks(seed: int) -> None:
    problem, published = _case(seed)
    expected = _brute_force(problem, published)
    near = nearest_valid_grouping(problem, published, cap=10.0)
    if expected is None:
        assert near.groups is None
        return
    assert near.groups is not None
    assert not [v for v in check_grouping(problem, near.groups)[1] if v.hard]
    assert _changes(published, near.groups) == expected
    for ref, g in problem.fixed.items():
        assert ref in near.groups[g].members
    for g, ref in problem.fixed_chairs.items():
        assert near.groups[g].chair == ref


def test_per_group_bounds_and_allowed_groups_are_kept() -> None:
    """A pair that may not go to group 1 (say, no step-free room) and a group 0 of 3 seats."""
    members = [GroupMember(f"E{i}", "expert", can_chair=i < 2) for i in range(5)]
    problem = GroupingProblem(members, 2, 1, 4, keep_together=[("E2", "E3")])
    published = [Group(0, "E0", ("E0",)), Group(1, "E1", ("E1", "E2", "E3", "E4"))]
    allowed = [[True, True], [True, True], [True, False], [True, True]]  # units: E0 E1 E2+E3 E4
    near = nearest_valid_grouping(
        problem, published, cap=5.0, lo=[1, 1], hi=[3, 4], allowed=np.array(allowed)
    )
    assert near.groups is not None
    assert near.groups[0].members == ("E0", "E2", "E3")
    assert near.groups[1].members == ("E1", "E4")
