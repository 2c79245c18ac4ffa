"""The privacy app's background task: the retention purge (``retention.purge``).

The workers enqueue it every night (``ONTMOETING_SCHEDULE["privacy-purge"]``);
``ontmoeting privacy purge`` does the same by hand. The purge is idempotent, so a retry or a
run taken back from a dead worker removes nothing twice.
"""

from __future__ import annotations

from ontmoeting.background.durable import durable_task
from ontmoeting.privacy.retention import purge

#: The audit log's actor of a purge run by the worker.
ACTOR = "worker"


@durable_task(retries=2, backoff_seconds=300)
def purge_retention() -> dict[str, int]:
    """Remove what the retention policy no longer allows to keep; the count per category."""
    return dict(purge(actor=ACTOR).counts)
