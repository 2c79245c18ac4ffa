"""A worker's heartbeat: written while it lives, read by ``/healthz`` and by recovery."""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.conf import settings
from django.utils import timezone

from ontmoeting.background.models import WorkerHeartbeat


def beat_every() -> float:
    """Seconds between two heartbeats of a worker."""
    return float(getattr(settings, "ONTMOETING_WORKER_HEARTBEAT_SECONDS", 5.0))


def stale_after() -> dt.timedelta:
    """A worker silent for this long is taken for dead (its running task is taken back)."""
    return dt.timedelta(seconds=float(getattr(settings, "ONTMOETING_WORKER_STALE_SECONDS", 60.0)))


def beat(
    worker_id: str, *, current_task: str | None = None, started: dt.datetime | None = None
) -> None:
    """Say that ``worker_id`` lives, and what it runs now ("" idle; None: as it was)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "last_seen": now,
            "stopped": None,
            **({} if current_task is None else {"current_task": current_task}),
        },
        create_defaults={
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "started": started or now,
            "last_seen": now,
            "current_task": current_task or "",
        },
    )


def stopped(worker_id: str) -> None:
    """Say that ``worker_id`` stopped cleanly."""
    now = timezone.now()
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        stopped=now, last_seen=now, current_task=""
    )


def live_workers(now: dt.datetime | None = None) -> list[WorkerHeartbeat]:
    """The workers heard of within :func:`stale_after` that have not stopped."""
    since = (now or timezone.now()) - stale_after()
    return list(
        WorkerHeartbeat.objects.filter(last_seen__gte=since, stopped__isnull=True).order_by(
            "worker_id"
        )
    )


def worker_alive(now: dt.datetime | None = None) -> bool:
    """True when at least one worker lives."""
    return bool(live_workers(now))


def latest_heartbeat() -> dt.datetime | None:
    """When a worker was last heard of (any worker), or None."""
    row = WorkerHeartbeat.objects.order_by("-last_seen").first()
    return row.last_seen if row else None
