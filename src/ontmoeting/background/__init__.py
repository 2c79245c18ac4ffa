"""Background work: durable tasks on Django's tasks framework and the worker that runs them.

Each app defines its own tasks beside its services (``planning/tasks.py``,
``messaging/tasks.py``…) with :func:`ontmoeting.background.durable.durable_task`; the database
backend (``django_tasks_db``) stores them, so a task enqueued inside a transaction exists
exactly when the change that asked for it does. ``ontmoeting worker`` runs them
(:mod:`ontmoeting.background.worker`), beats a heartbeat (:mod:`.heartbeat`) and takes back the
tasks of a worker that died (:mod:`.recovery`).
"""
