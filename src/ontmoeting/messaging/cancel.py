"""Cancel queued messages: one, a selection, or every one a filter of the outbox shows.

Only a message still *queued* can be cancelled, and the cancel is the same kind of conditional
``UPDATE … WHERE status='queued'`` the worker's claim is (``messaging.sending``): whichever
comes first wins. A message the worker already claimed ("sending") is not cancelled; a
cancelled one is never claimed, since the worker takes queued messages only. A cancelled
message stays in the outbox, shown as cancelled; its duplicate guard is cleared, so the same
message can be queued again on purpose the same day.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.audit import Actor, record

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ontmoeting.editions.models import Edition

CANCELLED_NOTE = "Cancelled by a coordinator before it was sent."


@transaction.atomic
def cancel_messages(
    *,
    edition: Edition,
    actor: Actor,
    ids: Iterable[int] | None = None,
    among: QuerySet[OutboxMessage] | None = None,
) -> int:
    """Cancel the edition's queued messages with ``ids`` (or all of ``among``, a filtered
    outbox); returns how many were cancelled. Idempotent: cancelling twice changes nothing."""
    rows = OutboxMessage.objects.filter(edition=edition, status=MessageStatus.QUEUED)
    if among is not None:
        rows = rows.filter(pk__in=among.order_by().values("pk"))
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    # Locked first: the worker's SKIP LOCKED pass then leaves these rows alone (PostgreSQL).
    pks = list(rows.select_for_update().values_list("pk", flat=True))
    changed = OutboxMessage.objects.filter(pk__in=pks, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED,
        dedupe_key=None,
        next_attempt_at=None,
        last_error=CANCELLED_NOTE,
    )
    if changed:
        record(
            "message.cancel",
            actor=actor,
            obj=edition,
            count=changed,
            messages=pks,
        )
    return changed
