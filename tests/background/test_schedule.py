"""The schedule: a due job is enqueued once however many workers look, `every` and `daily`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess  # nosec B404 - runs this project's own Python on a fixed command
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.compat import Task
from ontmoeting.background.schedule import enqueue_due

TICK = "tests.background.sample_tasks.tick"
ROOT = Path(__file__).resolve().parents[2]


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, minute))


def ticks() -> int:
    return DBTaskResult.objects.filter(task_path=TICK).count()


@pytest.fixture
def daily_tick(settings):
    settings.ONTMOETING_SCHEDULE = {"nightly": {"task": TICK, "daily": "03:00"}}


@pytest.fixture
def minutely_tick(settings):
    settings.ONTMOETING_SCHEDULE = {"often": {"task": TICK, "every": 60}}


@pytest.mark.django_db
def test_a_daily_job_runs_once_a_day_from_its_time_on(daily_tick):
    assert enqueue_due(at(10, 2, 59)) == []
    assert enqueue_due(at(10, 3, 0)) == ["nightly"]
    assert enqueue_due(at(10, 3, 0)) == []  # a second worker at the same moment
    assert enqueue_due(at(10, 23, 59)) == []
    assert enqueue_due(at(11, 2, 59)) == []
    assert enqueue_due(at(11, 9, 30)) == ["nightly"]  # no worker ran at 03:00: it catches up
    assert enqueue_due(at(11, 9, 31)) == []
    assert ticks() == 2


@pytest.mark.django_db
def test_a_daily_job_first_seen_after_its_time_runs_that_day(daily_tick):
    assert enqueue_due(at(10, 14)) == ["nightly"]
    assert enqueue_due(at(11, 3)) == ["nightly"]


@pytest.mark.django_db
def test_an_every_job_waits_its_interval(minutely_tick):
    start = at(10, 12)
    assert enqueue_due(start) == ["often"]
    assert enqueue_due(start + dt.timedelta(seconds=59)) == []
    assert enqueue_due(start + dt.timedelta(seconds=60)) == ["often"]
    assert ticks() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_looking_at_the_same_moment_enqueue_a_due_job_once(daily_tick):
    moment = at(10, 3)
    start = threading.Barrier(4)
    found: list[list[str]] = []

    def worker() -> None:
        start.wait()
        try:
            found.append(enqueue_due(moment))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(found) == [[], [], [], ["nightly"]]
    assert ticks() == 1


def test_the_default_schedule_sends_mail_purges_at_night_and_reminds_in_the_morning():
    schedule = django_settings.ONTMOETING_SCHEDULE
    assert schedule["outbox"] == {"task": "ontmoeting.messaging.tasks.send_outbox", "every": 60}
    assert schedule["privacy-purge"]["daily"] == "03:00"
    assert schedule["trajectories-remind"]["daily"] == "08:00"
    assert schedule["prune-task-results"]["daily"] == "04:00"
    for entry in schedule.values():
        assert isinstance(import_string(str(entry["task"])), Task)


def test_the_schedule_can_be_turned_off():
    env = {**os.environ, "ONTMOETING_SCHEDULE": "off", "PYTHONPATH": str(ROOT / "src")}
    env["DJANGO_SETTINGS_MODULE"] = "ontmoeting.config.settings"
    shown = subprocess.run(  # nosec B603 - this interpreter, a fixed script
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.ONTMOETING_SCHEDULE)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert shown.stdout.strip() == "{}"


@pytest.mark.django_db
def test_old_task_results_are_forgotten_failed_ones_later():
    from ontmoeting.background.tasks import prune_results
    from tests.background import sample_tasks

    now = timezone.now()
    ages = {"SUCCESSFUL": (8, 6), "FAILED": (91, 30)}
    for status, days in ages.items():
        for age in days:
            result = sample_tasks.tick.enqueue()
            DBTaskResult.objects.filter(pk=result.id).update(
                status=status, finished_at=now - dt.timedelta(days=age)
            )
    waiting = sample_tasks.tick.enqueue()
    assert prune_results.call() == {"successful": 1, "failed": 1}
    left = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert left == ["FAILED", "READY", "SUCCESSFUL"]
    assert DBTaskResult.objects.filter(pk=waiting.id).exists()
