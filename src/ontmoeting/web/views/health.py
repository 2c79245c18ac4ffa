"""``/healthz``: is the database answering and is a task worker alive?

For a load balancer, a monitor or systemd: no sign-in, no personal data, two small queries.
200 when both hold; 503 otherwise, with what failed::

    {"database": "ok", "worker": "ok", "last_heartbeat": "2026-11-30T19:30:05.120000+00:00"}

``worker`` is ``ok`` (a worker beat within ``ONTMOETING_WORKER_STALE_SECONDS``), ``stale`` (one
was heard of, but not lately, or it stopped) or ``none`` (never one); with the database down it
is ``unknown``.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ontmoeting.background.heartbeat import latest_heartbeat, worker_alive

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        alive = worker_alive()
        last = latest_heartbeat()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        body = {"database": "error", "worker": "unknown", "last_heartbeat": None}
        return JsonResponse(body, status=503)
    worker = "ok" if alive else ("stale" if last is not None else "none")
    body = {
        "database": "ok",
        "worker": worker,
        "last_heartbeat": last.isoformat() if last is not None else None,
    }
    return JsonResponse(body, status=200 if alive else 503)
