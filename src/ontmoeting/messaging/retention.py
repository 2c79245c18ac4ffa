"""The retention purge of stored messages (the policy is in ``privacy/retention.py``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.retention import retention, years_before

#: Messages whose journey is over; queued or sending ones are never purged.
DONE = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.LETTER)


def messages_past_retention(today: dt.date) -> QuerySet[OutboxMessage]:
    cutoff = years_before(today, retention("message_years"))
    return OutboxMessage.objects.filter(status__in=DONE, created__date__lt=cutoff)


def purge_messages(today: dt.date) -> int:
    """Sent, failed and printed messages older than the retention period."""
    return messages_past_retention(today).delete()[1].get(OutboxMessage._meta.label, 0)
