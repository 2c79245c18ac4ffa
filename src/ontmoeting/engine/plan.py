"""The whole plan of an encounter day: morning pairs -> afternoon groups and rooms -> the check.

:func:`make_plan` runs the pairing, then the grouping fitted to the chairs and the rooms free in
the afternoon (:mod:`.venue_fit`: a joint model, so every group gets a chair and a room whenever
that is possible), then the rooms of the morning conversations and of the blocks everyone spends
together, and ends with the one rule check of :func:`~ontmoeting.engine.check.check_plan`. The
plan's violations are that check's verdict plus the solvers' explanations of why the input
admits no complete plan (:data:`~ontmoeting.engine.results.EXPLANATORY`);
:func:`plan_to_json` gives the result as plain JSON data.

Time budget: the pairing takes what it needs (exact, usually milliseconds), the grouping gets
70 % of what is left, the rooms the rest; the whole plan ends within ``time_limit`` (plus the
rooms' MILP start-up on very large editions).

Re-planning. :class:`PlanLocks` carries what a coordinator locked in a previous plan: morning
pairs (kept by the pairing even when they break a hard rule, which is then reported), members
and chairs of groups (group indices of the previous plan). When the locks name a group beyond
the count the layout would choose, the plan keeps that many groups if the chairs and the rooms
allow; locks on groups that still do not exist, or on people who no longer take part, are
dropped and reported as soft violations (``lock_dropped``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ontmoeting.engine.afternoon import grouping_problem, room_units
from ontmoeting.engine.check import PlanCheck, PlanLayout, check_plan
from ontmoeting.engine.group_model import Group, GroupingProblem, GroupingResult
from ontmoeting.engine.grouping import fit_for, solve_grouping
from ontmoeting.engine.model import (
    DEFAULT_BLOCKS,
    DEFAULT_PLAN_SETTINGS,
    Block,
    Expert,
    PlanSettings,
    Room,
    Student,
)
from ontmoeting.engine.pairing import Pair, PairingResult, solve_pairing
from ontmoeting.engine.results import EXPLANATORY, Note, Violation
from ontmoeting.engine.rooms import RoomAssignment, assign_rooms, block_of
from ontmoeting.engine.venue_fit import group_rooms


@dataclass(frozen=True)
class PlanLocks:
    """What must hold when a plan is made again (a coordinator's locks).

    Attributes
    ----------
    pairs : tuple of (student ref, expert ref)
        Morning pairs that must stay paired.
    members : mapping of str to int
        Person ref -> index of the group (``Group.index``) they must stay in.
    chairs : mapping of int to str
        Group index -> the expert who must chair it.
    """

    pairs: tuple[tuple[str, str], ...] = ()
    members: Mapping[str, int] = field(default_factory=dict)
    chairs: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanResult:
    """A complete plan.

    Attributes
    ----------
    pairs : tuple of Pair
        Morning conversations (a trio = two pairs with the same expert).
    groups : tuple of Group
        Afternoon groups (``Group.index`` is the key of ``group_rooms``); empty when no layout
        gives every group a chair and a room (the violations say why).
    pair_rooms : dict of str to str
        Expert ref -> room of the morning conversation.
    group_rooms : dict of int to str
        Group index -> room.
    block_rooms : dict of str to tuple of str
        Block key -> the rooms of a block everyone spends together (welcome, lunch, closing).
    unpaired : tuple of str
        Students without a morning expert.
    surplus_experts : tuple of str
        Experts without a morning student.
    violations : tuple of Violation
        The check's verdict plus the solvers' explanations.
    objective : dict of str to float
        Parts prefixed by the stage: "pairing.interest", "grouping.diversity", "rooms.walking"...
    notes : tuple of Note
    seconds : float
    feasible : bool
        No hard rule broken anywhere, everyone served.
    """

    pairs: tuple[Pair, ...]
    groups: tuple[Group, ...]
    pair_rooms: dict[str, str]
    group_rooms: dict[int, str]
    unpaired: tuple[str, ...]
    surplus_experts: tuple[str, ...]
    violations: tuple[Violation, ...]
    objective: dict[str, float]
    notes: tuple[Note, ...]
    seconds: float
    feasible: bool
    block_rooms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pairing: PairingResult | None = None
    grouping: GroupingResult | None = None
    rooms: RoomAssignment | None = None
    check: PlanCheck | None = None

    def layout(self, locks: PlanLocks | None = None) -> PlanLayout:
        """The plan as plain data for :func:`~ontmoeting.engine.check.check_plan`."""
        locks = locks or PlanLocks()
        return PlanLayout(
            pairs=tuple((p.student, p.expert) for p in self.pairs),
            groups=self.groups,
            pair_rooms=self.pair_rooms,
            group_rooms=self.group_rooms,
            block_rooms=self.block_rooms,
            fixed=locks.members,
            fixed_chairs=locks.chairs,
        )


def step_free_pair_places(rooms: Sequence[Room], block: Block) -> int:
    """How many pairs the step-free rooms free in the morning ``block`` hold (two seats each)."""
    return sum(r.capacity // 2 for r in rooms if r.step_free and r.free_in(block))


def apply_group_locks(
    problem: GroupingProblem, locks: PlanLocks
) -> tuple[GroupingProblem, list[Violation], list[Note]]:
    """The grouping problem with the locked members and chairs as ``fixed``/``fixed_chairs``.

    The number of groups becomes the layout's (:func:`~ontmoeting.engine.grouping.fit_for`);
    when the locks name a group beyond it, it is raised to hold them if the chairs and the rooms
    allow. Locks that still name a missing group, or a person who does not take part, are
    dropped with a soft ``lock_dropped``; a member lock that contradicts a chair lock of the
    same person gives way to the chair lock. O(members + locks) plus the layout.
    """
    refs = {m.ref for m in problem.members}
    violations: list[Violation] = []
    notes: list[Note] = []
    fit = fit_for(problem)
    g_count = fit.layout.n_groups if fit.layout else (problem.n_groups or 0)
    wanted = max([*locks.members.values(), *locks.chairs.keys()], default=-1) + 1
    if wanted > g_count and problem.n_groups is None and g_count:
        raised = fit_for(replace(problem, n_groups=wanted))
        if raised.layout is not None:
            notes.append(Note("groups_raised_for_locks", {"groups": wanted, "before": g_count}))
            g_count = wanted

    def drop(ref: str, g: int, what: str) -> None:
        why = "not_taking_part" if ref not in refs else "no_such_group"
        if ref in refs and 0 <= g < g_count:
            why = "chairs_other_group"
        params = {"what": what, "why": why, "groups": g_count}
        violations.append(Violation("lock_dropped", (ref,), hard=False, group=g, params=params))

    chairs: dict[int, str] = {}
    for g, ref in sorted(locks.chairs.items()):
        if ref in refs and 0 <= g < g_count:
            chairs[g] = ref
        else:
            drop(ref, g, "chair")
    chair_group = {ref: g for g, ref in chairs.items()}
    fixed: dict[str, int] = {}
    for ref, g in sorted(locks.members.items()):
        if ref in refs and 0 <= g < g_count and chair_group.get(ref, g) == g:
            fixed[ref] = g
        else:
            drop(ref, g, "member")
    if fixed or chairs:
        notes.append(Note("locks_kept", {"members": len(fixed), "chairs": len(chairs)}))
    n_groups = g_count if (fixed or chairs) and g_count else problem.n_groups
    out = replace(problem, n_groups=n_groups, fixed=fixed, fixed_chairs=chairs)
    return out, violations, notes


def make_plan(
    students: Sequence[Student],
    experts: Sequence[Expert],
    rooms: Sequence[Room],
    settings: PlanSettings = DEFAULT_PLAN_SETTINGS,
    *,
    blocks: Sequence[Block] = DEFAULT_BLOCKS,
    seed: int | None = None,
    time_limit: float | None = None,
    progress: Callable[[float], None] | None = None,
    locks: PlanLocks | None = None,
) -> PlanResult:
    """Plan the day (see the module docstring).

    ``blocks`` are the programme's blocks that need rooms (rooms list the ones they are not free
    in); ``seed`` and ``time_limit`` override the settings' values; ``locks`` are kept (see
    :class:`PlanLocks`).
    """
    locks = locks or PlanLocks()
    start = time.perf_counter()
    seed = settings.seed if seed is None else seed
    limit = settings.time_limit if time_limit is None else time_limit

    def left() -> float:
        return max(0.05, limit - (time.perf_counter() - start))

    morning = block_of(blocks, "one_to_one")
    pr = solve_pairing(
        students,
        experts,
        weights=settings.pairing,
        quotas=settings.quotas,
        step_free_pairs=step_free_pair_places(rooms, morning),
        locked_pairs=locks.pairs,
        seed=seed,
        time_limit=0.3 * limit,
    )
    if progress:
        progress(0.2)
    s_in = [s for s in students if s.available]
    e_in = [e for e in experts if e.available and e.eligible]
    found = list(pr.violations)
    notes = list(pr.notes)
    objective = {f"pairing.{k}": float(v) for k, v in pr.objective.items()}
    pair_refs = [(p.student, p.expert) for p in pr.pairs]
    problem = grouping_problem(
        s_in, e_in, pair_refs, settings, rooms=group_rooms(rooms, block_of(blocks, "groups"))
    )
    if locks.members or locks.chairs:
        problem, lock_viols, lock_notes = apply_group_locks(problem, locks)
        found += lock_viols
        notes += lock_notes
    gr = solve_grouping(
        problem,
        seed=seed,
        time_limit=0.7 * left(),
        progress=(lambda f: progress(0.2 + 0.6 * f)) if progress else None,
    )
    found += gr.violations
    notes += gr.notes
    objective.update({f"grouping.{k}": float(v) for k, v in gr.objective.items()})
    g_units, c_units = room_units(s_in, e_in, pair_refs, gr.groups)
    # the rooms get what is left, minus a little for the bookkeeping after them
    ra = assign_rooms(
        g_units,
        c_units,
        rooms,
        blocks=blocks,
        people=len(s_in) + len(e_in),
        step_free=any("step_free" in s.needs for s in s_in)
        or any("step_free" in e.needs for e in e_in),
        walking=settings.walking,
        other_kind_cost=settings.other_kind_cost,
        time_limit=left() - 0.01 * limit,
        fixed_group_rooms=gr.rooms if gr.groups else None,
    )
    found += ra.violations
    objective.update({f"rooms.{k}": float(v) for k, v in ra.objective.items()})
    layout = PlanLayout(
        pairs=pair_refs,
        groups=gr.groups,
        pair_rooms=ra.conversation_rooms,
        group_rooms=ra.group_rooms,
        block_rooms=ra.block_rooms,
        fixed=problem.fixed,
        fixed_chairs=problem.fixed_chairs,
    )
    verdict = check_plan(students, experts, rooms, settings, layout, blocks=blocks)
    violations = _unique([v for v in found if v.code in EXPLANATORY] + list(verdict.violations))
    if progress:
        progress(1.0)
    return PlanResult(
        pairs=pr.pairs,
        groups=gr.groups,
        pair_rooms=dict(ra.conversation_rooms),
        group_rooms=dict(ra.group_rooms),
        block_rooms=dict(ra.block_rooms),
        unpaired=verdict.unpaired,
        surplus_experts=pr.surplus_experts,
        violations=tuple(violations),
        objective=objective,
        notes=tuple(notes),
        seconds=time.perf_counter() - start,
        feasible=verdict.feasible and not any(v.hard for v in violations),
        pairing=pr,
        grouping=gr,
        rooms=ra,
        check=verdict,
    )


def _unique(violations: list[Violation]) -> list[Violation]:
    seen: set[str] = set()
    out = []
    for v in violations:
        key = repr(sorted(v.to_json().items()))
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def plan_to_json(result: PlanResult) -> dict[str, Any]:
    """The plan as plain JSON data (trios appear as two pairs with the same expert; groups are
    numbered from 1, as people see them)."""
    return {
        "pairs": [
            {"student": p.student, "expert": p.expert, "room": result.pair_rooms.get(p.expert)}
            for p in result.pairs
        ],
        "groups": [
            {
                "number": g.index + 1,
                "chair": g.chair,
                "members": list(g.members),
                "room": result.group_rooms.get(g.index),
            }
            for g in result.groups
        ],
        "block_rooms": {k: list(v) for k, v in result.block_rooms.items()},
        "unpaired": list(result.unpaired),
        "violations": [v.to_json() for v in result.violations],
        "notes": [n.to_json() for n in result.notes],
        "objective": dict(result.objective),
        "seconds": result.seconds,
    }
