"""The co-creation app's background task: reminders of team actions that are due.

The workers enqueue it every morning (``ONTMOETING_SCHEDULE["trajectories-remind"]``);
``ontmoeting trajectories remind`` does the same by hand. It only queues messages in the outbox
(the outbox task sends them), and an action is reminded at most once a day, so a retry or a run
taken back from a dead worker queues nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ontmoeting.background.durable import durable_task
from ontmoeting.cocreation.reminders import DEFAULT_WITHIN_DAYS, send_reminders

#: The audit log's actor of reminders queued by the worker.
ACTOR = "worker"


@durable_task(retries=2, backoff_seconds=300)
def remind_trajectories(
    days: int = DEFAULT_WITHIN_DAYS, today: str | None = None
) -> dict[str, int]:
    """Queue today's reminders (``today`` as YYYY-MM-DD, default the local date); how many
    contacts and actions were reminded."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    reminders = send_reminders(today=day, within_days=days, actor=ACTOR)
    return {
        "contacts": len(reminders),
        "actions": sum(len(reminder.actions) for reminder in reminders),
    }
