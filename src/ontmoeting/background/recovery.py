"""Taking back the tasks of a worker that died (killed, out of memory, machine restarted).

A task stays "running" in the database when its worker is killed with SIGKILL. Once that worker
has been silent for ``stale_after()`` (:mod:`.heartbeat`), :func:`recover_orphans` marks the
attempt failed with :class:`WorkerLost` and enqueues the next attempt, as a crash would; a task
whose attempts are used up stays failed for the coordinator to see.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.compat import TaskResultStatus
from ontmoeting.background.durable import attempt_of, enqueue_again
from ontmoeting.background.heartbeat import live_workers, stale_after

log = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a task stopped before it ended."""


LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


def _orphans(now: dt.datetime) -> list[DBTaskResult[Any, Any]]:
    live = {worker.worker_id for worker in live_workers(now)}
    return [
        result
        for result in DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after()
        )
        if not result.worker_ids or result.worker_ids[-1] not in live
    ]


def recover_orphans(now: dt.datetime | None = None) -> list[str]:
    """Fail the running tasks of dead workers and enqueue their next attempt; their ids."""
    now = now or timezone.now()
    taken: list[str] = []
    for result in _orphans(now):
        with transaction.atomic():
            failed = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST,
                traceback=f"{LOST}: worker {result.worker_ids[-1:]} stopped during the task\n",
            )
            if not failed:
                continue  # another worker took it back first
            kwargs = dict(result.args_kwargs["kwargs"])
            attempt = attempt_of(kwargs)
            kwargs.pop("_attempt", None)
            try:
                the_task = result.task
            except ImportError:
                log.error("task %s: %s no longer exists", result.pk, result.task_path)
                continue
            again = enqueue_again(
                the_task, list(result.args_kwargs["args"]), kwargs, attempt=attempt
            )
            log.warning("task %s lost with its worker; tried again: %s", result.pk, again)
        taken.append(str(result.pk))
    return taken
