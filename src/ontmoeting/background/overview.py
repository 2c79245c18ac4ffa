"""What the coordinators' task page shows: the live workers, the schedule and recent tasks.

Plain rows built from the stored results (``django_tasks_db``'s ``DBTaskResult``), the
heartbeats and the schedule. A failed task shows its exception's class and the first line of its
message only (``error_line``), never the traceback: that may hold personal data, and stays in
the worker's log. The human names of the tasks belong to the apps that define them; the page
passes them in (``names``: task path to words), as background imports no other app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.compat import TaskResultStatus
from ontmoeting.background.durable import ATTEMPT, POLICIES, attempt_of
from ontmoeting.background.heartbeat import live_workers
from ontmoeting.background.models import ScheduledRun, WorkerHeartbeat
from ontmoeting.background.schedule import entries

#: The longest first line of an error shown.
ERROR_LINE_MAX = 200


@dataclass(frozen=True)
class TaskRow:
    """One attempt of a task, as the page lists it."""

    id: str
    task_path: str
    name: str
    status: str
    attempt: int
    enqueued_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    #: When a waiting attempt may start (a retry waits), None when it may start now.
    waits_until: dt.datetime | None
    error_class: str = ""
    error_line: str = ""
    #: For a failed attempt: True when a next attempt was enqueued, False when none will come.
    tried_again: bool | None = None
    result: Any = None


@dataclass(frozen=True)
class WorkerRow:
    worker_id: str
    hostname: str
    pid: int | None
    started: dt.datetime
    last_seen: dt.datetime
    #: The name of the task it runs now, "" when idle.
    running: str


@dataclass(frozen=True)
class ScheduleRow:
    name: str
    task_name: str
    every_seconds: int | None
    daily: dt.time | None
    last_enqueued: dt.datetime | None


def task_name(task_path: str, names: Mapping[str, object]) -> str:
    """The words for a task: from ``names``, else its function's name in plain words."""
    if task_path in names:
        return str(names[task_path])
    return task_path.rsplit(".", 1)[-1].replace("_", " ").strip().capitalize()


def error_line(exception_class_path: str, traceback: str) -> str:
    """The first line of the exception's message, found in the traceback's last part."""
    qualname = exception_class_path.rsplit(".", 1)[-1]
    prefixes = [f"{exception_class_path}:", f"{qualname}:"]
    for line in reversed(traceback.splitlines()):
        for prefix in prefixes:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()[:ERROR_LINE_MAX]
    return ""


def _waits_until(result: DBTaskResult[Any, Any], now: dt.datetime) -> dt.datetime | None:
    if result.status == TaskResultStatus.READY and result.run_after and result.run_after > now:
        # django_tasks_db stores "no delay" as the largest date: the year 9999 is not a wait.
        return result.run_after if result.run_after.year < 9999 else None
    return None


def _successor_exists(result: DBTaskResult[Any, Any], attempt: int) -> bool:
    """True when attempt ``attempt + 1`` of the same call was enqueued after ``result``."""
    later = DBTaskResult.objects.filter(
        task_path=result.task_path,
        enqueued_at__gte=result.enqueued_at,
        **{f"args_kwargs__kwargs__{ATTEMPT}": attempt + 1},
    ).exclude(pk=result.pk)
    args = result.args_kwargs.get("args", [])
    kwargs = {k: v for k, v in result.args_kwargs.get("kwargs", {}).items() if k != ATTEMPT}
    for candidate in later.only("args_kwargs"):
        other_kwargs = dict(candidate.args_kwargs.get("kwargs", {}))
        if attempt_of(other_kwargs) != attempt + 1:
            continue
        other_kwargs.pop(ATTEMPT, None)
        if candidate.args_kwargs.get("args", []) == args and other_kwargs == kwargs:
            return True
    return False


def task_row(
    result: DBTaskResult[Any, Any], names: Mapping[str, object], now: dt.datetime | None = None
) -> TaskRow:
    """The row of one stored attempt."""
    attempt = attempt_of(result.args_kwargs.get("kwargs", {}))
    failed = result.status == TaskResultStatus.FAILED
    return TaskRow(
        id=str(result.pk),
        task_path=result.task_path,
        name=task_name(result.task_path, names),
        status=result.status,
        attempt=attempt,
        enqueued_at=result.enqueued_at,
        started_at=result.started_at,
        finished_at=result.finished_at,
        waits_until=_waits_until(result, now or timezone.now()),
        error_class=result.exception_class_path.rsplit(".", 1)[-1] if failed else "",
        error_line=error_line(result.exception_class_path, result.traceback) if failed else "",
        tried_again=_successor_exists(result, attempt) if failed else None,
        result=result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None,
    )


def recent_results(status: str | None = None) -> QuerySet[DBTaskResult[Any, Any]]:
    """The stored attempts, newest first (only those of ``status`` when given)."""
    results = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        results = results.filter(status=status)
    return results


def task_rows(
    results: Iterable[DBTaskResult[Any, Any]], names: Mapping[str, object]
) -> list[TaskRow]:
    """The rows of ``results``."""
    now = timezone.now()
    return [task_row(result, names, now) for result in results]


def worker_rows(names: Mapping[str, object]) -> list[WorkerRow]:
    """The workers alive now, with the task each runs."""
    workers: list[WorkerHeartbeat] = live_workers()
    running = {w.current_task for w in workers if w.current_task}
    paths = dict(
        DBTaskResult.objects.filter(pk__in=running).values_list("pk", "task_path")
        if running
        else []
    )
    return [
        WorkerRow(
            worker_id=w.worker_id,
            hostname=w.hostname,
            pid=w.pid,
            started=w.started,
            last_seen=w.last_seen,
            running=_running_name(w.current_task, paths, names),
        )
        for w in workers
    ]


def _running_name(current: str, paths: Mapping[Any, str], names: Mapping[str, object]) -> str:
    if not current:
        return ""
    for pk, path in paths.items():
        if str(pk) == current or str(pk).replace("-", "") == current.replace("-", ""):
            return task_name(path, names)
    return current


def schedule_rows(names: Mapping[str, object]) -> list[ScheduleRow]:
    """The scheduled jobs, with when each was last enqueued."""
    last = dict(ScheduledRun.objects.values_list("name", "last_enqueued"))
    return [
        ScheduleRow(
            name=entry.name,
            task_name=task_name(entry.task_path, names),
            every_seconds=int(entry.every.total_seconds()) if entry.every else None,
            daily=entry.daily,
            last_enqueued=last.get(entry.name),
        )
        for entry in entries()
    ]


def gives_up_after(task_path: str) -> int | None:
    """How many attempts a task gets in all (None when its module was not imported)."""
    policy = POLICIES.get(task_path)
    return policy.retries + 1 if policy else None
