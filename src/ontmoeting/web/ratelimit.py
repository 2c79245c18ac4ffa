"""Rate limits kept in the shared cache, keyed on the real client address.

The counters live in Django's configured cache; the settings make it the database cache
(``django.core.cache.backends.db.DatabaseCache``, its table made by a migration of the privacy
app), so every process and every server behind a load balancer counts together. Each counter
belongs to a fixed window (its key carries the window's number), so it expires on its own. Two
requests at the very same moment may both pass the last free place (the database cache reads
and writes a counter in two steps): the limit can be overshot by the number of requests running
at once, never more.

The client address is the one the login lockout uses too (``web.client_address``): ``REMOTE_ADDR``,
or behind a proxy named in ``settings.ONTMOETING_TRUSTED_PROXIES`` the right-most untrusted hop of
``X-Forwarded-For``.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from ontmoeting.web.client_address import client_address

__all__ = ["client_address", "over_limit"]


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
