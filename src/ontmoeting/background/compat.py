"""Django's tasks framework: ``django.tasks`` from Django 6, the ``django_tasks`` backport before.

Everything in ontmoeting imports the framework from here, so moving to Django 6 changes the
settings (``INSTALLED_APPS`` loses ``django_tasks``) and nothing else.
"""

from __future__ import annotations

from importlib.util import find_spec

if find_spec("django.tasks"):  # pragma: no cover - Django 6
    from django.tasks import (  # type: ignore[import-not-found,import-untyped,unused-ignore]
        DEFAULT_TASK_QUEUE_NAME,
        TaskResultStatus,
        task,
        task_backends,
    )
    from django.tasks.base import Task  # type: ignore[import-not-found,import-untyped,unused-ignore]
else:
    from django_tasks import DEFAULT_TASK_QUEUE_NAME, TaskResultStatus, task, task_backends
    from django_tasks.base import Task

__all__ = ["DEFAULT_TASK_QUEUE_NAME", "Task", "TaskResultStatus", "task", "task_backends"]
