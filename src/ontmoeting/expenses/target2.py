"""The TARGET2 calendar: the days on which euro payments settle, for a SEPA execution date.

TARGET2 (T2) is closed on Saturdays and Sundays and on the ECB's published closing days: New
Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December. The closing days come from
the ``holidays`` package's ECB financial calendar (``financial_holidays("XECB")``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _closing_days(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.financial_holidays("XECB", years=year))


def is_business_day(day: dt.date) -> bool:
    """True when TARGET2 is open on ``day`` (a weekday that is not an ECB closing day)."""
    return day.weekday() < 5 and day not in _closing_days(day.year)


def next_business_day(day: dt.date) -> dt.date:
    """The first TARGET2 business day strictly after ``day``."""
    day += dt.timedelta(days=1)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day
