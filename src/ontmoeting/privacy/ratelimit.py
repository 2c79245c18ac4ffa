"""The one rate-limit counter: fixed windows in the shared cache (the web pages and the API).

The counters live in Django's configured cache; the settings make it the database cache
(``django.core.cache.backends.db.DatabaseCache``, its table made by a migration of this app) or
Redis (``ONTMOETING_REDIS_URL``), so every process and every server behind a load balancer counts
together. Each counter belongs to a fixed window (its key carries the window's number), so it
expires on its own. Two requests at the very same moment may both pass the last free place (the
database cache reads and writes a counter in two steps): the limit can be overshot by the number
of requests running at once, never more.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def over_limit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more hit of ``value`` in ``scope``; True once the window holds more than
    ``limit`` hits. ``value`` is stored hashed (an address is personal data)."""
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    key = f"ratelimit:{scope}:{window}:{digest}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def seconds_left(window_seconds: int) -> int:
    """Seconds until the current window ends (a 429's Retry-After)."""
    return window_seconds - int(time.time()) % window_seconds
