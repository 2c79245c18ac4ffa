"""Rate limits of the API: per token, or per user for a browser session, counted by the one
counter of ``privacy/ratelimit.py`` in the shared cache, so every process counts together."""

from __future__ import annotations

from django.conf import settings
from ninja.errors import Throttled

from ontmoeting.privacy.ratelimit import over_limit, seconds_left

#: Requests a token (or a signed-in user) may make in a window (``ONTMOETING_API_RATE``).
DEFAULT_LIMIT = 300
WINDOW_SECONDS = 60


def check_rate(who: str) -> None:
    """Count one request of ``who``; raise ``Throttled`` (429, Retry-After) past the limit."""
    limit = int(getattr(settings, "ONTMOETING_API_RATE", DEFAULT_LIMIT))
    if over_limit("api", who, limit=limit, window_seconds=WINDOW_SECONDS):
        raise Throttled(wait=seconds_left(WINDOW_SECONDS))
