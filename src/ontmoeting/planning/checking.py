"""A saved plan judged by the engine's one rule check (:func:`ontmoeting.engine.check.check_plan`).

Every place that needs to know whether a plan holds — the plan page after a hand edit, the
publish guard, the command line, the documents — goes through :func:`check_saved_plan`, so a
plan is never "clean" in one place and broken in another. A fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from ontmoeting.engine.check import PlanCheck, PlanLayout, check_plan
from ontmoeting.engine.group_model import Group
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.pairing import Pair
from ontmoeting.engine.plan import PlanLocks, PlanResult
from ontmoeting.engine.results import EXPLANATORY
from ontmoeting.planning.inputs import EditionInputs, edition_inputs, engine_ref
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedGroupMember


def plan_settings(data: dict[str, Any]) -> PlanSettings:
    """The plain settings of a saved plan (the ones the checks need)."""
    names = {
        "pair_policy",
        "group_min_size",
        "group_max_size",
        "n_groups",
        "walking",
        "other_kind_cost",
        "time_limit",
    }
    return PlanSettings(**{k: v for k, v in data.items() if k in names})


def saved_layout(plan: Plan, inputs: EditionInputs) -> PlanLayout:
    """The saved plan as the engine's plain data (rooms by name, groups from 0)."""
    room_name = {room.pk: name for name, room in inputs.room_models.items()}
    pairs = list(plan.pairs.select_related("student", "expert"))
    memberships = list(
        PlannedGroupMember.objects.filter(group__plan=plan)
        .select_related("group", "group__chair", "participant")
        .order_by("group__number", "participant__ref", "participant__pk")
    )
    members: dict[int, list[str]] = {}
    chairs: dict[int, str] = {}
    group_rooms: dict[int, str] = {}
    fixed: dict[str, int] = {}
    fixed_chairs: dict[int, str] = {}
    for group in plan.groups.select_related("chair"):
        index = group.number - 1
        members.setdefault(index, [])
        chairs[index] = engine_ref(group.chair)
        if group.room_id in room_name:
            group_rooms[index] = room_name[group.room_id]
    for m in memberships:
        index, ref = m.group.number - 1, engine_ref(m.participant)
        members.setdefault(index, []).append(ref)
        if m.locked:
            fixed[ref] = index
            if m.participant_id == m.group.chair_id:
                fixed_chairs[index] = ref
    groups = []
    for index in sorted(members):
        refs, chair = members[index], chairs.get(index, "")
        ordered = (chair, *(r for r in refs if r != chair)) if chair in refs else tuple(refs)
        groups.append(Group(index=index, chair=chair, members=tuple(ordered)))
    block_rooms = None
    if plan.block_rooms:
        block_rooms = {
            key: [room_name[pk] for pk in pks if pk in room_name]
            for key, pks in plan.block_rooms.items()
        }
    return PlanLayout(
        pairs=[(engine_ref(p.student), engine_ref(p.expert)) for p in pairs],
        groups=groups,
        pair_rooms={
            engine_ref(p.expert): room_name[p.room_id] for p in pairs if p.room_id in room_name
        },
        group_rooms=group_rooms,
        block_rooms=block_rooms,
        fixed=fixed,
        fixed_chairs=fixed_chairs,
    )


def check_saved_plan(plan: Plan, inputs: EditionInputs | None = None) -> PlanCheck:
    """The engine's verdict on ``plan`` as it is saved now (people's current status included)."""
    inputs = inputs or edition_inputs(plan.edition)
    return check_plan(
        inputs.students,
        inputs.experts,
        inputs.rooms,
        plan_settings(plan.settings),
        saved_layout(plan, inputs),
        blocks=inputs.blocks,
    )


def current_violations(plan: Plan, verdict: PlanCheck) -> list[dict[str, Any]]:
    """The violations to store on ``plan``: the solver's explanations it was saved with (why the
    input admits no complete plan) followed by the check's verdict."""
    kept = [v for v in plan.violations if v.get("code") in EXPLANATORY]
    return kept + [v.to_json() for v in verdict.violations]


def plan_locks(plan: Plan) -> PlanLocks | None:
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
    return PlanLocks(pairs=pairs, members=members, chairs=chairs)


def recheck(plan: Plan) -> PlanCheck:
    """Check ``plan`` with the engine's rules and store the verdict on it: violations (the
    explanations it was saved with kept), unpaired, feasibility, the afternoon's objective
    parts and every group's rule checks. A fixed number of queries."""
    verdict = check_saved_plan(plan)
    plan.violations = current_violations(plan, verdict)
    plan.unpaired = list(verdict.unpaired)
    plan.feasible = not any(v["hard"] for v in plan.violations)
    plan.objective = {
        **{k: v for k, v in plan.objective.items() if not k.startswith("grouping.")},
        **{f"grouping.{k}": float(v) for k, v in verdict.objective.items()},
    }
    plan.save(update_fields=["violations", "unpaired", "feasible", "objective"])
    by_group: dict[int, list[dict[str, Any]]] = {}
    for c in verdict.checks:
        if c.group is not None:
            by_group.setdefault(c.group, []).append(c.to_json())
    groups = list(plan.groups.all())
    for g in groups:
        g.checks = by_group.get(g.number - 1, [])
    PlannedGroup.objects.bulk_update(groups, ["checks"])
    return verdict


def saved_result(plan: Plan, inputs: EditionInputs) -> PlanResult:
    """The saved plan as the engine's ``PlanResult`` (what ``engine.repair`` starts from)."""
    layout = saved_layout(plan, inputs)
    scores = {
        (engine_ref(p.student), engine_ref(p.expert)): p.score
        for p in plan.pairs.select_related("student", "expert")
    }
    return PlanResult(
        pairs=tuple(
            Pair(student=s, expert=e, score=scores.get((s, e), 0.0), reasons=())
            for s, e in layout.pairs
        ),
        groups=tuple(layout.groups),
        pair_rooms=dict(layout.pair_rooms),
        group_rooms=dict(layout.group_rooms),
        unpaired=tuple(plan.unpaired),
        surplus_experts=(),
        violations=(),
        objective=dict(plan.objective),
        notes=(),
        seconds=0.0,
        feasible=plan.feasible,
        block_rooms={k: tuple(v) for k, v in (layout.block_rooms or {}).items()},
    )
