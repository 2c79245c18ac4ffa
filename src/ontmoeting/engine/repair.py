"""Repair a published plan when people are absent or late, with the fewest changes.

Rules (documented choices):

* An **absent** person leaves the morning and the afternoon. A **late** person misses the
  morning conversation but joins their afternoon group.
* Morning: a student whose expert is gone gets another expert. The morning is re-solved as a
  min-cost assignment where keeping one's expert costs 0 and every other expert costs one change,
  so the number of students whose expert changes is the minimum possible (exact, by
  ``linear_sum_assignment``); ties go to a free expert before a trio (an extra student for a
  present expert), then to the better pairing score. An expert whose student is gone simply
  becomes free (listed as ``expert_free``); we do not break other pairs to give them a student.
* Afternoon (:mod:`.repair_afternoon`): absent people leave their group; then the valid
  grouping with the fewest changes (a person who changes group counts 1, a group whose chair
  changes counts 1) is found exactly by a small integer program: an absent chair is replaced
  by a willing member when that is cheapest, a repaired pair is brought together with one move,
  groups are rebalanced only as the size rules need. Only when that program stops at its time
  cap without a grouping, or proves that none is valid, is the grouping re-solved (notes say so).
* Rooms: groups keep their rooms; a repaired conversation takes the expert's old room (or the
  student's old room) when it has a free seat, else the nearest room with one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from ontmoeting.engine.changes import Change as Change
from ontmoeting.engine.feasibility import allowed_matrix
from ontmoeting.engine.group_model import Group
from ontmoeting.engine.infeasibility import max_matching
from ontmoeting.engine.model import (
    DEFAULT_BLOCKS,
    DEFAULT_PAIRING_WEIGHTS,
    DEFAULT_PLAN_SETTINGS,
    Block,
    Expert,
    PairingWeights,
    Person,
    PlanSettings,
    Room,
    Student,
)
from ontmoeting.engine.pairing import FloatArray, Pair, pair_reasons, score_matrices
from ontmoeting.engine.plan import PlanResult
from ontmoeting.engine.repair_afternoon import repair_groups
from ontmoeting.engine.results import Note, Violation
from ontmoeting.engine.rooms import block_of


@dataclass(frozen=True)
class RepairResult:
    """The repaired plan and every change made."""

    plan: PlanResult
    changes: tuple[Change, ...]
    violations: tuple[Violation, ...]
    notes: tuple[Note, ...]
    feasible: bool
    seconds: float


def repair_pairs(
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[Pair],
    *,
    gone: Iterable[str],
    weights: PairingWeights = DEFAULT_PAIRING_WEIGHTS,
) -> tuple[list[Pair], list[Change]]:
    """Re-pair the morning with the fewest students changing expert.

    ``gone`` = refs of everyone who misses the morning (absent or late). Lexicographic
    objective: most students served, fewest changed, fewest new trios, best score.
    Complexity: one LSA on (S, slots + S).
    """
    gone = set(gone)
    ss = [s for s in students if s.available and s.ref not in gone]
    es = [e for e in experts if e.available and e.eligible and e.ref not in gone]
    before = {p.student: p.expert for p in pairs}
    interest, bonus = score_matrices(ss, es, weights)
    score = interest + bonus
    assign = _repair_assignment(ss, es, pairs, before, score, weights)
    new_pairs, changes = _repaired_pairs(ss, es, assign, before, gone, score, weights)
    kept = {p.expert for p in new_pairs}
    for p in pairs:
        if p.student in gone and p.expert not in gone and p.expert not in kept:
            changes.append(Change("expert_free", p.expert, p.student, None, "partner_gone"))
    return new_pairs, changes


def _repair_assignment(
    ss: Sequence[Student],
    es: Sequence[Expert],
    pairs: Sequence[Pair],
    before: Mapping[str, str],
    score: FloatArray,
    weights: PairingWeights,
) -> npt.NDArray[np.int64]:
    """Student index -> expert index (or -1) of the repaired morning: one LSA over the experts'
    places where a change of expert costs more than every new trio, and a new trio more than
    any difference in score. An expert keeps at least the places they had."""
    n_s, n_e = len(ss), len(es)
    allowed = allowed_matrix(ss, es)
    e_idx = {e.ref: j for j, e in enumerate(es)}
    present = {s.ref for s in ss}
    had = np.zeros(n_e, dtype=np.int64)
    for p in pairs:
        if p.expert in e_idx and p.student in present:
            had[e_idx[p.expert]] += 1
    cap_default = np.array(
        [e.max_students if e.max_students is not None else weights.max_per_expert for e in es],
        dtype=np.int64,
    )
    cap = np.maximum(had, cap_default if weights.allow_trios else np.minimum(cap_default, 1))
    cap = np.maximum(cap, 0)
    served = int((max_matching(allowed, cap)[0] >= 0).sum())
    span = float(score.max(initial=0.0)) + 1.0
    trio_cost = (n_s + 1) * span
    change_cost = (n_s + 1) * (trio_cost * max(1, int(cap.max(initial=1))) + span)
    slot_col = np.repeat(np.arange(n_e), cap)
    slot_rank = np.concatenate([np.arange(c) for c in cap]) if n_e else slot_col
    prev = np.array([e_idx.get(before.get(s.ref, ""), -1) for s in ss])
    changed = slot_col[None, :] != prev[:, None]
    # a slot below what the expert already had is not a new trio
    new_trio = (slot_rank >= np.maximum(had[slot_col], 1))[None, :]
    cost = change_cost * changed + trio_cost * new_trio - score[:, slot_col]
    cost = np.where(allowed[:, slot_col], cost, np.inf)
    if n_s > served:
        cost = np.hstack([cost, np.full((n_s, n_s - served), change_cost)])
    assign = np.full(n_s, -1, dtype=np.int64)
    if n_s and cost.shape[1]:
        r, c = linear_sum_assignment(cost)
        ok = c < slot_col.size
        assign[r[ok]] = slot_col[c[ok]]
    return assign


def _repaired_pairs(
    ss: Sequence[Student],
    es: Sequence[Expert],
    assign: npt.NDArray[np.int64],
    before: Mapping[str, str],
    gone: set[str],
    score: FloatArray,
    weights: PairingWeights,
) -> tuple[list[Pair], list[Change]]:
    """The pairs of ``assign``, and a change for every student whose expert changed or who
    lost theirs."""
    new_pairs: list[Pair] = []
    changes: list[Change] = []
    count: dict[int, int] = {}
    for i, s in enumerate(ss):
        j = int(assign[i])
        old = before.get(s.ref)
        if j < 0:
            if old is not None:
                changes.append(Change("unserved", s.ref, old, None, "no_expert_left"))
            continue
        count[j] = count.get(j, 0) + 1
        e = es[j]
        new_pairs.append(
            Pair(
                s.ref,
                e.ref,
                round(float(score[i, j]), 6),
                pair_reasons(s, e, weights, extra=count[j] > 1),
            )
        )
        if old != e.ref:
            changes.append(Change("repair_pair", s.ref, old, e.ref, _why_changed(old, gone)))
    return new_pairs, changes


def _why_changed(old: str | None, gone: set[str]) -> str:
    """Why a student has another expert: theirs is gone, they had none, or they moved so that
    another student could be served."""
    if old is None:
        return "not_paired"
    return "partner_gone" if old in gone else "moved_to_serve"


def _repair_rooms(
    plan: PlanResult,
    pairs: Sequence[Pair],
    rooms: Sequence[Room],
    needs: dict[str, bool],
    morning: Block,
) -> tuple[dict[str, str], list[Change], list[Violation]]:
    old_room = dict(plan.pair_rooms)
    old_expert = {p.student: p.expert for p in plan.pairs}
    by_expert: dict[str, list[str]] = {}
    for p in pairs:
        by_expert.setdefault(p.expert, []).append(p.student)
    cap = {r.name: r.capacity for r in rooms}
    sf = {r.name: r.step_free for r in rooms}
    used: dict[str, int] = {}
    out: dict[str, str] = {}
    pending: list[str] = []
    for e, ss in by_expert.items():
        room = old_room.get(e) or next(
            (old_room[old_expert[s]] for s in ss if old_expert.get(s) in old_room), None
        )
        if room is not None and (sf.get(room, True) or not needs.get(e, False)):
            out[e] = room
            used[room] = used.get(room, 0) + 1 + len(ss)
        else:
            pending.append(e)
    changes: list[Change] = []
    violations: list[Violation] = []
    old_students: dict[str, set[str]] = {}
    for p in plan.pairs:
        old_students.setdefault(p.expert, set()).add(p.student)

    def changed(e: str) -> bool:
        """The conversation is new in this room, or someone joined it (a trio)."""
        return old_room.get(e) != out[e] or set(by_expert[e]) != old_students.get(e, set())

    for e in [e for e in out if changed(e)]:  # overfull rooms: move what changed, nothing else
        room = out[e]
        if used[room] > cap.get(room, 0):
            used[room] -= 1 + len(by_expert[e])
            del out[e]
            pending.append(e)
    for e in pending:
        seats = 1 + len(by_expert[e])
        free = [
            r
            for r in rooms
            if r.free_in(morning)
            and cap[r.name] - used.get(r.name, 0) >= seats
            and (r.step_free or not needs.get(e, False))
        ]
        if not free:
            params = {"seats": seats, "step_free": needs.get(e, False)}
            violations.append(Violation("conversation_no_room", (e,), params=params))
            continue
        room = max(free, key=lambda r: (used.get(r.name, 0) > 0, -r.capacity)).name
        out[e] = room
        used[room] = used.get(room, 0) + seats
        changes.append(Change("room", e, old_room.get(e), room, "room_for_repair"))
    return out, changes, violations


def _repair_group_rooms(
    plan: PlanResult,
    groups: Sequence[Group],
    rooms: Sequence[Room],
    people: Mapping[str, Person],
    afternoon: Block,
) -> tuple[dict[int, str], list[Change], list[Violation]]:
    """Groups keep their rooms; a group that grew past its room's seats (or now needs a
    step-free room) moves to the smallest free room that fits, else it is reported overfull."""
    out = {g.index: plan.group_rooms[g.index] for g in groups if g.index in plan.group_rooms}
    by_name = {r.name: r for r in rooms}
    taken = set(out.values())
    changes: list[Change] = []
    violations: list[Violation] = []
    for g in groups:
        size = len(g.members)
        step_free = any("step_free" in people[m].needs for m in g.members if m in people)
        room = by_name.get(out.get(g.index, ""))
        if room is None or (room.capacity >= size and (room.step_free or not step_free)):
            continue  # no room was planned for it, or its room still fits
        free = [
            r
            for r in rooms
            if r.name not in taken
            and r.free_in(afternoon)
            and r.capacity >= size
            and (r.step_free or not step_free)
        ]
        if not free:
            params = {"room": room.name, "people": size, "seats": room.capacity}
            violations.append(
                Violation("room_overfull", (), group=g.index, rooms=(room.name,), params=params)
            )
            continue
        best = min(free, key=lambda r: (not r.preferred_for(afternoon), r.capacity)).name
        taken.add(best)
        changes.append(Change("group_room", str(g.index), room.name, best, "room_for_repair"))
        out[g.index] = best
    return out, changes, violations


def repair_plan(
    plan: PlanResult,
    students: Sequence[Student],
    experts: Sequence[Expert],
    rooms: Sequence[Room],
    settings: PlanSettings = DEFAULT_PLAN_SETTINGS,
    *,
    absent: Iterable[str] = (),
    late: Iterable[str] = (),
    blocks: Sequence[Block] = DEFAULT_BLOCKS,
    seed: int = 0,
    time_limit: float = 5.0,
) -> RepairResult:
    """The valid plan nearest to ``plan`` given who is absent and who is late (see module)."""
    start = time.perf_counter()
    absent, late = set(absent), set(late)
    pairs, changes = repair_pairs(
        students, experts, plan.pairs, gone=absent | late, weights=settings.pairing
    )
    groups, g_changes, violations, notes = repair_groups(
        plan, students, experts, pairs, absent, settings, seed, time_limit
    )
    changes.extend(g_changes)
    needs: dict[str, bool] = {}
    everyone: list[Person] = [*students, *experts]
    people: dict[str, Person] = {p.ref: p for p in everyone}
    for p in pairs:
        needs[p.expert] = needs.get(p.expert, False) or any(
            "step_free" in people[r].needs for r in (p.expert, p.student)
        )
    pair_rooms, r_changes, r_viol = _repair_rooms(
        plan, pairs, rooms, needs, block_of(blocks, "one_to_one")
    )
    changes.extend(r_changes)
    violations.extend(r_viol)
    group_rooms, gr_changes, gr_viol = _repair_group_rooms(
        plan, groups, rooms, people, block_of(blocks, "groups")
    )
    changes.extend(gr_changes)
    violations.extend(gr_viol)
    paired = {p.student for p in pairs}
    unpaired = tuple(
        s.ref
        for s in students
        if s.available and s.ref not in absent | late and s.ref not in paired
    )
    experts_busy = {p.expert for p in pairs}
    surplus = tuple(
        e.ref
        for e in experts
        if e.available and e.eligible and e.ref not in absent | late and e.ref not in experts_busy
    )
    for ref in unpaired:
        violations.append(Violation("unserved", (ref,)))
    n_pair_changes = sum(1 for c in changes if c.kind == "repair_pair")
    notes = [
        Note(
            "repaired",
            {
                "absent": len(absent),
                "late": len(late),
                "pairs_changed": n_pair_changes,
                "changes": len(changes),
            },
        ),
        *notes,
    ]
    new_plan = replace(
        plan,
        pairs=tuple(pairs),
        groups=tuple(groups),
        pair_rooms=pair_rooms,
        group_rooms=group_rooms,
        unpaired=unpaired,
        surplus_experts=surplus,
        violations=tuple(violations),
        notes=tuple(notes),
        feasible=not any(v.hard for v in violations),
        seconds=time.perf_counter() - start,
    )
    return RepairResult(
        plan=new_plan,
        changes=tuple(changes),
        violations=tuple(violations),
        notes=tuple(notes),
        feasible=new_plan.feasible,
        seconds=time.perf_counter() - start,
    )
