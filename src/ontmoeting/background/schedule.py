"""Jobs the workers enqueue on a schedule (``settings.ONTMOETING_SCHEDULE``).

Each entry names a task by its dotted path and either ``every`` (seconds) or ``daily``
("HH:MM", local time). Every worker calls :func:`enqueue_due` on each heartbeat; a conditional
update of :class:`~ontmoeting.background.models.ScheduledRun` lets exactly one of them enqueue a
due run, however many workers run.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ontmoeting.background.compat import Task
from ontmoeting.background.models import ScheduledRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    name: str
    task_path: str
    every: dt.timedelta | None = None
    daily: dt.time | None = None

    def due(self, last: dt.datetime | None, now: dt.datetime) -> bool:
        if self.every is not None:
            return last is None or now - last >= self.every
        assert self.daily is not None
        local = timezone.localtime(now)
        today_at = local.replace(
            hour=self.daily.hour, minute=self.daily.minute, second=0, microsecond=0
        )
        if local < today_at:
            return False
        return last is None or timezone.localtime(last) < today_at


def entries() -> list[Entry]:
    """The schedule, from the settings."""
    made = []
    for name, spec in getattr(settings, "ONTMOETING_SCHEDULE", {}).items():
        every = spec.get("every")
        daily = spec.get("daily")
        made.append(
            Entry(
                name=name,
                task_path=spec["task"],
                every=dt.timedelta(seconds=float(every)) if every else None,
                daily=dt.time.fromisoformat(daily) if daily else None,
            )
        )
    return made


def _claim(entry: Entry, now: dt.datetime) -> bool:
    row, _created = ScheduledRun.objects.get_or_create(name=entry.name)
    if not entry.due(row.last_enqueued, now):
        return False
    return bool(
        ScheduledRun.objects.filter(name=entry.name, last_enqueued=row.last_enqueued).update(
            last_enqueued=now
        )
    )


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every scheduled job that is due; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in entries():
        with transaction.atomic():
            if not _claim(entry, now):
                continue
            the_task: Task[Any, Any] = import_string(entry.task_path)
            the_task.enqueue()
        enqueued.append(entry.name)
        log.info("scheduled job %s enqueued", entry.name)
    return enqueued
