"""Change the status of a selection of an edition's participants at once.

Each row goes through the service a single change uses (``participants.update_participant``
with its rule ``status_refusal``); the rule is asked for every row first, and when any row is
refused nothing changes (never half a selection) and the refused rows are named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.participants import status_refusal, update_participant
from ontmoeting.privacy.audit import Actor, record


@dataclass(frozen=True)
class Refused:
    """A row of the selection that may not take the new status, and why."""

    participant: Participant
    reason: str


@dataclass(frozen=True)
class BulkStatusResult:
    """What a bulk status change did: ``changed`` rows, or nothing when any row is ``refused``."""

    changed: int = 0
    unchanged: int = 0
    refused: tuple[Refused, ...] = field(default_factory=tuple)


@transaction.atomic
def change_statuses(
    *,
    edition: Edition,
    participant_ids: Collection[int],
    status: str,
    actor: Actor,
    today: dt.date | None = None,
) -> BulkStatusResult:
    """Give ``status`` to the edition's participants in ``participant_ids`` (others ignored),
    all or none; idempotent (rows that already have it are counted as unchanged)."""
    today = today or timezone.localdate()
    rows = list(
        edition.participants.select_for_update(of=("self",))
        .select_related("person", "edition")
        .filter(pk__in=list(participant_ids))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    refused = tuple(
        Refused(p, reason)
        for p in rows
        if (reason := status_refusal(p, status, today=today)) is not None
    )
    if refused:
        return BulkStatusResult(refused=refused)
    moving = [p for p in rows if p.status != status]
    for participant in moving:
        # The single change's own service: its checks, its audit entry per row.
        update_participant(participant, actor=actor, status=status)
    if moving:
        record(
            "participant.bulk_status", actor=actor, obj=edition, status=status, count=len(moving)
        )
    return BulkStatusResult(changed=len(moving), unchanged=len(rows) - len(moving))
