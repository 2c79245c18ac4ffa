"""The no-op task of ``bench_tasks`` (its own module: a task is made once Django is set up,
and the worker imports it by its path, ``benchmarks._noop_task.noop``)."""

from __future__ import annotations

from ontmoeting.background.compat import task


@task()
def noop() -> None:
    """Nothing: the time measured is the queue's, not the task's."""
