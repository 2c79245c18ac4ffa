"""Make a plan for an edition with the engine and save it as a new version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.plan import PlanLocks, PlanResult, make_plan
from ontmoeting.planning.inputs import EditionInputs, edition_inputs
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedGroupMember, PlannedPair
from ontmoeting.privacy.audit import Actor, record


class NothingToPlan(ValueError):
    """The edition has no students or no experts taking part."""


def plan_edition(
    edition: Edition,
    *,
    actor: Actor,
    seed: int = 0,
    settings: PlanSettings | None = None,
    time_limit: float | None = None,
    progress: Callable[[float], None] | None = None,
    locks: PlanLocks | None = None,
    based_on: Plan | None = None,
) -> tuple[Plan, PlanResult]:
    """Run pairs, groups and rooms for ``edition`` and save the result as a new plan version.

    The engine runs outside the transaction; only the saving is atomic, so a crash in between
    leaves no half-written plan. ``locks`` (an ``engine.plan.PlanLocks``) keeps locked pairs,
    group members and chairs in place; they stay locked in the new version.
    """
    inputs = edition_inputs(edition)
    if not inputs.students or not inputs.experts:
        raise NothingToPlan(
            _("Edition %(year)s has %(s)s students and %(e)s experts taking part: nothing to plan.")
            % {"year": edition.year, "s": len(inputs.students), "e": len(inputs.experts)}
        )
    settings = settings or PlanSettings()
    extra: dict[str, Any] = {} if locks is None else {"locks": locks}
    result = make_plan(
        inputs.students,
        inputs.experts,
        inputs.rooms,
        settings,
        blocks=inputs.blocks,
        seed=seed,
        time_limit=time_limit,
        progress=progress,
        **extra,
    )
    plan = save_result(
        edition,
        result,
        inputs=inputs,
        actor=actor,
        seed=seed,
        settings=settings,
        locks=locks,
        based_on=based_on,
    )
    return plan, result


def save_result(
    edition: Edition,
    result: PlanResult,
    *,
    inputs: EditionInputs,
    actor: Actor,
    seed: int,
    settings: PlanSettings,
    locks: PlanLocks | None = None,
    based_on: Plan | None = None,
    change: dict[str, Any] | None = None,
) -> Plan:
    """Save the engine's ``result`` as the next plan version of ``edition`` (one transaction)."""
    locked_pairs = set(locks.pairs) if locks is not None else set()
    locked_members = dict(locks.members) if locks is not None else {}
    locked_chairs = dict(locks.chairs) if locks is not None else {}
    people, rooms = inputs.participants, inputs.room_models
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).get()
        version = (edition.plans.aggregate(v=Max("version"))["v"] or 0) + 1
        plan = Plan.objects.create(
            edition=edition,
            version=version,
            created_by=actor if isinstance(actor, User) else None,
            created_by_label=actor if isinstance(actor, str) else "",
            seed=seed,
            settings=_settings_json(settings),
            feasible=result.feasible,
            objective=result.objective,
            violations=[v.to_json() for v in result.violations],
            notes=[n.to_json() for n in result.notes],
            block_rooms={
                key: [rooms[name].pk for name in names if name in rooms]
                for key, names in result.block_rooms.items()
            },
            unpaired=list(result.unpaired),
            seconds=result.seconds,
            based_on=based_on,
            change=change or {},
        )
        PlannedPair.objects.bulk_create(
            PlannedPair(
                plan=plan,
                student=people[p.student],
                expert=people[p.expert],
                room=rooms.get(result.pair_rooms.get(p.expert, "")),
                score=p.score,
                reasons=[r.to_json() for r in p.reasons],
                locked=(p.student, p.expert) in locked_pairs,
            )
            for p in result.pairs
        )
        checks = result.check.checks if result.check else ()
        groups = PlannedGroup.objects.bulk_create(
            PlannedGroup(
                plan=plan,
                number=g.index + 1,
                name=_("Group %(n)s") % {"n": g.index + 1},
                chair=people[g.chair],
                room=rooms.get(result.group_rooms.get(g.index, "")),
                checks=[c.to_json() for c in checks if c.group == g.index],
            )
            for g in result.groups
        )
        PlannedGroupMember.objects.bulk_create(
            PlannedGroupMember(
                group=row,
                participant=people[ref],
                locked=locked_members.get(ref) == g.index or locked_chairs.get(g.index) == ref,
            )
            for row, g in zip(groups, result.groups, strict=True)
            for ref in g.members
        )
        record(
            "plan.create",
            actor=actor,
            obj=plan,
            version=version,
            seed=seed,
            feasible=result.feasible,
            pairs=len(result.pairs),
            groups=len(result.groups),
            unpaired=len(result.unpaired),
        )
    return plan


def _settings_json(settings: PlanSettings) -> dict[str, Any]:
    data = asdict(settings)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items()}
