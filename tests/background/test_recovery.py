"""Recovery: the running task of a dead worker is failed (WorkerLost) and tried again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.heartbeat import beat
from ontmoeting.background.models import WorkerHeartbeat
from ontmoeting.background.recovery import LOST, recover_orphans
from tests.background import sample_tasks

pytestmark = pytest.mark.django_db


def _running_on(worker: str, *, attempt: int = 1, minutes_ago: float = 10) -> DBTaskResult:
    kwargs = {"_attempt": attempt} if attempt > 1 else {}
    result = sample_tasks.slow_write.enqueue("k", 0.0, **kwargs)
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=started, worker_ids=[worker]
    )
    return DBTaskResult.objects.get(pk=result.id)


def _silence(worker: str, minutes: float) -> None:
    beat(worker)
    WorkerHeartbeat.objects.filter(worker_id=worker).update(
        last_seen=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_the_task_of_a_silent_worker_fails_as_lost_and_its_next_attempt_waits():
    _silence("dead", minutes=5)
    lost = _running_on("dead")
    assert recover_orphans() == [str(lost.pk)]
    lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == ("FAILED", LOST)
    again = DBTaskResult.objects.exclude(pk=lost.pk).get()
    assert again.status == "READY"
    assert again.args_kwargs == {"args": ["k", 0.0], "kwargs": {"_attempt": 2}}
    assert recover_orphans() == []  # taken back once


def test_the_task_of_a_live_worker_is_left_running():
    beat("alive")
    running = _running_on("alive")
    assert recover_orphans() == []
    running.refresh_from_db()
    assert running.status == "RUNNING"


def test_a_lost_task_without_tries_left_stays_failed():
    _silence("dead", minutes=5)
    lost = _running_on("dead", attempt=3)  # slow_write: retries=2, so attempt 3 was the last
    assert recover_orphans() == [str(lost.pk)]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]
