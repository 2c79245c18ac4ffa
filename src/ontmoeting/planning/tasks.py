"""The planning app's background task: one run of the engine (``jobs.run_job``)."""

from __future__ import annotations

from ontmoeting.background.durable import durable_task
from ontmoeting.background.heartbeat import stale_after
from ontmoeting.planning.jobs import requeue_if_silent, run_job


@durable_task(retries=2, backoff_seconds=10)
def run_plan_job(job_id: int) -> None:
    """Run plan job ``job_id``; when its last runner died mid-run, start it over."""
    requeue_if_silent(job_id, silent_for=stale_after())
    run_job(job_id)
