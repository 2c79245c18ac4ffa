"""Re-check a saved plan version with the engine's own rules (pairs, groups, rooms).

Pairs are checked with ``feasibility.edge_rules``, groups with ``grouping.check_grouping``,
rooms by capacity and step-free access; the results are stored on the plan (``violations`` and
each group's ``checks``). Used after every hand edit (:mod:`ontmoeting.planning.edits`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

from ontmoeting.engine.feasibility import edge_rules
from ontmoeting.engine.grouping import Group, check_grouping, score_grouping
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.pairing import Pair
from ontmoeting.engine.plan import grouping_problem
from ontmoeting.planning.inputs import edition_inputs, engine_ref
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedGroupMember, PlannedPair

#: Rules :func:`recheck` recomputes; other violations of the engine's run are kept as they were.
RECHECKED = frozenset(
    {
        "knows",
        "language",
        "accessibility",
        "availability",
        "unserved",
        "assignment",
        "group_count",
        "chair",
        "newcomer_chair",
        "size",
        "keep_together",
        "apart",
        "fixed",
        "spread",
        "isolated_minority",
        "stability",
        "capacity",
        "step_free",
    }
)


def plan_settings(data: dict[str, Any]) -> PlanSettings:
    """The plain settings of a saved plan (the ones the checks need)."""
    names = {"pair_policy", "group_min_size", "group_max_size", "n_groups", "walking"}
    return PlanSettings(**{k: v for k, v in data.items() if k in names})


def plan_locks(plan: Plan) -> Any:
    """The locks of ``plan`` as an ``engine.plan.PlanLocks`` (None when nothing is locked)."""
    pairs = tuple(
        (engine_ref(p.student), engine_ref(p.expert))
        for p in plan.pairs.filter(locked=True).select_related("student", "expert")
    )
    members: dict[str, int] = {}
    chairs: dict[int, str] = {}
    for m in PlannedGroupMember.objects.filter(group__plan=plan, locked=True).select_related(
        "group", "participant"
    ):
        ref = engine_ref(m.participant)
        members[ref] = m.group.number - 1
        if m.participant_id == m.group.chair_id:
            chairs[m.group.number - 1] = ref
    if not (pairs or members):
        return None
    from ontmoeting.engine.plan import PlanLocks  # added by the engine's locks work

    return PlanLocks(pairs=pairs, members=members, chairs=chairs)


# ------------------------------------------------------------------------------ re-check


def _violation(
    rule: str, refs: list[str], message: str, *, hard: bool = True, group: int | None = None
) -> dict[str, Any]:
    return {"rule": rule, "refs": refs, "message": message, "hard": hard, "group": group}


def recheck(plan: Plan) -> None:
    """Re-check every rule of ``plan`` and store its violations, unpaired, feasibility and the
    groups' rule checks (a fixed number of queries)."""
    inputs = edition_inputs(plan.edition)
    s_by = {s.ref: s for s in inputs.students if s.available}
    e_by = {e.ref: e for e in inputs.experts if e.available and e.eligible}
    needs_step_free = {ref: p.needs_step_free for ref, p in inputs.participants.items()}
    viols: list[dict[str, Any]] = []
    pairs = list(plan.pairs.select_related("student", "expert", "room"))
    engine_pairs: list[Pair] = []
    for p in pairs:
        s_ref, e_ref = engine_ref(p.student), engine_ref(p.expert)
        student, expert = s_by.get(s_ref), e_by.get(e_ref)
        if student is None or expert is None:
            gone = s_ref if student is None else e_ref
            viols.append(_violation("availability", [gone], f"{gone} does not take part"))
            continue
        for rule in edge_rules(student, expert):
            viols.append(_violation(rule, [s_ref, e_ref], f"{s_ref} with {e_ref}: {rule}"))
        engine_pairs.append(Pair(s_ref, e_ref, p.score, tuple(p.reasons)))
    paired = {p.student for p in engine_pairs}
    unpaired = [ref for ref in s_by if ref not in paired]
    viols += [_violation("unserved", [r], f"{r} has no expert for the morning") for r in unpaired]

    groups = list(
        plan.groups.select_related("chair", "room").prefetch_related("memberships__participant")
    )
    checks_by: dict[int, list[dict[str, Any]]] = defaultdict(list)
    objective = dict(plan.objective)
    if groups:
        settings = plan_settings(plan.settings)
        problem = grouping_problem(
            list(s_by.values()),
            list(e_by.values()),
            engine_pairs,
            settings,
            n_groups=len(groups),
        )
        known = {m.ref for m in problem.members}
        fixed = {}
        fixed_chairs = {}
        engine_groups = []
        for g in groups:
            chair = engine_ref(g.chair)
            refs = [engine_ref(m.participant) for m in g.memberships.all()]
            for m in g.memberships.all():
                ref = engine_ref(m.participant)
                if m.locked and ref in known:
                    fixed[ref] = g.number - 1
                    if m.participant_id == g.chair_id:
                        fixed_chairs[g.number - 1] = ref
            ordered = [chair, *sorted(r for r in refs if r != chair)] if chair in refs else refs
            engine_groups.append(Group(index=g.number - 1, chair=chair, members=tuple(ordered)))
        problem = dataclasses.replace(problem, fixed=fixed, fixed_chairs=fixed_chairs)
        checks, gviols = check_grouping(problem, engine_groups)
        for c in checks:
            if c.group is not None:
                checks_by[c.group].append(dataclasses.asdict(c))
        viols += [
            _violation(v.rule, list(v.refs), v.message, hard=v.hard, group=v.group) for v in gviols
        ]
        scored = score_grouping(problem, [g for g in engine_groups if set(g.members) <= known])
        objective.update({f"grouping.{k}": float(v) for k, v in scored.items()})
        viols += _group_room_violations(groups, needs_step_free)
    viols += _conversation_room_violations(pairs, needs_step_free)
    kept = [v for v in plan.violations if v["rule"] not in RECHECKED]
    plan.violations = kept + viols
    plan.unpaired = unpaired
    plan.feasible = not any(v["hard"] for v in plan.violations)
    plan.objective = objective
    plan.save(update_fields=["violations", "unpaired", "feasible", "objective"])
    for g in groups:
        g.checks = checks_by.get(g.number - 1, [])
    PlannedGroup.objects.bulk_update(groups, ["checks"])


def _group_room_violations(
    groups: list[PlannedGroup], needs: dict[str, bool]
) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        if g.room is None:
            continue
        members = [engine_ref(m.participant) for m in g.memberships.all()]
        if len(members) > g.room.capacity:
            out.append(
                _violation(
                    "capacity",
                    [g.room.name],
                    f"group {g.number - 1}: {len(members)} people in {g.room.name} "
                    f"({g.room.capacity} seats)",
                    group=g.number - 1,
                )
            )
        if not g.room.step_free and any(needs.get(r) for r in members):
            who = [r for r in members if needs.get(r)]
            out.append(
                _violation(
                    "step_free",
                    who,
                    f"{', '.join(who)} need a step-free room, {g.room.name} is not",
                    group=g.number - 1,
                )
            )
    return out


def _conversation_room_violations(
    pairs: list[PlannedPair], needs: dict[str, bool]
) -> list[dict[str, Any]]:
    out = []
    seats: Counter[int] = Counter()
    rooms = {}
    experts_in: dict[int, set[int]] = defaultdict(set)
    for p in pairs:
        if p.room is None:
            continue
        rooms[p.room_id] = p.room
        seats[p.room_id] += 1
        experts_in[p.room_id].add(p.expert_id)
        who = [r for r in (engine_ref(p.student), engine_ref(p.expert)) if needs.get(r)]
        if who and not p.room.step_free:
            out.append(
                _violation(
                    "step_free",
                    who,
                    f"{', '.join(who)} need a step-free room, {p.room.name} is not",
                )
            )
    for room_id, students in seats.items():
        used = students + len(experts_in[room_id])
        room = rooms[room_id]
        if used > room.capacity:
            out.append(
                _violation(
                    "capacity",
                    [room.name],
                    f"{used} people in {room.name} in the morning ({room.capacity} seats)",
                )
            )
    return out


# ------------------------------------------------------------------------------ drafts
