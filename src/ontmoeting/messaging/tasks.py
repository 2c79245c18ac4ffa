"""The messaging app's background task: one pass of the outbox (``sending.send_pending``).

The workers enqueue it on the schedule (``ONTMOETING_SCHEDULE["outbox"]``, every minute by
default); ``ontmoeting outbox send`` does the same pass by hand. Two passes at once are safe:
each message is claimed before it is sent (``sending`` module docstring).
"""

from __future__ import annotations

from ontmoeting.background.durable import durable_task
from ontmoeting.messaging.sending import SendReport, send_pending


def report_counts(report: SendReport) -> dict[str, int | str]:
    """What a pass did, as JSON (the task's stored result)."""
    return {
        "sent": report.sent,
        "deferred": report.deferred,
        "failed": report.failed,
        "requeued": report.requeued,
        "uncertain": report.uncertain,
        "stopped_early": report.stopped_early,
    }


@durable_task(retries=1, backoff_seconds=30)
def send_outbox(limit: int | None = None) -> dict[str, int | str]:
    """Send every due message of the outbox (at most ``limit``); the counts of the pass."""
    return report_counts(send_pending(limit=limit))
