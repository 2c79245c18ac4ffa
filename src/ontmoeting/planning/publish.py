"""Publish a plan version: the one the participants will see."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.editions.enums import EditionStatus
from ontmoeting.editions.models import Edition
from ontmoeting.editions.services import transition_edition
from ontmoeting.planning.checking import recheck
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.privacy.audit import Actor, record


class CannotPublish(ValueError):
    """The version breaks a hard rule (``violations``, as stored), or cannot be published."""

    def __init__(self, message: str, violations: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.violations = violations or []


def needs_a_published_plan(edition: Edition) -> str | None:
    """Guard of the edition status ``published`` (registered in ``PlanningConfig.ready``): None
    when a plan version of ``edition`` is published, else why the edition cannot be."""
    if Plan.objects.filter(edition=edition, status=PlanStatus.PUBLISHED).exists():
        return None
    return _(
        "Edition %(year)s can only be published once one of its plan versions is: publish a "
        "plan version first (on the plan page, or with 'ontmoeting plan publish %(year)s')."
    ) % {"year": edition.year}


def publish_plan(plan: Plan, *, actor: Actor) -> Plan:
    """Publish ``plan``, withdrawing the version published before; idempotent.

    The version is first re-checked with the engine's rules as it stands now (people may
    have cancelled since it was made); one with a hard violation is refused, naming them. Moves
    the edition to ``published`` (through ``planned`` when it was still recruiting).
    """
    if plan.status != PlanStatus.PUBLISHED:
        recheck(plan)  # saved on its own: a refused plan shows why on its page
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=plan.edition_id)
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status == PlanStatus.PUBLISHED:
            return plan
        if plan.status == PlanStatus.UNDONE:
            raise CannotPublish(_("Version %(v)s was undone.") % {"v": plan.version})
        hard = [v for v in plan.violations if v.get("hard")]
        if hard or not plan.feasible:
            raise CannotPublish(
                ngettext(
                    "Version %(v)s breaks %(n)s hard rule; fix it before publishing.",
                    "Version %(v)s breaks %(n)s hard rules; fix them before publishing.",
                    len(hard),
                )
                % {"v": plan.version, "n": len(hard)},
                hard,
            )
        if edition.status not in (
            EditionStatus.RECRUITING,
            EditionStatus.PLANNED,
            EditionStatus.PUBLISHED,
        ):
            raise CannotPublish(
                _("The edition is %(status)s: its plan can no longer be published.")
                % {"status": edition.get_status_display()}
            )
        withdrawn = list(
            Plan.objects.filter(edition=edition, status=PlanStatus.PUBLISHED).values_list(
                "version", flat=True
            )
        )
        Plan.objects.filter(edition=edition, status=PlanStatus.PUBLISHED).update(
            status=PlanStatus.WITHDRAWN
        )
        plan.status = PlanStatus.PUBLISHED
        plan.save(update_fields=["status"])
        if edition.status == EditionStatus.RECRUITING:
            edition = transition_edition(edition, to=EditionStatus.PLANNED, actor=actor)
        transition_edition(edition, to=EditionStatus.PUBLISHED, actor=actor)
        record("plan.publish", actor=actor, obj=plan, version=plan.version, withdrawn=withdrawn)
    return plan
