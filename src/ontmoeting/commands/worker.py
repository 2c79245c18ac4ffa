"""``ontmoeting worker``: run the background tasks (plans, document packs, e-mail, reminders)."""

from __future__ import annotations

import argparse
import logging

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    worker = sub.add_parser(
        "worker",
        help=_("run the background tasks"),
        description=_(
            "Run the background tasks (plan runs, document packs, sending e-mail, reminders, "
            "the scheduled jobs) until SIGTERM or SIGINT; a second signal stops the running "
            "task at once. A failed task is tried again later; a task of a worker that died "
            "is taken back. Run one or more beside the web server."
        ),
    )
    worker.add_argument(
        "--interval",
        type=float,
        default=1.0,
        metavar=_("SECONDS"),
        help=_("seconds between looks for new tasks when idle (default 1)"),
    )
    worker.add_argument(
        "--batch",
        action="store_true",
        help=_("stop once no task is ready (for cron or a test)"),
    )
    worker.add_argument(
        "--max-tasks",
        type=int,
        default=None,
        metavar="N",
        help=_("stop after this many tasks"),
    )
    worker.add_argument(
        "--no-schedule",
        action="store_true",
        help=_("do not enqueue the scheduled jobs (another worker does)"),
    )
    worker.set_defaults(handler=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from ontmoeting.background.worker import WorkerOptions, run

    logging.getLogger("ontmoeting.background").setLevel(logging.INFO)
    logging.getLogger("django_tasks_db").setLevel(logging.INFO)
    worker_id = run(
        WorkerOptions(
            interval=args.interval,
            batch=args.batch,
            max_tasks=args.max_tasks,
            schedule=not args.no_schedule,
        )
    )
    print(_("Worker %(id)s stopped.") % {"id": worker_id})
    return EXIT_OK
