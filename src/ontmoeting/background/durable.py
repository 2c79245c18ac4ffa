"""Durable tasks: Django's tasks framework, plus retries with growing delays.

``@durable_task(retries=3)`` makes a module-level function a task (``django_tasks.task``) whose
failure enqueues it again, up to ``retries`` more times, each after a longer pause
(``backoff_seconds`` times 2^(attempt-1)). Every attempt is its own stored result, so the
coordinators' task page shows each failure with its error; the last one stays failed.

The attempt number travels in the keyword argument ``_attempt``; a task's own function never
sees it. Arguments must be JSON (ids, not objects), as the database backend stores them.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.utils import timezone

from ontmoeting.background.compat import DEFAULT_TASK_QUEUE_NAME, Task, task

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

ATTEMPT = "_attempt"
#: Every durable task's retry policy, by task path (module.function): read by recovery.
POLICIES: dict[str, RetryPolicy] = {}


class RetryPolicy:
    """How often a task is tried again, and after how long."""

    def __init__(self, retries: int, backoff_seconds: float) -> None:
        self.retries = retries
        self.backoff_seconds = backoff_seconds

    def delay(self, attempt: int) -> dt.timedelta:
        """The pause before attempt ``attempt + 1``."""
        return dt.timedelta(seconds=self.backoff_seconds * 2 ** max(0, attempt - 1))

    def tries_left(self, attempt: int) -> bool:
        return attempt <= self.retries


def attempt_of(kwargs: dict[str, Any]) -> int:
    """The attempt number stored in a task's keyword arguments (1 for the first)."""
    return int(kwargs.get(ATTEMPT, 1))


def enqueue_again(
    the_task: Task[Any, Any], args: list[Any], kwargs: dict[str, Any], *, attempt: int
) -> bool:
    """Enqueue attempt ``attempt + 1`` of ``the_task`` when its policy allows; True if so."""
    policy = POLICIES.get(the_task.module_path)
    if policy is None or not policy.tries_left(attempt):
        return False
    again = the_task
    if the_task.get_backend().supports_defer:
        again = the_task.using(run_after=timezone.now() + policy.delay(attempt))
    again.enqueue(*args, **{**kwargs, ATTEMPT: attempt + 1})
    return True


def durable_task(
    *,
    retries: int = 3,
    backoff_seconds: float = 30.0,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    priority: int = 0,
) -> Callable[[Callable[P, T]], Task[P, T]]:
    """Make a module-level function a task that is retried ``retries`` times on failure."""

    def decorate(func: Callable[P, T]) -> Task[P, T]:
        @functools.wraps(func)
        def attempt_once(*args: Any, **kwargs: Any) -> T:
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return func(*args, **kwargs)
            except Exception:
                log.exception("task %s failed (attempt %s)", made.module_path, attempt)
                if enqueue_again(made, list(args), kwargs, attempt=attempt):
                    log.warning("task %s will be tried again", made.module_path)
                raise

        made: Task[P, T] = task(queue_name=queue_name, priority=priority)(attempt_once)
        POLICIES[made.module_path] = RetryPolicy(retries, backoff_seconds)
        return made

    return decorate
