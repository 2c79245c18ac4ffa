"""Tasks for the tests of the background machinery (a worker subprocess imports them too)."""

from __future__ import annotations

import time
from pathlib import Path

from ontmoeting.background.durable import durable_task
from ontmoeting.privacy.audit import record

#: The audit action a sample task writes when it ends: its rows count the finished runs.
DONE = "sample.task.done"


@durable_task(retries=3, backoff_seconds=0.2)
def flaky(counter: str, failures: int) -> int:
    """Fail the first ``failures`` runs (counted in the file ``counter``), then succeed."""
    path = Path(counter)
    runs = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(runs))
    if runs <= failures:
        raise RuntimeError(f"run {runs} fails on purpose")
    return runs


@durable_task(retries=2, backoff_seconds=0.1)
def always_fails() -> None:
    raise ValueError("this task always fails\nsecond line with more detail")


@durable_task(retries=2, backoff_seconds=0.1)
def slow_write(key: str, seconds: float) -> str:
    """Sleep ``seconds``, then write one audit row for ``key`` (the proof it ran to its end)."""
    time.sleep(seconds)
    record(DONE, actor="sample", key=key)
    return key


@durable_task(retries=0)
def tick() -> str:
    """A scheduled job that does nothing."""
    return "tick"
