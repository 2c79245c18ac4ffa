"""The afternoon's rules, one small function each, and the score of a grouping.

:func:`check_grouping` runs every rule of :data:`GROUP_RULES` on every group (plus the plan-wide
``assignment`` and ``group_count``) and returns one :class:`RuleCheck` per (group, rule) and a
:class:`Violation` for each that fails. Hard: chair, size, keep_together, apart, fixed. Soft:
newcomer_chair (a finding: a first-time chair), spread, isolated_minority, stability.
"""

# Matrix names follow the mathematical notation of the docstrings.

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ontmoeting.engine.group_model import Group, GroupingProblem, MemberIndex
from ontmoeting.engine.results import RuleCheck, Violation

SIZE_PAIR = 1.0  # balance penalty per pair of members in one group (evens out group sizes)


@dataclass(frozen=True)
class _Context:
    """What every rule needs: the index, where everyone is, the category totals."""

    idx: MemberIndex
    group_of: dict[str, int]
    cat_totals: dict[str, Counter[str]]
    total: int


def _chair(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    g, idx = grp.index, ctx.idx
    if not grp.chair:
        return [RuleCheck("chair", False, "no_chair", g, refs=tuple(refs))]
    if grp.chair not in refs:
        return [RuleCheck("chair", False, "chair_not_member", g, refs=(grp.chair,))]
    if not idx.willing(grp.chair):
        return [RuleCheck("chair", False, "chair_unwilling", g, refs=(grp.chair,))]
    seasoned = idx.member(grp.chair).chaired_before
    return [
        RuleCheck("chair", True, "chaired_by", g, refs=(grp.chair,)),
        RuleCheck(
            "newcomer_chair",
            seasoned,
            "chaired_before" if seasoned else "first_time_chair",
            g,
            hard=False,
            refs=(grp.chair,),
        ),
    ]


def _size(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    p = ctx.idx.problem
    k = len(grp.members)
    ok = p.min_size <= k <= p.max_size
    params = {"size": k, "min_size": p.min_size, "max_size": p.max_size}
    return [
        RuleCheck(
            "size", ok, "group_size", grp.index, refs=() if ok else tuple(refs), params=params
        )
    ]


def _keep_together(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    here = set(refs)
    broken = [
        (a, b)
        for a, b in ctx.idx.problem.keep_together
        if (a in here) != (b in here) and (a in here or b in here)
    ]
    if not broken:
        return [RuleCheck("keep_together", True, "pairs_together", grp.index)]
    split = [[a, ctx.group_of.get(a), b, ctx.group_of.get(b)] for a, b in broken]
    return [
        RuleCheck(
            "keep_together",
            False,
            "pair_split",
            grp.index,
            refs=tuple(r for pair in broken for r in pair),
            params={"pairs": split},
        )
    ]


def _apart(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    here = set(refs)
    met = [(a, b) for a, b in ctx.idx.problem.apart if a in here and b in here]
    if not met:
        return [RuleCheck("apart", True, "apart_kept", grp.index)]
    return [
        RuleCheck(
            "apart",
            False,
            "together_apart",
            grp.index,
            refs=tuple(r for pair in met for r in pair),
            params={"pairs": [list(pair) for pair in met]},
        )
    ]


def _fixed(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    p, g, here = ctx.idx.problem, grp.index, set(refs)
    wrong = sorted(r for r, fg in p.fixed.items() if fg == g and r not in here)
    locked_chair = p.fixed_chairs.get(g)
    wrong_chair = locked_chair is not None and locked_chair != grp.chair
    if not wrong and not wrong_chair:
        return [RuleCheck("fixed", True, "locks_kept", g)]
    return [
        RuleCheck(
            "fixed",
            False,
            "lock_broken",
            g,
            refs=tuple(wrong) + ((locked_chair,) if wrong_chair and locked_chair else ()),
            params={"elsewhere": wrong, "chair": locked_chair if wrong_chair else None},
        )
    ]


def _spread(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    """Every category value within one of its proportional share (minorities aside)."""
    idx, k = ctx.idx, len(grp.members)
    minority = set(idx.minority)
    off = []
    for c in idx.cats:
        here = Counter(idx.member(r).categories[c] for r in refs if c in idx.member(r).categories)
        for v, tot in sorted(ctx.cat_totals[c].items()):
            if (c, v) in minority:
                continue
            e = tot * k / ctx.total
            if not math.floor(e) - 1 <= here.get(v, 0) <= math.ceil(e) + 1:
                off.append(
                    {"category": c, "value": v, "count": here.get(v, 0), "expected": round(e, 1)}
                )
    if not off:
        return [RuleCheck("spread", True, "spread_even", grp.index, hard=False)]
    return [RuleCheck("spread", False, "uneven", grp.index, hard=False, params={"values": off})]


def _isolated(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    idx = ctx.idx
    alone = []
    for c, v in idx.minority:
        holders = [r for r in refs if idx.member(r).categories.get(c) == v]
        if len(holders) == 1:
            alone.append({"ref": holders[0], "category": c, "value": v})
    if not alone:
        return [RuleCheck("isolated_minority", True, "nobody_alone", grp.index, hard=False)]
    return [
        RuleCheck(
            "isolated_minority",
            False,
            "alone",
            grp.index,
            hard=False,
            refs=tuple(a["ref"] for a in alone),
            params={"alone": alone},
        )
    ]


def _stability(ctx: _Context, grp: Group, refs: list[str]) -> list[RuleCheck]:
    previous = ctx.idx.problem.previous
    if previous is None:
        return []
    moved = [r for r in refs if r in previous and previous[r] != grp.index]
    if not moved:
        return [RuleCheck("stability", True, "nobody_moved", grp.index, hard=False)]
    return [RuleCheck("stability", False, "moved", grp.index, hard=False, refs=tuple(moved))]


Rule = Callable[[_Context, Group, list[str]], list[RuleCheck]]

#: The per-group rules, in the order the plan page lists them.
GROUP_RULES: tuple[Rule, ...] = (
    _chair,
    _size,
    _keep_together,
    _apart,
    _fixed,
    _spread,
    _isolated,
    _stability,
)


def _plan_wide(
    idx: MemberIndex, groups: Sequence[Group], where: dict[str, list[int]]
) -> list[RuleCheck]:
    """Everyone in exactly one group; the number of groups the problem asks for."""
    if not groups and idx.members:
        return [RuleCheck("group_count", False, "no_groups", params={"members": len(idx.members)})]
    missing = [m.ref for m in idx.members if m.ref not in where]
    double = sorted(r for r, gs in where.items() if len(gs) > 1)
    unknown = sorted(r for r in where if r not in idx.pos)
    out = []
    for code, refs in (
        ("not_in_group", missing),
        ("in_two_groups", double),
        ("not_participant", unknown),
    ):
        if refs:
            out.append(RuleCheck("assignment", False, code, refs=tuple(refs)))
    if not out:
        out.append(RuleCheck("assignment", True, "everyone_once"))
    wanted = idx.problem.n_groups
    if wanted is not None:
        out.append(
            RuleCheck(
                "group_count",
                len(groups) == wanted,
                "group_count",
                params={"groups": len(groups), "required": wanted},
            )
        )
    return out


def check_grouping(
    problem: GroupingProblem, groups: Sequence[Group]
) -> tuple[tuple[RuleCheck, ...], tuple[Violation, ...]]:
    """Re-check a (possibly hand-edited) grouping against every rule.

    Returns one RuleCheck per (group, rule) of :data:`GROUP_RULES`, the plan-wide checks, and a
    Violation for every failed check. O(n^2) at most.
    """
    idx = MemberIndex(
        problem, n_groups=max([len(groups), *(g.index + 1 for g in groups)], default=None) or None
    )
    where: dict[str, list[int]] = {}
    for grp in groups:
        for r in grp.members:
            where.setdefault(r, []).append(grp.index)
    ctx = _Context(
        idx=idx,
        group_of={r: gs[0] for r, gs in where.items()},
        cat_totals={
            c: Counter(m.categories[c] for m in idx.members if c in m.categories) for c in idx.cats
        },
        total=max(1, len(idx.members)),
    )
    checks = _plan_wide(idx, groups, where)
    for grp in groups:
        refs = [r for r in grp.members if r in idx.pos]
        for rule in GROUP_RULES:
            checks.extend(rule(ctx, grp, refs))
    violations = tuple(
        Violation(c.code, refs=c.refs, hard=c.hard, group=c.group, params=c.params)
        for c in checks
        if not c.ok
    )
    return tuple(checks), violations


# ------------------------------------------------------------------------------------ score


def pair_matrices(idx: MemberIndex) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Attribute distance d (n x n, in [0, 1]) and same-value share (n x n, in [0, 1]).

    Categories are ``spread`` plus the role; d counts categories where two members differ (one
    having a value the other lacks counts as differing), the same-value share those where both
    have the same value; both are divided by the number of categories.
    """
    n = len(idx.members)
    cats = [*idx.cats, "\0role"]
    d = np.zeros((n, n))
    same = np.zeros((n, n))
    for c in cats:
        vals = [m.role if c == "\0role" else m.categories.get(c) for m in idx.members]
        codes = {v: k for k, v in enumerate(sorted({v for v in vals if v is not None}))}
        x = np.array([codes[v] if v is not None else -1 for v in vals])
        both_missing = (x[:, None] < 0) & (x[None, :] < 0)
        eq = x[:, None] == x[None, :]
        d += (~eq) & ~both_missing
        same += eq & ~both_missing
    d /= len(cats)
    same /= len(cats)
    np.fill_diagonal(d, 0.0)
    np.fill_diagonal(same, 0.0)
    return d, same


def score_grouping(problem: GroupingProblem, groups: Sequence[Group]) -> dict[str, float]:
    """Objective parts of a grouping (higher is better; penalties are negative).

    - ``diversity``: ``weights.diversity`` x sum over groups of the attribute distance of every
      pair in the group;
    - ``balance``: ``-weights.balance`` x sum over pairs in a group of (same-value share + 1),
      i.e. penalises uneven category counts and uneven group sizes (both are convex);
    - ``chair_experience``: ``weights.chair_experience`` x number of chairs who chaired before;
    - ``stability``: ``-weights.stability`` x members not in their ``previous`` group;
    - ``isolated_minority``: ``-weights.isolation`` x (group, minority value) with one member;
    - ``total``: the sum.
    """
    idx = MemberIndex(problem, n_groups=len(groups) or None)
    d, same = pair_matrices(idx)
    return score_parts(idx, d, same, groups)


def score_parts(
    idx: MemberIndex,
    d: npt.NDArray[np.float64],
    same: npt.NDArray[np.float64],
    groups: Sequence[Group],
) -> dict[str, float]:
    """:func:`score_grouping` with the member index and pair matrices already built."""
    problem = idx.problem
    w = problem.weights
    div = bal = chair_exp = 0.0
    moved = isolated = 0
    for grp in groups:
        ii = np.array([idx.pos[r] for r in grp.members if r in idx.pos], dtype=np.int64)
        div += float(d[np.ix_(ii, ii)].sum()) / 2
        k = ii.shape[0]
        bal += float(same[np.ix_(ii, ii)].sum()) / 2 + SIZE_PAIR * k * (k - 1) / 2
        if grp.chair in idx.pos and idx.member(grp.chair).chaired_before:
            chair_exp += 1
        if problem.previous is not None:
            moved += sum(
                1 for r in grp.members if r in problem.previous and problem.previous[r] != grp.index
            )
        for c, v in idx.minority:
            here = sum(
                1 for r in grp.members if r in idx.pos and idx.member(r).categories.get(c) == v
            )
            isolated += here == 1
    parts = {
        "diversity": w.diversity * div,
        "balance": -w.balance * bal,
        "chair_experience": w.chair_experience * chair_exp,
        "stability": -w.stability * moved,
        "isolated_minority": -w.isolation * isolated,
    }
    parts["total"] = sum(parts.values())
    return parts
