"""The worker killed mid-task loses nothing; stopped with SIGTERM, it ends its task first.

Real ``ontmoeting worker`` processes on the test database: the first runs a slow task and is
killed with SIGKILL (no clean-up of any kind); a second one, once the first has been silent
for ONTMOETING_WORKER_STALE_SECONDS (2 s here), takes the task back and runs it again.
"""

from __future__ import annotations

import signal
import subprocess  # nosec B404 - the worker processes of the test

import pytest
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.models import WorkerHeartbeat
from ontmoeting.background.recovery import LOST
from ontmoeting.privacy.models import AuditEntry
from tests.background import sample_tasks
from tests.background.worker_process import start_worker, stop, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _status(result_id) -> str:
    return DBTaskResult.objects.get(pk=result_id).status


def _runs_done(key: str) -> int:
    return AuditEntry.objects.filter(action=sample_tasks.DONE, data__key=key).count()


def _killed_mid_task(result_id, workers, busy=lambda: True) -> subprocess.Popen[str]:
    """Wait until one of ``workers`` runs task ``result_id`` (and is ``busy``), SIGKILL it;
    the other one."""
    wait_for(
        lambda: _status(result_id) == "RUNNING" and busy(),
        timeout=90,
        what="the task to start",
    )
    (claimed_by,) = DBTaskResult.objects.get(pk=result_id).worker_ids
    pid = WorkerHeartbeat.objects.get(worker_id=claimed_by).pid
    (victim,) = [w for w in workers if w.pid == pid]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert _status(result_id) == "RUNNING"  # nobody said otherwise: the worker just vanished
    (survivor,) = [w for w in workers if w is not victim]
    return survivor


def test_a_task_whose_worker_is_killed_is_taken_back_and_done_exactly_once():
    enqueued = sample_tasks.slow_write.enqueue("killed", 1.5)
    workers = [start_worker(), start_worker()]  # started together: a process takes seconds
    try:
        _killed_mid_task(enqueued.id, workers)
        wait_for(
            lambda: DBTaskResult.objects.filter(
                task_path=sample_tasks.slow_write.module_path, status="SUCCESSFUL"
            ).exists(),
            timeout=60,
            what="the task to be done by the other worker",
        )
    finally:
        output = "".join(stop(worker) for worker in workers)
    lost, done = DBTaskResult.objects.order_by("enqueued_at")
    assert (lost.status, lost.exception_class_path) == ("FAILED", LOST), output
    assert (done.status, done.args_kwargs["kwargs"]) == ("SUCCESSFUL", {"_attempt": 2})
    assert done.worker_ids != lost.worker_ids
    assert _runs_done("killed") == 1


def test_sigterm_lets_the_running_task_finish_before_the_worker_stops():
    enqueued = sample_tasks.slow_write.enqueue("term", 1.5)
    worker = start_worker()
    try:
        wait_for(lambda: _status(enqueued.id) == "RUNNING", timeout=90, what="the task to start")
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    finally:
        output = stop(worker)
    assert worker.returncode == 0, output
    assert _status(enqueued.id) == "SUCCESSFUL"
    assert _runs_done("term") == 1
    (beat,) = WorkerHeartbeat.objects.all()
    assert beat.stopped is not None  # it said goodbye: nobody takes its tasks for lost


def test_a_plan_run_killed_with_its_worker_is_run_again_and_done():
    import datetime as dt

    from ontmoeting.engine.model import PlanSettings
    from ontmoeting.planning.jobs import enqueue_plan
    from ontmoeting.planning.models import JobStatus, PlanJob
    from ontmoeting.planning.tasks import run_plan_job
    from tests.web.plans_factories import plannable_edition

    edition, *_ = plannable_edition()
    slow = PlanSettings(group_min_size=6, group_max_size=10, time_limit=3.0)
    job = enqueue_plan(edition, actor="test", settings=slow)
    (task,) = DBTaskResult.objects.all()
    workers = [start_worker(), start_worker()]
    try:
        _killed_mid_task(
            task.pk,
            workers,
            busy=lambda: PlanJob.objects.get(pk=job.pk).status == JobStatus.RUNNING,
        )
        retry = DBTaskResult.objects.filter(task_path=run_plan_job.module_path, status="READY")
        wait_for(retry.exists, timeout=60, what="the plan run to be taken back")
        # The retry waits 10 s (its back-off); shortened here to the moment the killed run has
        # been silent for the stale time, which is what the back-off makes sure of.
        silent_since = PlanJob.objects.get(pk=job.pk).heartbeat
        retry.update(run_after=silent_since + dt.timedelta(seconds=2.2))
        wait_for(
            lambda: PlanJob.objects.get(pk=job.pk).status in (JobStatus.DONE, JobStatus.FAILED),
            timeout=90,
            what="the plan run to end",
        )
    finally:
        output = "".join(stop(worker) for worker in workers)
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 1.0), (job.error, output)
    assert job.plan is not None
    assert DBTaskResult.objects.get(pk=task.pk).exception_class_path == LOST
