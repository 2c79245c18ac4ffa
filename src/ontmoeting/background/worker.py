"""The worker process: django_tasks_db's worker loop, a heartbeat, recovery and the schedule.

A thread of the worker process (never of a web process) beats the heartbeat every
``beat_every()`` seconds, takes back the tasks of dead workers (:mod:`.recovery`) and enqueues
the scheduled jobs that are due (:mod:`.schedule`). The main thread claims and runs tasks one at
a time; SIGTERM lets the running task end, a second SIGTERM stops at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from ontmoeting.background import heartbeat
from ontmoeting.background.recovery import recover_orphans
from ontmoeting.background.schedule import enqueue_due

log = logging.getLogger(__name__)


def new_worker_id() -> str:
    """A worker's id: host, process and a random part (at most 64 characters)."""
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


@dataclass
class WorkerOptions:
    queues: tuple[str, ...] = ("default",)
    interval: float = 1.0
    batch: bool = False
    max_tasks: int | None = None
    schedule: bool = True


class HeartbeatWorker(Worker):
    """The library's worker, saying what it runs in its heartbeat."""

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        # Claimed: a SIGTERM from now on lets the task end (the library sets this flag only
        # once its own run_task begins, after our heartbeat write).
        self.running_task = True
        heartbeat.beat(self.worker_id, current_task=str(db_task_result.pk))
        try:
            super().run_task(db_task_result)
        finally:
            heartbeat.beat(self.worker_id, current_task="")


def housekeeping(worker_id: str, *, schedule: bool = True) -> None:
    """One heartbeat, then recovery and the schedule (each pass of the heartbeat thread)."""
    heartbeat.beat(worker_id)  # what it runs is the main thread's to say
    recover_orphans()
    if schedule:
        enqueue_due()


def _beat_until(stop: threading.Event, worker_id: str, schedule: bool) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            housekeeping(worker_id, schedule=schedule)
        except Exception:  # a locked or unreachable database: try again on the next beat
            log.exception("worker %s: housekeeping failed", worker_id)
        stop.wait(heartbeat.beat_every())
    connections.close_all()


def run(options: WorkerOptions, worker_id: str | None = None) -> str:
    """Run tasks until stopped (or, with ``batch``, until none is ready); the worker's id."""
    worker_id = worker_id or new_worker_id()
    heartbeat.beat(worker_id, started=timezone.now())
    housekeeping(worker_id, schedule=options.schedule)
    stop = threading.Event()
    beating = threading.Thread(
        target=_beat_until,
        args=(stop, worker_id, options.schedule),
        name="worker-heartbeat",
        daemon=True,
    )
    beating.start()
    worker = HeartbeatWorker(
        queue_names=list(options.queues),
        interval=options.interval,
        batch=options.batch,
        backend_name="default",
        startup_delay=not options.batch,
        max_tasks=options.max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    if not options.batch:
        worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()
        beating.join(timeout=heartbeat.beat_every() + 5)
        heartbeat.stopped(worker_id)
    return worker_id
