"""Reading the audit log: the admins' audit screen filters it by actor, action, object, date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet

from ontmoeting.privacy.models import AuditEntry


@dataclass(frozen=True)
class AuditQuery:
    """What the audit screen asks: empty fields do not filter."""

    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def audit_entries(query: AuditQuery) -> QuerySet[AuditEntry]:
    """The entries matching ``query``, newest first (one query per page when iterated).

    ``actor`` matches a username or a label (part of it, ignoring case); ``action`` an action
    or its prefix ("participant." for every participant action).
    """
    rows = AuditEntry.objects.select_related("actor")
    if query.actor:
        rows = rows.filter(
            Q(actor__username__icontains=query.actor) | Q(actor_label__icontains=query.actor)
        )
    if query.action:
        rows = rows.filter(action__startswith=query.action)
    if query.object_type:
        rows = rows.filter(object_type=query.object_type)
    if query.object_id:
        rows = rows.filter(object_id=query.object_id)
    if query.since:
        rows = rows.filter(when__date__gte=query.since)
    if query.until:
        rows = rows.filter(when__date__lte=query.until)
    return rows.order_by("-when", "-pk")


def audit_choices() -> tuple[list[str], list[str]]:
    """Every action and every object type the log holds, sorted (for the filters)."""
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    types = (
        AuditEntry.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    return list(actions), list(types)


def object_type_label(object_type: str) -> str:
    """A stored object type ("expenses.claim") as the reader names it ("onkostennota")."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)
