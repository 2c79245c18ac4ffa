"""Number formatting for the reports: localised decimals, a dash for missing values."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

DASH = "—"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals in the active language; a dash when missing."""
    if _missing(value):
        return DASH
    return number_format(float(value), decimal_pos=int(digits))


@register.filter
def pvalue(value: Any) -> str:
    """A p-value with 4 decimals, or "< 0.0001"."""
    if _missing(value):
        return DASH
    if value < 0.0001:
        return "< " + number_format(0.0001, decimal_pos=4)
    return number_format(float(value), decimal_pos=4)


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
    return number_format(float(value) * 100, decimal_pos=int(digits)) + " %"


@register.filter
def percent_ci(interval: Any) -> str:
    if not interval or any(_missing(v) for v in interval):
        return DASH
    return f"[{percent(interval[0])}; {percent(interval[1])}]"


@register.simple_tag
def suppressed_text(min_cell: int) -> str:
    return _("fewer than %(n)d pairs: not shown") % {"n": min_cell}
