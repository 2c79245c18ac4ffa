"""``ontmoeting outbox send [--loop]``: hand queued messages to the mail server."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.messaging.sending import SendReport


def register(sub: Subcommands) -> None:
    outbox = sub.add_parser("outbox", help=_("send the messages waiting in the outbox"))
    actions = outbox.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    send = actions.add_parser(
        "send",
        help=_("send due messages over SMTP (one pass, or --loop)"),
        description=_(
            "Send every due message over SMTP (EMAIL_HOST/EMAIL_PORT), retrying failed ones "
            "later with growing delays. Exit 0 when nothing failed, 3 when a message was "
            "deferred or failed (listed). With --loop, keep polling until SIGTERM or SIGINT."
        ),
    )
    send.add_argument("--loop", action="store_true", help=_("keep running, polling for messages"))
    send.add_argument(
        "--interval",
        type=float,
        default=30.0,
        metavar=_("SECONDS"),
        help=_("seconds between passes with --loop (default 30)"),
    )
    send.add_argument(
        "--limit", type=int, default=None, metavar="N", help=_("at most this many per pass")
    )
    send.set_defaults(handler=run_send)


def _print_report(report: SendReport) -> None:
    print(
        _("Sent %(sent)s, deferred %(deferred)s, failed %(failed)s.")
        % {"sent": report.sent, "deferred": report.deferred, "failed": report.failed}
    )
    if report.requeued or report.uncertain:
        print(
            _("Interrupted earlier: %(requeued)s queued again, %(uncertain)s need a check.")
            % {"requeued": report.requeued, "uncertain": report.uncertain}
        )
    for error in report.errors:
        print(f"  {error}")
    if report.stopped_early:
        print(_("Stopped: the mail server could not be reached. The rest waits."))


def run_send(args: argparse.Namespace) -> int:
    from ontmoeting.messaging.sending import run_worker, send_pending

    if not args.loop:
        report = send_pending(limit=args.limit)
        _print_report(report)
        return EXIT_OK if not (report.deferred or report.failed) else EXIT_PARTIAL

    stop = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        run_worker(
            interval=args.interval,
            stop=stop,
            limit=args.limit,
            on_pass=lambda report: _print_report(report) if report.attempted else None,
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return EXIT_OK
