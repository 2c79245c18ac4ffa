"""Repair the afternoon groups after absences: the valid grouping with the fewest changes.

**What counts as a change** (the number that is minimised, exactly):

* every person who takes part and whose group differs from their group in the published plan
  counts 1 (``move``; a person who had no group and is given one counts 1 too);
* every group whose chair differs from its published chair counts 1 (``new_chair``).

The absent leaving their groups (``remove``) are the same in every repair and are not counted,
nor are room changes. So an absent chair replaced by a willing member of the group costs 1; a
willing expert moved in to chair costs 2 (the move and the new chair); a repaired morning pair
brought together costs 1 (one of the two moves).

**Valid** means: no hard violation of :func:`~ontmoeting.engine.group_rules.check_grouping` for
the afternoon of the people who take part (everyone in one group; each group chaired by a
willing expert of the group; sizes within the bounds; keep-together pairs together; ``apart``
pairs apart), with the published number of groups (the groups keep their rooms).

**Method (exact).** When the published groups without the absent are valid (chairs present),
nothing changes. Else one integer program (``scipy.optimize.milp``, HiGHS): the keep-together
pairs are merged into units (union-find); ``y[u, g]`` = unit u is in group g (binary); every
unit in one group, sizes within bounds, at least one willing expert in every group, apart pairs
never both in a group. ``k[g] >= 1 - y[unit of the old chair, g]`` is 1 when group g's chair
changes (the chair stays whenever they stay; otherwise any willing member can chair, and each
expert is in one group, so chairs never clash). Cost: one per person not in their old group,
one per ``k[g]``. Ties, weighted far below one change (``f[g]``: a new chair while nobody in
the group chaired before): fewest first-time chairs, then people taken from the largest
groups. The linear relaxation is solved first: when its optimum is integral (usual here) it is
the answer; else the integer program, with a relative gap so small that the number of changes
is proven minimal (the tie-breaks need not be).

**Fallbacks** (each with a :class:`Note`): the integer program stops at its time cap (half the
repair's ``time_limit``) with a grouping found but not proven best -> it is used
(``repair_not_proven_minimal``); with none found (``repair_exact_stopped``), or when it proves
that no valid grouping with these groups exists (``groups_not_repairable``) -> the earlier
heuristic (absent chairs replaced, pairs brought together) and, if a hard rule still fails, the
grouping solved again with a high stability weight; its violations are returned as data.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_matrix

from ontmoeting.engine.afternoon import grouping_problem
from ontmoeting.engine.changes import Change
from ontmoeting.engine.group_model import (
    Group,
    GroupingProblem,
    MemberIndex,
    components,
)
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.grouping import solve_grouping
from ontmoeting.engine.model import Expert, PlanSettings, Student
from ontmoeting.engine.pairing import Pair
from ontmoeting.engine.plan import PlanResult
from ontmoeting.engine.results import Note, Violation

Repaired = tuple[tuple[Group, ...], list[Change], list[Violation], list[Note]]


def afternoon_changes(changes: Sequence[Change]) -> int:
    """The number of afternoon changes in the sense of this module (moves and new chairs)."""
    return sum(1 for c in changes if c.kind in ("move", "new_chair"))


def repair_groups(
    plan: PlanResult,
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[Pair],
    absent: set[str],
    settings: PlanSettings,
    seed: int,
    time_limit: float,
) -> Repaired:
    """The afternoon of ``plan`` repaired for ``absent`` with the fewest changes (see module):
    the groups, every change, the grouping's violations (soft ones too) and the notes."""
    if not plan.groups:
        return (), [], [], []  # no afternoon was planned: nothing to repair
    s_in = [s for s in students if s.available and s.ref not in absent]
    e_in = [e for e in experts if e.available and e.eligible and e.ref not in absent]
    refs = [(p.student, p.expert) for p in pairs]
    problem = grouping_problem(s_in, e_in, refs, settings, n_groups=len(plan.groups))
    exact = _exact(problem, plan.groups, time_limit / 2)
    if exact.groups is not None:
        groups = exact.groups
        _, viol = check_grouping(problem, groups)
        notes = exact.notes
    else:
        groups, viol, notes = _heuristic(
            plan, problem, e_in, pairs, absent, settings, seed, time_limit / 2
        )
        notes += exact.notes
    return groups, _diff(problem, plan.groups, groups, absent), list(viol), notes


# ------------------------------------------------------------------------- the exact method


@dataclass(frozen=True)
class _Exact:
    """The nearest valid grouping (None when there is none or none was found) and the notes."""

    groups: tuple[Group, ...] | None
    notes: list[Note]


@dataclass(frozen=True)
class _Model:
    """The integer program's index sets: the members' keep-together units (positions), each
    position's unit and old group (a position in ``gids``, -1 for none), per unit its willing
    experts and those who chaired before, per group the unit of its old chair (-1: none left)."""

    idx: MemberIndex
    units: list[list[int]]
    gids: list[int]
    unit_of: npt.NDArray[np.int64]
    old: npt.NDArray[np.int64]
    willing: npt.NDArray[np.float64]
    seasoned: npt.NDArray[np.float64]
    chair_unit: npt.NDArray[np.int64]


def _exact(problem: GroupingProblem, published: Sequence[Group], cap: float) -> _Exact:
    """The valid grouping nearest to ``published`` (module docstring), by one small MILP."""
    model = _model(problem, published)
    kept = _kept(model, published)
    _, viol = check_grouping(problem, kept)
    if not any(v.hard for v in viol):
        return _Exact(kept, [])
    pos, unit_of = model.idx.pos, model.unit_of
    if any(unit_of[pos[a]] == unit_of[pos[b]] for a, b in problem.apart):
        return _Exact(None, [Note("groups_not_repairable")])
    cost, big = _costs(model)
    n_units, n_groups = len(model.units), len(model.gids)
    n_y = n_units * n_groups
    lower = np.zeros(cost.size)
    lower[n_y : n_y + n_groups] = model.chair_unit < 0  # no old chair left: a new one
    # Any grouping costs less than `worst` (each person moves at most once, each group changes
    # chair at most once), and the tie-breaks add less than big / 2 in all, so a relative gap
    # below big / 2 / worst proves the number of changes minimal.
    worst = big * (len(model.idx.members) + n_groups + 1)
    bounds = Bounds(lower, np.ones(cost.size))
    res = _solve(cost, big / 2 / worst, _constraints(model), bounds, n_y, cap)
    if res.x is None:
        stopped = res.status != 2
        code = "repair_exact_stopped" if stopped else "groups_not_repairable"
        return _Exact(None, [Note(code, {"seconds": cap} if stopped else {})])
    y = np.asarray(res.x[:n_y]).reshape(n_units, n_groups) > 0.5
    notes = [] if res.status == 0 else [Note("repair_not_proven_minimal", {"seconds": cap})]
    return _Exact(_grouping(model, published, y), notes)


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


def _model(problem: GroupingProblem, published: Sequence[Group]) -> _Model:
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
    chair_unit = np.array(
        [
            unit_of[idx.pos[g.chair]] if g.chair in idx.pos and idx.willing(g.chair) else -1
            for g in published
        ],
        dtype=np.int64,
    )
    return _Model(idx, units, gids, unit_of, old, willing, seasoned, chair_unit)


def _kept(model: _Model, published: Sequence[Group]) -> tuple[Group, ...]:
    """The published groups without those who do not take part, chairs unchanged."""
    pos = model.idx.pos
    return tuple(
        Group(g.index, g.chair, tuple(r for r in g.members if r in pos)) for g in published
    )


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

    def add(self, row: object, col: object, val: object, lo: float, hi: float) -> None:
        """Entries (``row`` counted within this block, ``col``, ``val``) of a block of rows
        ``lo <= A x <= hi``; the block has max(row) + 1 rows."""
        r = np.asarray(row, dtype=np.int64)
        m = int(r.max(initial=-1)) + 1
        self.rows.append(r + self.n)
        self.cols.append(np.asarray(col, dtype=np.int64))
        self.vals.append(np.broadcast_to(np.asarray(val, dtype=np.float64), r.shape))
        self.lo.append(np.full(m, lo))
        self.hi.append(np.full(m, hi))
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
    p = model.idx.problem
    n_units, n_groups = len(model.units), len(model.gids)
    n_y = n_units * n_groups
    gs = np.arange(n_groups)
    y_row, y_group = np.repeat(np.arange(n_units), n_groups), np.tile(gs, n_units)
    size = np.array([len(u) for u in model.units], dtype=np.float64)
    out = _Rows()
    out.add(y_row, np.arange(n_y), 1.0, 1.0, 1.0)  # each unit once
    out.add(y_group, np.arange(n_y), np.repeat(size, n_groups), p.min_size, p.max_size)
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
    order, then those who arrive in the order of the members. The chair: the old one when they
    stay, else a willing member who chaired before (who stays first), else any willing one."""
    idx = model.idx
    members = idx.members
    where = {
        members[i].ref: int(np.flatnonzero(y[u])[0])
        for u, unit in enumerate(model.units)
        for i in unit
    }
    out = []
    for g, grp in enumerate(published):
        stay = [r for r in grp.members if where.get(r) == g]
        arrive = [m.ref for i, m in enumerate(members) if where[m.ref] == g and model.old[i] != g]
        if grp.chair in stay and idx.willing(grp.chair):
            chair = grp.chair
        else:
            cands = [r for r in (*stay, *arrive) if idx.willing(r)]
            chair = min(cands, key=lambda r: not idx.member(r).chaired_before)
        rest = tuple(r for r in (*stay, *arrive) if r != chair)
        out.append(Group(grp.index, chair, (chair, *rest)))
    return tuple(out)


def _diff(
    problem: GroupingProblem,
    published: Sequence[Group],
    groups: Sequence[Group],
    absent: set[str],
) -> list[Change]:
    """Every change from ``published`` to ``groups``: who left, who moved (and why), which
    group has a new chair (and why)."""
    taking_part = {m.ref for m in problem.members}
    before = {r: g.index for g in published for r in g.members}
    changes = [
        Change("remove", r, str(g.index), None, "absent" if r in absent else "not_taking_part")
        for g in published
        for r in g.members
        if r not in taking_part
    ]
    partners: dict[str, set[str]] = {}
    for a, b in problem.keep_together:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    for g in groups:
        for r in g.members:
            if before.get(r) != g.index:
                why = _why_moved(r, g, before, partners.get(r, set()))
                old = before.get(r)
                changes.append(
                    Change("move", r, None if old is None else str(old), str(g.index), why)
                )
    old_chairs = {g.index: g.chair for g in published}
    for g in groups:
        old_chair = old_chairs.get(g.index, "")
        if g.chair != old_chair:
            why = "regrouped" if old_chair in taking_part else "chair_absent"
            changes.append(Change("new_chair", str(g.index), old_chair, g.chair, why))
    return changes


def _why_moved(ref: str, group: Group, before: Mapping[str, int], partners: set[str]) -> str:
    """Why ``ref`` is in ``group`` now: to chair it, they had no group, to join a partner who
    was there or came to chair it, or to meet the group rules."""
    if group.chair == ref:
        return "to_chair"
    if ref not in before:
        return "not_in_group"
    if any(before.get(p) == group.index or group.chair == p for p in partners):
        return "keep_pair"
    return "regrouped"


# --------------------------------------------------------------- the fallback (heuristic)


@dataclass
class _Afternoon:
    """The groups being repaired: members and chair per group index, and who is where."""

    members: dict[int, list[str]]
    chairs: dict[int, str]
    where: dict[str, int]
    notes: list[Note]

    def move(self, ref: str, to: int) -> None:
        old = self.where.get(ref)
        if old is not None:
            self.members[old].remove(ref)
        self.members[to].append(ref)
        self.where[ref] = to

    def groups(self) -> tuple[Group, ...]:
        return tuple(
            Group(index=i, chair=self.chairs[i], members=tuple(self.members[i]))
            for i in sorted(self.members)
        )


def _without_absent(plan: PlanResult, absent: set[str]) -> _Afternoon:
    """The plan's groups without the absent people."""
    members = {g.index: [m for m in g.members if m not in absent] for g in plan.groups}
    where = {m: i for i, ms in members.items() for m in ms}
    chairs = {g.index: g.chair for g in plan.groups}
    return _Afternoon(members, chairs, where, [])


def _replace_chairs(day: _Afternoon, e_in: Sequence[Expert], absent: set[str]) -> None:
    """Give every group whose chair is absent a new one: a willing expert of the group (one who
    chaired before first), else a willing expert who chairs no group, moved in (who chaired
    before first, then from the largest group); else no chair (``no_chair_left``)."""
    e_by = {e.ref: e for e in e_in}
    chairing = {c for c in day.chairs.values() if c not in absent}
    for i, chair in list(day.chairs.items()):
        if chair not in absent:
            continue
        local = [m for m in day.members[i] if m in e_by and e_by[m].can_chair]
        if local:
            new = sorted(local, key=lambda m: (not e_by[m].chaired_before, m))[0]
        else:
            spare = [e.ref for e in e_in if e.can_chair and e.ref not in chairing]
            if not spare:
                day.notes.append(Note("no_chair_left", {"group": i}))
                day.chairs[i] = ""
                continue
            new = sorted(
                spare,
                key=lambda m: (
                    not e_by[m].chaired_before,
                    len(day.members.get(day.where.get(m, -1), [])) * -1,
                    m,
                ),
            )[0]
            day.move(new, i)
        day.chairs[i] = new
        chairing.add(new)


def _heuristic(
    plan: PlanResult,
    problem: GroupingProblem,
    e_in: Sequence[Expert],
    pairs: Sequence[Pair],
    absent: set[str],
    settings: PlanSettings,
    seed: int,
    time_limit: float,
) -> tuple[tuple[Group, ...], tuple[Violation, ...], list[Note]]:
    """The repair before the exact method: absent chairs replaced, each student of a pair moved
    to the expert's group, and the grouping solved again when a hard rule still fails."""
    day = _without_absent(plan, absent)
    _replace_chairs(day, e_in, absent)
    if settings.pair_policy == "keep":
        for p in pairs:
            gs, ge = day.where.get(p.student), day.where.get(p.expert)
            if ge is not None and gs is not None and gs != ge:
                day.move(p.student, ge)
    groups = day.groups()
    _, viol = check_grouping(problem, groups)
    if not any(v.hard for v in viol):
        return groups, viol, day.notes
    day.notes.append(Note("regrouped"))
    previous = {m: g.index for g in groups for m in g.members}
    weights = replace(problem.weights, stability=100.0)
    gr = solve_grouping(
        replace(problem, previous=previous, weights=weights), seed=seed, time_limit=time_limit
    )
    return gr.groups, gr.violations, day.notes
