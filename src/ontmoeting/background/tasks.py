"""The background app's own task: forgetting old task results.

The outbox task alone stores a result a minute; the workers run this one every night
(``ONTMOETING_SCHEDULE["prune-task-results"]``) so the table stays small. Failed attempts are
kept longer than the others, for the coordinators' task page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.compat import TaskResultStatus
from ontmoeting.background.durable import durable_task

#: Days a finished task's result is kept: a successful one, a failed one.
KEEP_SUCCESSFUL_DAYS = 7
KEEP_FAILED_DAYS = 90


@durable_task(retries=1, backoff_seconds=300)
def prune_results(
    successful_days: int = KEEP_SUCCESSFUL_DAYS, failed_days: int = KEEP_FAILED_DAYS
) -> dict[str, int]:
    """Delete the results of tasks that ended longer ago than their keeping time; how many."""
    now = timezone.now()
    counts = {}
    for status, days in (
        (TaskResultStatus.SUCCESSFUL, successful_days),
        (TaskResultStatus.FAILED, failed_days),
    ):
        deleted, _ = DBTaskResult.objects.filter(
            status=status, finished_at__lt=now - dt.timedelta(days=days)
        ).delete()
        counts[status.value.lower()] = deleted
    return counts
