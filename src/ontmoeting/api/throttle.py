"""Rate limits of the API: per token, or per user for a browser session, in the shared cache.

The same fixed-window counter as the web app's (``web/ratelimit.py``), which the API may not
import (``web`` and ``api`` are one layer apart from each other); both count in Django's
configured cache, the database cache by default, so every process counts together.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import Throttled

#: Requests a token (or a signed-in user) may make in a window (``ONTMOETING_API_RATE``).
DEFAULT_LIMIT = 300
WINDOW_SECONDS = 60


def _count(scope: str, value: str, window_seconds: int) -> int:
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    key = f"ratelimit:{scope}:{window}:{digest}"
    cache.add(key, 0, window_seconds)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def check_rate(who: str) -> None:
    """Count one request of ``who``; raise ``Throttled`` (429, Retry-After) past the limit."""
    limit = int(getattr(settings, "ONTMOETING_API_RATE", DEFAULT_LIMIT))
    if _count("api", who, WINDOW_SECONDS) > limit:
        wait = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
        raise Throttled(wait=wait)
