"""Afternoon discussion groups: a maximally diverse grouping with composition rules, fitted to
the venue and the chairs.

Hard rules: every group has exactly one chair (an expert willing to chair), group sizes within
``min_size..max_size`` (chair included), ``keep_together`` pairs share a group, ``apart`` pairs
never do, the locks ``fixed`` / ``fixed_chairs`` hold, and — with ``rooms`` — every group gets a
free room that seats it, step-free for anyone who needs it.

Soft rules (scored, see :func:`~ontmoeting.engine.group_rules.score_grouping`): diversity (the
MDGP objective on an attribute distance), balance (each category value and the group sizes
spread evenly), no isolated minority, chairs who chaired before, stability with respect to a
``previous`` grouping.

Method.

1. Keep-together pairs are merged into units (union-find).
2. :func:`~ontmoeting.engine.venue_fit.fit_layout` chooses the number of groups and a room slot
   per group from the bounds, the units holding a willing chair and the rooms (a joint model):
   each group may hold at most its slot's seats, and units needing step-free access may only go
   to step-free slots. When no layout exists the result has no groups and says why with the
   numbers (never a group without a chair or a room).
3. Conflicts that make every grouping invalid are detected and named
   (:mod:`.group_conflicts`).
4. The problem becomes a generalised MDGP over units solved by the iterated tabu search of
   :mod:`.mdgp`: pair weights = diversity - balance - a large penalty per ``apart`` pair; unary
   weights = stability and a large penalty for a step-free unit in a slot without step-free
   access; count penalties for a group with nobody willing to chair (large), without a chair who
   chaired before, and for a minority value present exactly once; locked units never move.
5. The chair of each group is its willing expert who chaired before (else any willing expert),
   so the choice of chairs is optimised jointly with the groups; the rooms are then chosen
   exactly for the group sizes found (:func:`~ontmoeting.engine.rooms.assign_group_rooms`).
"""

# Matrix names (W, U, A) follow the mathematical notation of the docstrings.
# ruff: noqa: N806

from __future__ import annotations

import itertools
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ontmoeting.engine.group_conflicts import CHAIR_CONFLICTS, apart_clique, find_conflicts
from ontmoeting.engine.group_model import (
    Group,
    GroupingProblem,
    GroupingResult,
    GroupingWeights,
    GroupMember,
    MemberIndex,
    components,
)
from ontmoeting.engine.group_rules import (
    SIZE_PAIR,
    check_grouping,
    pair_matrices,
    score_grouping,
    score_parts,
)
from ontmoeting.engine.mdgp import UnitProblem, iterated_tabu
from ontmoeting.engine.nearest_grouping import nearest_valid_grouping
from ontmoeting.engine.packing import pack_units
from ontmoeting.engine.results import Note, RuleCheck, Violation
from ontmoeting.engine.rooms import GroupUnit, assign_group_rooms
from ontmoeting.engine.venue_fit import Fit, FitInput, Layout, fit_layout, layouts

__all__ = [
    "Group",
    "GroupMember",
    "GroupingProblem",
    "GroupingResult",
    "GroupingWeights",
    "check_grouping",
    "fit_for",
    "score_grouping",
    "solve_grouping",
    "suggest_group_count",
]

HARD = 1.0e6  # penalty of a broken hard rule inside the search


def suggest_group_count(n_members: int, n_chairs: int, min_size: int, max_size: int) -> int:
    """Number of groups closest to the middle size that the sizes and the chairs allow.

    Returns the count G with ``ceil(n/max) <= G <= floor(n/min)`` and ``G <= n_chairs`` whose
    mean size is nearest ``(min + max) / 2``; if no count satisfies all, the smallest count the
    sizes allow. (Without rooms; :func:`fit_for` also fits the rooms.)

    >>> suggest_group_count(216, 40, 8, 12)
    22
    """
    if n_members <= 0 or min_size <= 0 or max_size < min_size:
        raise ValueError("need n_members > 0 and 0 < min_size <= max_size")
    fit = fit_layout(FitInput(n_members, n_chairs, min_size, max_size))
    if fit.layout is not None:
        return fit.layout.n_groups
    return max(1, math.ceil(n_members / max_size))


def _step_free_people(idx: MemberIndex, comps: list[list[int]]) -> int:
    """People who must sit in a step-free room: every unit with someone who needs it."""
    return sum(len(c) for c in comps if any(idx.members[i].step_free for i in c))


def fit_input(problem: GroupingProblem) -> FitInput:
    """What the layout of ``problem`` depends on (see :mod:`.venue_fit`)."""
    idx = MemberIndex(problem)
    comps = components(idx)
    chair_comps = [c for c in comps if any(idx.willing(idx.members[i].ref) for i in c)]
    step_free_chairs = sum(1 for c in chair_comps if any(idx.members[i].step_free for i in c))
    locked_groups = max([*problem.fixed.values(), *problem.fixed_chairs.keys()], default=-1) + 1
    return FitInput(
        members=len(idx.members),
        chair_units=len(chair_comps),
        step_free_chairs=step_free_chairs if problem.rooms is not None else 0,
        min_size=problem.min_size,
        max_size=problem.max_size,
        step_free_people=_step_free_people(idx, comps) if problem.rooms is not None else 0,
        rooms=problem.rooms,
        n_groups=problem.n_groups,
        at_least=max(1, locked_groups),
        other_kind_cost=problem.other_kind_cost,
        chair_refs=tuple(m.ref for m in idx.members if idx.willing(m.ref)),
        odd_units=sum(len(c) % 2 for c in comps) if any(len(c) > 1 for c in comps) else None,
    )


def fit_for(problem: GroupingProblem) -> Fit:
    """The layout :func:`solve_grouping` uses for ``problem`` (the "before solving" view)."""
    return fit_layout(fit_input(problem))


def _no_groups(
    problem: GroupingProblem, reasons: list[Violation], fit: Fit | None, t0: float
) -> GroupingResult:
    """The result when no grouping can give every group a chair (and a room)."""
    checks, viols = check_grouping(replace(problem, n_groups=None), ())
    return GroupingResult(
        groups=(),
        objective={},
        checks=checks,
        violations=tuple(reasons) + viols,
        feasible=False,
        notes=(Note("no_groups", {"reasons": len(reasons)}),),
        seconds=time.perf_counter() - t0,
        fit=fit,
    )


def _unit_index(comps: list[list[int]], n: int) -> npt.NDArray[np.int64]:
    """Member position -> its keep-together unit."""
    unit_of = np.empty(n, dtype=np.int64)
    for u, c in enumerate(comps):
        unit_of[c] = u
    return unit_of


def _unit_problem(
    idx: MemberIndex, comps: list[list[int]], layout: Layout, problem: GroupingProblem
) -> tuple[UnitProblem, npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The generalised MDGP over keep-together units (see the module docstring, step 4).

    Returns (problem, start groups of the locked units, member distance, member same-share).
    """
    unit_of = _unit_index(comps, len(idx.members))
    s = np.array([len(c) for c in comps], dtype=np.int64)
    locked, start, chair_lock = _unit_locks(idx, unit_of, len(comps))
    lo, hi = _size_bounds(problem, layout, s, locked, start)
    W, d, same = _pair_weights(idx, unit_of, len(comps))
    U, use_u = _unary_weights(idx, comps, unit_of, layout)
    A, tab = _count_penalties(idx, unit_of, len(comps), chair_lock)
    up = UnitProblem(W=W, U=U, s=s, lo=lo, hi=hi, locked=locked, A=A, tab=tab, use_u=use_u)
    return up, start, d, same


def _unit_locks(
    idx: MemberIndex, unit_of: npt.NDArray[np.int64], m: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64], dict[int, int]]:
    """Which units are locked, in which group (0 for the free ones), and the units locked as a
    group's chair. A locked chair's group wins over a member's lock in the same unit; among
    locks of one kind, the first chair group / the first ref (sorted) wins."""
    p = idx.problem
    locked = np.zeros(m, dtype=np.bool_)
    start = np.zeros(m, dtype=np.int64)
    chair_lock: dict[int, int] = {}
    for g, r in sorted(p.fixed_chairs.items()):
        u = int(unit_of[idx.pos[r]])
        if not locked[u]:
            locked[u], start[u] = True, g
            chair_lock[u] = g
    for r, g in sorted(p.fixed.items()):
        u = int(unit_of[idx.pos[r]])
        if not locked[u]:
            locked[u], start[u] = True, g
    return locked, start, chair_lock


def _size_bounds(
    p: GroupingProblem,
    layout: Layout,
    s: npt.NDArray[np.int64],
    locked: npt.NDArray[np.bool_],
    start: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each group's size bounds: ``min_size`` and its room slot's seats; best effort when the
    locks overfill a group: its upper bound is widened just enough (and the lower one kept
    below it)."""
    G = layout.n_groups
    lo = np.full(G, p.min_size, dtype=np.int64)
    hi = np.array(layout.upper, dtype=np.int64)
    locked_load = np.bincount(start[locked], weights=s[locked], minlength=G).astype(np.int64)
    hi = np.maximum(hi, locked_load)
    return np.minimum(lo, hi), hi


def _pair_weights(
    idx: MemberIndex, unit_of: npt.NDArray[np.int64], m: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Unit pair weights W (diversity - balance, minus HARD per ``apart`` pair, summed over the
    members of the two units), with the member distance and same-share matrices."""
    p, n = idx.problem, len(idx.members)
    w = p.weights
    d, same = pair_matrices(idx)
    Wm = w.diversity * d - w.balance * (same + SIZE_PAIR)
    np.fill_diagonal(Wm, 0.0)
    for a, b in p.apart:
        i, j = idx.pos[a], idx.pos[b]
        if i != j:
            Wm[i, j] = Wm[j, i] = Wm[i, j] - HARD
    if m == n:
        order = np.argsort(unit_of)
        return Wm[np.ix_(order, order)], d, same
    tmp = np.zeros((m, n))
    np.add.at(tmp, unit_of, Wm)
    W = np.zeros((m, m))
    np.add.at(W.T, unit_of, tmp.T)
    np.fill_diagonal(W, 0.0)
    return W, d, same


def _unary_weights(
    idx: MemberIndex, comps: list[list[int]], unit_of: npt.NDArray[np.int64], layout: Layout
) -> tuple[npt.NDArray[np.float64], bool]:
    """Unit x group weights U: the stability bonus for a unit's ``previous`` group, and HARD
    against a step-free unit in a slot without step-free access; ``(zeros((1, 1)), False)``
    when none applies."""
    p, G = idx.problem, layout.n_groups
    w = p.weights
    U = np.zeros((len(comps), G))
    if p.previous is not None and w.stability > 0:
        for r, g in p.previous.items():
            if r in idx.pos:
                u = int(unit_of[idx.pos[r]])
                U[u, :] -= w.stability
                if 0 <= g < G:
                    U[u, g] += w.stability
    not_sf = ~np.array(layout.step_free, dtype=bool)
    if not_sf.any():
        for u, c in enumerate(comps):
            if any(idx.members[i].step_free for i in c):
                U[u, not_sf] -= HARD
    if not U.any():
        return np.zeros((1, 1)), False
    return U, True


def _count_penalties(
    idx: MemberIndex, unit_of: npt.NDArray[np.int64], m: int, chair_lock: dict[int, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Counts per unit (A) and their penalties per count 0, 1, 2+ (tab): no willing chair
    (HARD), no chair who chaired before, a minority value present exactly once."""
    w = idx.problem.weights
    K = 2 + len(idx.minority)
    A = np.zeros((m, K), dtype=np.int64)
    tab = np.zeros((K, 3))
    tab[0, 0] = HARD
    tab[1, 0] = w.chair_experience
    for i, mem in enumerate(idx.members):
        u = int(unit_of[i])
        if idx.willing(mem.ref):
            A[u, 0] += 1
            if mem.chaired_before:
                A[u, 1] += 1
        for k, (cat, val) in enumerate(idx.minority):
            if mem.categories.get(cat) == val:
                A[u, 2 + k] += 1
                tab[2 + k, 1] = w.isolation
    for u in chair_lock:
        A[u, 1] = max(A[u, 1], 1)  # the locked chair decides; the bonus is constant there
    return A, tab


def _search(
    up: UnitProblem,
    start: npt.NDArray[np.int64],
    packed: npt.NDArray[np.int64],
    problem: GroupingProblem,
    comps: list[list[int]],
    refs: list[str],
    *,
    seed: int,
    time_left: float,
    progress: Callable[[float], None] | None,
) -> npt.NDArray[np.int64]:
    """Unit -> group from the tabu search, starting from ``packed`` (a grouping that meets the
    counts), or from the ``previous`` grouping when that fits and nothing is locked."""
    G, m = up.n_groups, up.s.shape[0]
    first = packed
    if problem.previous is not None and not up.locked.any():
        previous = np.array(
            [min(max(problem.previous.get(refs[c[0]], 0), 0), G - 1) for c in comps],
            dtype=np.int64,
        )
        sizes = np.bincount(previous, weights=up.s, minlength=G)
        if np.all(sizes >= up.lo) and np.all(sizes <= up.hi):
            first = previous
    out = iterated_tabu(
        up,
        start if up.locked.any() else first,
        seed=seed,
        time_limit=max(0.0, time_left),
        progress=progress,
        pool_size=2 if m > 600 else 3,
        depth=int(min(1000, max(50, 4 * m))) if m <= 600 else 20,
        stall_rounds=3,
        construct_from=packed,
    )
    return out.p


def _groups_from(
    idx: MemberIndex,
    assign: npt.NDArray[np.int64],
    unit_of: npt.NDArray[np.int64],
    n_groups: int,
) -> list[Group]:
    refs = [m.ref for m in idx.members]
    member_group = assign[unit_of]
    order = np.argsort(member_group, kind="stable")
    bounds = np.searchsorted(member_group[order], np.arange(n_groups + 1))
    groups = []
    for g in range(n_groups):
        mem_refs = [refs[int(i)] for i in order[bounds[g] : bounds[g + 1]]]
        chair = idx.problem.fixed_chairs.get(g) or idx.chair_of(mem_refs)
        if chair not in mem_refs:
            chair = idx.chair_of(mem_refs)
        ordered = tuple([chair] + [r for r in mem_refs if r != chair]) if chair else tuple(mem_refs)
        groups.append(Group(index=g, chair=chair, members=ordered))
    return groups


def _exact_fallback(
    p: GroupingProblem,
    idx: MemberIndex,
    comps: list[list[int]],
    up: UnitProblem,
    start: npt.NDArray[np.int64],
    assign: npt.NDArray[np.int64],
    *,
    seed: int,
    time_left: float,
) -> tuple[list[Group], tuple[RuleCheck, ...], tuple[Violation, ...]]:
    """The groups of ``assign`` (with their checks and violations) when they meet every hard
    rule; else those of the valid grouping with the fewest moves from it
    (:func:`~ontmoeting.engine.nearest_grouping.nearest_valid_grouping`, within each group's
    seats and step-free slots, the locks kept), improved by the tabu search from there in the
    time left; those of ``assign`` when no valid grouping exists (or none was found in time).

    Why: the search moves one unit or swaps two, so with tight size bounds it can never change
    how many units of each size a group holds (a pair cannot trade places with two singles).
    When its start puts them where no grouping meets the rules (an ``apart`` pair forced into
    one group, a group left without a willing chair), only a compound move helps; the integer
    program makes it exactly and only in that case.
    """
    t0 = time.perf_counter()
    unit_of = _unit_index(comps, len(idx.members))
    G = up.n_groups
    groups = _groups_from(idx, assign, unit_of, G)
    checks, viols = check_grouping(p, groups)
    if not any(v.hard for v in viols):
        return groups, checks, viols
    allowed = up.U > -HARD / 2 if up.use_u else np.ones((len(comps), G), dtype=np.bool_)
    near = nearest_valid_grouping(p, groups, time_left, lo=up.lo, hi=up.hi, allowed=allowed)
    if near.groups is None:
        return groups, checks, viols
    where = {r: g.index for g in near.groups for r in g.members}
    repaired = np.array([where[idx.members[c[0]].ref] for c in comps], dtype=np.int64)
    refs = [m.ref for m in idx.members]
    left = time_left - (time.perf_counter() - t0)
    for a in (
        _search(
            up, start, repaired, replace(p, previous=None), comps, refs,
            seed=seed, time_left=left, progress=None,
        ),
        repaired,
    ):  # fmt: skip
        groups = _groups_from(idx, a, unit_of, G)
        checks, viols = check_grouping(p, groups)
        if not any(v.hard for v in viols):
            break
    return groups, checks, viols


#: Layouts tried, best first, until the keep-together units pack into one (see below).
PACKING_TRIES = 8


def _first_packable(problem: GroupingProblem, fit: Fit, seed: int) -> tuple[Any, ...] | None:
    """The first layout (the fitted one, then the next best) whose counts the keep-together
    units can meet exactly (:func:`~ontmoeting.engine.packing.pack_units`), with its unit
    problem and a first grouping; None when none of :data:`PACKING_TRIES` can. The seat count
    of a layout already allows for pairs; this catches what a count cannot see (trios where
    only pairs fit, a chair short where the step-free rooms are)."""
    assert fit.layout is not None
    tried = [fit.layout, *itertools.islice(layouts(fit_input(problem)), 1, PACKING_TRIES)]
    for layout in tried:
        p = replace(problem, n_groups=layout.n_groups)
        idx = MemberIndex(p)
        comps = components(idx)
        conflicts = find_conflicts(idx, comps, layout.n_groups)
        up, start, d, same = _unit_problem(idx, comps, layout, p)
        first = pack_units(
            up.s,
            up.lo,
            up.hi,
            step_free=np.array([any(idx.members[i].step_free for i in c) for c in comps]),
            slot_step_free=layout.step_free,
            chair=np.array([any(idx.willing(idx.members[i].ref) for i in c) for c in comps]),
            locked=up.locked,
            start=start,
            rng=np.random.default_rng(seed),
        )
        if first is not None:
            return p, idx, comps, conflicts, up, start, first, d, same
    return None


def solve_grouping(
    problem: GroupingProblem,
    *,
    seed: int = 0,
    time_limit: float = 2.0,
    progress: Callable[[float], None] | None = None,
) -> GroupingResult:
    """Form the discussion groups that satisfy the hard rules and score best.

    Deterministic for a given seed (the search stops after a fixed number of rounds without
    improvement; ``time_limit`` seconds only cuts it short on very large inputs, and the whole
    call ends within it, checks included, unless the set-up alone takes longer). Time per tabu
    iteration O(m^2 + m G) for m keep-together units; a 216-member edition takes a fraction of a
    second. When no layout gives every group a chair and a room, there are no groups and
    ``violations`` say why; when the search cannot meet another hard rule, the best-effort
    grouping is returned and ``violations`` name the rule and the people.
    """
    t0 = time.perf_counter()
    fit = fit_for(problem)
    if fit.layout is None:
        # name every structural conflict too: a keep-together chain may be why chairs are short
        idx = MemberIndex(problem, n_groups=max(1, int(fit.facts["groups"])))
        codes = {r.code for r in fit.reasons}
        more = find_conflicts(idx, components(idx), max(1, int(fit.facts["groups"])))
        return _no_groups(
            problem, [*fit.reasons, *(c for c in more if c.code not in codes)], fit, t0
        )
    packed = _first_packable(problem, fit, seed)
    if packed is None:
        idx0 = MemberIndex(problem, n_groups=fit.layout.n_groups)
        sizes = Counter(len(c) for c in components(idx0))
        reason = Violation(
            "blocks_cannot_pack",
            params={
                "groups": fit.layout.n_groups,
                "min_size": problem.min_size,
                "max_size": problem.max_size,
                "units": {str(k): v for k, v in sorted(sizes.items())},
            },
        )
        more = find_conflicts(idx0, components(idx0), fit.layout.n_groups)
        return _no_groups(problem, [*more, reason], fit, t0)
    p, idx, comps, conflicts, up, start, first, d, same = packed
    if any(c.code in CHAIR_CONFLICTS for c in conflicts):
        return _no_groups(p, conflicts, fit, t0)
    G = up.n_groups
    refs = [m.ref for m in idx.members]
    spent = time.perf_counter() - t0
    assign = _search(
        up,
        start,
        first,
        p,
        comps,
        refs,
        seed=seed,
        time_left=time_limit - 1.4 * spent,  # keep back time for the checks after the search
        progress=progress,
    )
    groups, checks, viols = _exact_fallback(
        p,
        idx,
        comps,
        up,
        start,
        assign,
        seed=seed,
        # the search's reserve, less the time it overran, for the integer program if needed
        time_left=time_limit - 0.4 * spent - (time.perf_counter() - t0),
    )
    if any(not g.chair for g in groups):
        return _no_groups(p, [*conflicts, *fit.reasons], fit, t0)
    hard_broken = [v for v in viols if v.hard]
    for hv in hard_broken:
        if hv.code == "together_apart" and len(hv.refs) >= 2:
            clique = apart_clique(idx, hv.refs[0], hv.refs[1])
            if len(clique) > G:
                conflicts.append(
                    Violation(
                        "apart_clique", tuple(clique), params={"count": len(clique), "groups": G}
                    )
                )
    rooms: dict[int, str] = {}
    room_viols: list[Violation] = []
    if p.rooms is not None:
        units = [
            GroupUnit(
                g.index,
                len(g.members),
                any(idx.member(r).step_free for r in g.members),
            )
            for g in groups
        ]
        rooms, _, room_viols = assign_group_rooms(units, p.rooms, other_kind_cost=p.other_kind_cost)
    feasible = not hard_broken and not conflicts and not any(v.hard for v in room_viols)
    notes = [
        Note(
            "groups_formed",
            {
                "groups": G,
                "smallest": min(len(g.members) for g in groups),
                "largest": max(len(g.members) for g in groups),
                "feasible": feasible,
            },
        )
    ]
    return GroupingResult(
        groups=tuple(groups),
        objective=score_parts(idx, d, same, groups),
        checks=checks,
        violations=tuple(conflicts) + viols + tuple(room_viols),
        feasible=feasible,
        notes=tuple(notes),
        seconds=time.perf_counter() - t0,
        rooms=rooms,
        fit=fit,
    )
