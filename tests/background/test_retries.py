"""Durable tasks: a failing task is tried again with growing delays, up to its retries."""

from __future__ import annotations

import time

import pytest
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.compat import TaskResultStatus
from ontmoeting.background.worker import WorkerOptions, run
from tests.background import sample_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def _attempts(task) -> list[DBTaskResult]:
    return sorted(
        DBTaskResult.objects.filter(task_path=task.module_path),
        key=lambda r: r.args_kwargs["kwargs"].get("_attempt", 1),
    )


def _work_until_done(task, timeout: float = 10.0) -> list[DBTaskResult]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run(WorkerOptions(batch=True, schedule=False))
        results = _attempts(task)
        if results and all(r.status in ("SUCCESSFUL", "FAILED") for r in results):
            last = results[-1]
            if last.status == TaskResultStatus.SUCCESSFUL or not _has_waiting(task):
                return results
        time.sleep(0.05)
    raise AssertionError(f"{task.module_path} did not end in {timeout} s")


def _has_waiting(task) -> bool:
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()


def test_a_task_failing_twice_is_retried_later_each_time_and_succeeds(tmp_path):
    sample_tasks.flaky.enqueue(str(tmp_path / "runs"), 2)
    results = _work_until_done(sample_tasks.flaky)
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert [r.args_kwargs["kwargs"].get("_attempt", 1) for r in results] == [1, 2, 3]
    assert results[-1].return_value == 3
    assert results[0].exception_class_path == "builtins.RuntimeError"
    # Each retry waits longer than the one before (0.2 s, then 0.4 s after the failure).
    first_wait = results[1].run_after - results[0].started_at
    second_wait = results[2].run_after - results[1].started_at
    assert first_wait.total_seconds() >= 0.2
    assert second_wait > first_wait


def test_a_task_that_always_fails_stops_after_its_retries_and_stays_failed():
    sample_tasks.always_fails.enqueue()
    results = _work_until_done(sample_tasks.always_fails)
    assert [r.status for r in results] == ["FAILED"] * 3  # retries=2: three attempts in all
    assert not _has_waiting(sample_tasks.always_fails)
    assert all(r.exception_class_path == "builtins.ValueError" for r in results)
