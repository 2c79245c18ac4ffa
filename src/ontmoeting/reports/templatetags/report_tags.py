"""Number formatting for the reports: localised decimals, a dash for missing values."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.translation import gettext as _

from ontmoeting.reports.change import Change, describe_change
from ontmoeting.reports.numbers import decimal

register = template.Library()

DASH = "—"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """``value`` rounded to ``digits`` decimals in the active language; a dash when missing."""
    if _missing(value):
        return DASH
    return decimal(float(value), int(digits))


@register.filter
def pvalue(value: Any) -> str:
    """A p-value with 4 decimals, or "< 0.0001"."""
    if _missing(value):
        return DASH
    if value < 0.0001:
        return "< " + decimal(0.0001, 4)
    return decimal(float(value), 4)


@register.filter
def ci(interval: Any, digits: int = 2) -> str:
    """An interval as "[low; high]" (a semicolon, since the decimal mark may be a comma)."""
    if not interval or any(_missing(v) for v in interval):
        return DASH
    return f"[{num(interval[0], digits)}; {num(interval[1], digits)}]"


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    if _missing(value):
        return DASH
    return decimal(float(value) * 100, int(digits)) + " %"


@register.filter
def percent_ci(interval: Any) -> str:
    if not interval or any(_missing(v) for v in interval):
        return DASH
    return f"[{percent(interval[0])}; {percent(interval[1])}]"


@register.simple_tag
def suppressed_text(min_cell: int) -> str:
    return _("fewer than %(n)d pairs: not shown") % {"n": min_cell}


@register.filter
def in_words(change: Change | None) -> str:
    """The change (post - pre) in plain words: "the score rose by 0.24 (95% CI 0.10 to 0.38)"."""
    return describe_change(change) if change is not None else DASH
