"""The valid grouping nearest to a given one: the fewest changes, exactly, by one small MILP.

Shared by the afternoon repair (:mod:`.repair_afternoon`: the published groups without the
absent) and the grouping solver (:mod:`.grouping`: the search's grouping when a hard rule still
fails, see there).

**What counts as a change** (the number that is minimised, exactly): every member whose group
differs from their group in ``published`` counts 1 (a member who had no group counts 1 too);
every group whose chair differs from its ``published`` chair counts 1.

**Valid** means: no hard violation of :func:`~ontmoeting.engine.group_rules.check_grouping`
(everyone in one group; each group chaired by a willing expert of the group; sizes within the
bounds; keep-together pairs together; ``apart`` pairs apart; the locks ``fixed`` and
``fixed_chairs`` kept), with the groups of ``published`` (same number, same indices). Optional
per-group size bounds (``lo``/``hi``, e.g. a room's seats) and unit-to-group exclusions
(``allowed``, e.g. step-free rooms) narrow it further.

**Method.** The keep-together pairs are merged into units (union-find); ``y[u, g]`` = unit u is
in group g (binary); every unit in one group, sizes within bounds, at least one willing expert
in every group, apart pairs never both in a group, a fixed member's unit in its group, a fixed
chair's unit in the group it chairs. ``k[g] >= 1 - y[unit of the old chair, g]`` is 1 when
group g's chair changes (the chair stays whenever they stay, unless another is fixed as chair
there; otherwise any willing member can chair, and each expert is in one group, so chairs never
clash). Cost: one per person not in their old group, one per ``k[g]``. Ties, weighted far below
one change (``f[g]``: a new chair while nobody in the group chaired before): fewest first-time
chairs, then people taken from the largest groups. The linear relaxation is solved first: when
its optimum is integral (usual here) it is the answer; else the integer program, with a relative
gap so small that the number of changes is proven minimal (the tie-breaks need not be).

**Outcome** (:class:`Nearest`): the groups and no note when proven nearest;
``repair_not_proven_minimal`` when the time cap stopped the integer program with a grouping
found; no groups and ``repair_exact_stopped`` when it stopped with none, or
``groups_not_repairable`` when no valid grouping with these groups exists.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_matrix

from ontmoeting.engine.group_model import Group, GroupingProblem, MemberIndex, components
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.results import Note

__all__ = ["Nearest", "nearest_valid_grouping"]


@dataclass(frozen=True)
class Nearest:
    """The nearest valid grouping (None when there is none or none was found) and the notes."""

    groups: tuple[Group, ...] | None
    notes: list[Note]


@dataclass(frozen=True)
class _Model:
    """The integer program's index sets: the members' keep-together units (positions), each
    position's unit and old group (a position in ``gids``, -1 for none), per unit its willing
    experts and those who chaired before, per group the unit of its old chair (-1: none left),
    its old chair's ref ("" likewise), its size bounds, and which unit may go to which group."""

    idx: MemberIndex
    units: list[list[int]]
    gids: list[int]
    unit_of: npt.NDArray[np.int64]
    old: npt.NDArray[np.int64]
    willing: npt.NDArray[np.float64]
    seasoned: npt.NDArray[np.float64]
    chair_unit: npt.NDArray[np.int64]
    chairs: list[str]
    lo: npt.NDArray[np.float64]
    hi: npt.NDArray[np.float64]
    allowed: npt.NDArray[np.bool_]


def nearest_valid_grouping(
    problem: GroupingProblem,
    published: Sequence[Group],
    cap: float,
    *,
    lo: Sequence[int] | npt.NDArray[np.int64] | None = None,
    hi: Sequence[int] | npt.NDArray[np.int64] | None = None,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> Nearest:
    """The valid grouping nearest to ``published`` (module docstring), within ``cap`` seconds.

    ``lo``/``hi``: each group's size bounds (by position in ``published``; default
    ``min_size``/``max_size``); ``allowed`` (units x groups, units in the order of
    :func:`~ontmoeting.engine.group_model.components`): where a unit may go (default anywhere).
    ``published`` as it is (members not in ``problem`` left out) when it is valid already.
    """
    model = _model(problem, published, lo, hi, allowed)
    kept = _kept(model, published)
    _, viol = check_grouping(problem, kept)
    if not any(v.hard for v in viol) and _within(model, kept):
        return Nearest(kept, [])
    pos, unit_of = model.idx.pos, model.unit_of
    if any(unit_of[pos[a]] == unit_of[pos[b]] for a, b in problem.apart):
        return Nearest(None, [Note("groups_not_repairable")])
    bounds = _bounds(model)
    if bounds is None:
        return Nearest(None, [Note("groups_not_repairable")])
    cost, big = _costs(model)
    n_y = len(model.units) * len(model.gids)
    # Any grouping costs less than `worst` (each person moves at most once, each group changes
    # chair at most once), and the tie-breaks add less than big / 2 in all, so a relative gap
    # below big / 2 / worst proves the number of changes minimal.
    worst = big * (len(model.idx.members) + len(model.gids) + 1)
    res = _solve(cost, big / 2 / worst, _constraints(model), bounds, n_y, cap)
    if res.x is None:
        stopped = res.status != 2
        code = "repair_exact_stopped" if stopped else "groups_not_repairable"
        return Nearest(None, [Note(code, {"seconds": cap} if stopped else {})])
    y = np.asarray(res.x[:n_y]).reshape(len(model.units), len(model.gids)) > 0.5
    notes = [] if res.status == 0 else [Note("repair_not_proven_minimal", {"seconds": cap})]
    return Nearest(_grouping(model, published, y), notes)


def _within(model: _Model, groups: Sequence[Group]) -> bool:
    """Whether ``groups`` keep the per-group bounds and the allowed groups of the model."""
    pos, unit_of = model.idx.pos, model.unit_of
    for k, g in enumerate(groups):
        if not model.lo[k] <= len(g.members) <= model.hi[k]:
            return False
        if any(not model.allowed[unit_of[pos[r]], k] for r in g.members):
            return False
    return True


def _solve(
    cost: npt.NDArray[np.float64],
    gap: float,
    constraints: LinearConstraint,
    bounds: Bounds,
    n_y: int,
    cap: float,
) -> OptimizeResult:
    """The linear relaxation first: when its optimum is integral it is the integer optimum
    (often so here, and several times faster); else the integer program (the first ``n_y``
    variables integral) to the relative ``gap``, within ``cap`` seconds in all."""
    start = time.perf_counter()
    lp = milp(
        c=cost,
        constraints=constraints,
        bounds=bounds,
        options={"disp": False, "time_limit": max(cap, 0.01)},
    )
    if lp.status == 2 or (lp.x is not None and _integral(lp.x[:n_y])):
        return lp  # infeasible (so is the integer program), or an integral optimum
    return milp(
        c=cost,
        constraints=constraints,
        integrality=np.concatenate([np.ones(n_y), np.zeros(cost.size - n_y)]),
        bounds=bounds,
        options={
            "disp": False,
            "time_limit": max(cap - (time.perf_counter() - start), 0.01),
            "mip_rel_gap": gap,
        },
    )


def _integral(x: npt.NDArray[np.float64]) -> bool:
    return bool(np.all(np.abs(x - np.round(x)) <= 1e-6))


def _model(
    problem: GroupingProblem,
    published: Sequence[Group],
    lo: Sequence[int] | npt.NDArray[np.int64] | None,
    hi: Sequence[int] | npt.NDArray[np.int64] | None,
    allowed: npt.NDArray[np.bool_] | None,
) -> _Model:
    idx = MemberIndex(problem, n_groups=len(published))
    units = components(idx)
    unit_of = np.zeros(len(idx.members), dtype=np.int64)
    for u, unit in enumerate(units):
        unit_of[unit] = u
    gids = [g.index for g in published]
    old = np.full(len(idx.members), -1, dtype=np.int64)
    for k, g in enumerate(published):
        old[[idx.pos[r] for r in g.members if r in idx.pos]] = k
    willing = np.zeros(len(units))
    seasoned = np.zeros(len(units))
    for i, m in enumerate(idx.members):
        if idx.willing(m.ref):
            willing[unit_of[i]] += 1
            seasoned[unit_of[i]] += m.chaired_before
    chairs = [g.chair if g.chair in idx.pos and idx.willing(g.chair) else "" for g in published]
    chair_unit = np.array([unit_of[idx.pos[c]] if c else -1 for c in chairs], dtype=np.int64)
    n_groups = len(published)
    return _Model(
        idx,
        units,
        gids,
        unit_of,
        old,
        willing,
        seasoned,
        chair_unit,
        chairs,
        np.broadcast_to(np.asarray(problem.min_size if lo is None else lo, float), n_groups),
        np.broadcast_to(np.asarray(problem.max_size if hi is None else hi, float), n_groups),
        np.ones((len(units), n_groups), dtype=bool) if allowed is None else allowed,
    )


def _kept(model: _Model, published: Sequence[Group]) -> tuple[Group, ...]:
    """The published groups without those who do not take part, chairs unchanged."""
    pos = model.idx.pos
    return tuple(
        Group(g.index, g.chair, tuple(r for r in g.members if r in pos)) for g in published
    )


def _bounds(model: _Model) -> Bounds | None:
    """Bounds of ``y`` (row-major), ``k`` and ``f``: a unit only where it is allowed, a fixed
    member's or chair's unit in its group, ``k[g] = 1`` when group g has no old chair left or
    another is fixed as its chair; None when the locks contradict ``allowed`` or a fixed chair
    is not willing to chair."""
    p, idx = model.idx.problem, model.idx
    n_units, n_groups = len(model.units), len(model.gids)
    n_y = n_units * n_groups
    lower = np.zeros(n_y + 2 * n_groups)
    upper = np.ones(n_y + 2 * n_groups)
    upper[:n_y] = model.allowed.ravel()
    col = {g: k for k, g in enumerate(model.gids)}
    locks = [*p.fixed.items(), *((r, g) for g, r in p.fixed_chairs.items())]
    for r, g in locks:
        if g in col:
            lower[int(model.unit_of[idx.pos[r]]) * n_groups + col[g]] = 1.0
    k_low = lower[n_y : n_y + n_groups]
    k_low[model.chair_unit < 0] = 1.0  # no old chair left: a new one
    for g, r in p.fixed_chairs.items():
        if g in col and model.chairs[col[g]] != r:
            k_low[col[g]] = 1.0
    if np.any(lower > upper) or not all(map(idx.willing, p.fixed_chairs.values())):
        return None
    return Bounds(lower, upper)


def _costs(model: _Model) -> tuple[npt.NDArray[np.float64], float]:
    """The objective over ``y[u, g]`` (row-major), then per group ``k[g]`` (its chair changes)
    and ``f[g]`` (its new chair is a first-time chair), and the weight of one change."""
    n_groups, n_members = len(model.gids), len(model.idx.members)
    sizes = np.bincount(model.old[model.old >= 0], minlength=n_groups)
    largest = int(sizes.max(initial=0))
    # tie-breaks: a first-time chair counts `chair_tie`; a person moved out of a group of k
    # counts largest - k (at most `largest` each): all of them stay below big / 2
    chair_tie = float(n_members * largest + 1)
    big = 2.0 * (n_groups * chair_tie + n_members * largest) + 2.0
    cy = np.zeros((len(model.units), n_groups))
    for u, unit in enumerate(model.units):
        for i in unit:
            g = int(model.old[i])
            moved = np.full(n_groups, big + (largest - sizes[g] if g >= 0 else 0))
            if g >= 0:
                moved[g] = 0.0
            cy[u] += moved
    return np.concatenate([cy.ravel(), np.full(n_groups, big), np.full(n_groups, chair_tie)]), big


class _Rows:
    """A sparse constraint matrix built row block by row block."""

    def __init__(self) -> None:
        self.rows: list[npt.NDArray[np.int64]] = []
        self.cols: list[npt.NDArray[np.int64]] = []
        self.vals: list[npt.NDArray[np.float64]] = []
        self.lo: list[npt.NDArray[np.float64]] = []
        self.hi: list[npt.NDArray[np.float64]] = []
        self.n = 0

    def add(self, row: object, col: object, val: object, lo: object, hi: object) -> None:
        """Entries (``row`` counted within this block, ``col``, ``val``) of a block of rows
        ``lo <= A x <= hi`` (``lo``, ``hi``: one number, or one per row); the block has
        max(row) + 1 rows."""
        r = np.asarray(row, dtype=np.int64)
        m = int(r.max(initial=-1)) + 1
        self.rows.append(r + self.n)
        self.cols.append(np.asarray(col, dtype=np.int64))
        self.vals.append(np.broadcast_to(np.asarray(val, dtype=np.float64), r.shape))
        self.lo.append(np.broadcast_to(np.asarray(lo, dtype=np.float64), m))
        self.hi.append(np.broadcast_to(np.asarray(hi, dtype=np.float64), m))
        self.n += m

    def constraint(self, n_var: int) -> LinearConstraint:
        matrix = coo_matrix(
            (np.concatenate(self.vals), (np.concatenate(self.rows), np.concatenate(self.cols))),
            shape=(self.n, n_var),
        )
        return LinearConstraint(matrix.tocsr(), np.concatenate(self.lo), np.concatenate(self.hi))


def _constraints(model: _Model) -> LinearConstraint:
    """Every unit in one group; sizes within bounds; a willing expert in every group; ``k[g]``
    is 1 unless the old chair stays; ``f[g]`` is 1 when the chair changes and nobody in the
    group chaired before; apart pairs never both in one group."""
    n_units, n_groups = len(model.units), len(model.gids)
    n_y = n_units * n_groups
    gs = np.arange(n_groups)
    y_row, y_group = np.repeat(np.arange(n_units), n_groups), np.tile(gs, n_units)
    size = np.array([len(u) for u in model.units], dtype=np.float64)
    out = _Rows()
    out.add(y_row, np.arange(n_y), 1.0, 1.0, 1.0)  # each unit once
    out.add(y_group, np.arange(n_y), np.repeat(size, n_groups), model.lo, model.hi)
    out.add(y_group, np.arange(n_y), np.repeat(model.willing, n_groups), 1.0, np.inf)
    has = np.flatnonzero(model.chair_unit >= 0)  # k[g] + y[chair unit, g] >= 1
    out.add(
        np.concatenate([np.arange(has.size)] * 2),
        np.concatenate([n_y + has, model.chair_unit[has] * n_groups + has]),
        1.0,
        1.0,
        np.inf,
    )
    # f[g] - k[g] + sum_u seasoned[u] y[u, g] >= 0
    out.add(
        np.concatenate([y_group, gs, gs]),
        np.concatenate([np.arange(n_y), n_y + n_groups + gs, n_y + gs]),
        np.concatenate(
            [np.repeat(model.seasoned, n_groups), np.ones(n_groups), -np.ones(n_groups)]
        ),
        0.0,
        np.inf,
    )
    for a, b in _apart_units(model):  # y[a, g] + y[b, g] <= 1
        out.add(
            np.concatenate([gs, gs]),
            np.concatenate([a * n_groups + gs, b * n_groups + gs]),
            1.0,
            -np.inf,
            1.0,
        )
    return out.constraint(n_y + 2 * n_groups)


def _apart_units(model: _Model) -> list[tuple[int, int]]:
    """The pairs of distinct units that must not share a group (each once)."""
    pos, unit_of = model.idx.pos, model.unit_of
    pairs = {
        (min(ua, ub), max(ua, ub))
        for a, b in model.idx.problem.apart
        for ua, ub in [(int(unit_of[pos[a]]), int(unit_of[pos[b]]))]
    }
    return sorted(pairs)


def _grouping(
    model: _Model, published: Sequence[Group], y: npt.NDArray[np.bool_]
) -> tuple[Group, ...]:
    """The groups of a solution, each listing its chair first, then those who stay in their old
    order, then those who arrive in the order of the members. The chair: the one fixed as its
    chair, else the old one when they stay, else a willing member who chaired before (who stays
    first), else any willing one."""
    idx = model.idx
    members = idx.members
    fixed_chairs = idx.problem.fixed_chairs
    where = {
        members[i].ref: int(np.flatnonzero(y[u])[0])
        for u, unit in enumerate(model.units)
        for i in unit
    }
    out = []
    for g, grp in enumerate(published):
        stay = [r for r in grp.members if where.get(r) == g]
        arrive = [m.ref for i, m in enumerate(members) if where[m.ref] == g and model.old[i] != g]
        if grp.index in fixed_chairs:
            chair = fixed_chairs[grp.index]
        elif grp.chair in stay and idx.willing(grp.chair):
            chair = grp.chair
        else:
            cands = [r for r in (*stay, *arrive) if idx.willing(r)]
            chair = min(cands, key=lambda r: not idx.member(r).chaired_before)
        rest = tuple(r for r in (*stay, *arrive) if r != chair)
        out.append(Group(grp.index, chair, (chair, *rest)))
    return tuple(out)
