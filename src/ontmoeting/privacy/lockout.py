"""When a login lockout ends (django-axes keeps the failed attempts in the database)."""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max


def lockout_ends(*, username: str | None, ip_address: str | None) -> dt.datetime | None:
    """The moment the lockout of ``username`` from ``ip_address`` ends: the last counted failure
    plus the cool-off time (tries during a lockout are not counted). None without failures."""
    attempts = AccessAttempt.objects.filter(username=username, ip_address=ip_address)
    last: dt.datetime | None = attempts.aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return None
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    return last + cool_off
