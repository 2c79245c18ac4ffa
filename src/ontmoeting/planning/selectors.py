"""Reads of saved plans: the JSON shape of the command line and the API."""

from __future__ import annotations

from typing import Any

from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.models import Plan


def plan_json(plan: Plan) -> dict[str, Any]:
    """A saved plan as ``{"pairs", "groups", "unpaired", "violations", "objective", "seconds"}``.

    People appear by the refs of the roster import; trios as two pairs with the same expert.
    """
    pairs = plan.pairs.select_related("student", "expert", "room").order_by(
        "expert__ref", "student__ref"
    )
    groups = plan.groups.select_related("chair", "room").prefetch_related(
        "memberships__participant"
    )
    return {
        "version": plan.version,
        "pairs": [
            {
                "student": engine_ref(p.student),
                "expert": engine_ref(p.expert),
                "room": p.room.name if p.room else None,
            }
            for p in pairs
        ],
        "groups": [
            {
                "name": g.name,
                "chair": engine_ref(g.chair),
                "members": sorted(engine_ref(m.participant) for m in g.memberships.all()),
                "room": g.room.name if g.room else None,
            }
            for g in groups
        ],
        "unpaired": plan.unpaired,
        "violations": plan.violations,
        "objective": plan.objective,
        "seconds": plan.seconds,
    }
