"""The documents app's background task: making an edition's whole pack (``builds.run_build``)."""

from __future__ import annotations

from ontmoeting.background.durable import durable_task
from ontmoeting.background.heartbeat import stale_after
from ontmoeting.documents.builds import requeue_if_silent, run_build


@durable_task(retries=2, backoff_seconds=10)
def build_document_pack(build_id: int) -> None:
    """Make pack ``build_id``; when its last worker died while making it, start it over."""
    requeue_if_silent(build_id, silent_for=stale_after())
    run_build(build_id)
