"""Numbers of the report in the reader's language: rounded, never truncated.

Django's ``number_format(value, decimal_pos=2)`` cuts a float's digits (2.4599 becomes "2.45"),
which would move an interval bound; here the value is rounded first, as ``f"{x:.2f}"`` and R's
``sprintf`` do (the binary value, half to even), and a value that rounds to zero loses its sign
("0.00", not "-0.00"). The decimal mark is the active language's (a comma in Dutch and Italian).
"""

from __future__ import annotations

from django.utils.formats import number_format


def decimal(value: float, digits: int = 2) -> str:
    """``value`` rounded to ``digits`` decimals, with the active language's decimal mark:
    2.4599 is "2.46" in English and "2,46" in Dutch; -0.001 is "0.00"."""
    text = f"{float(value):.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return str(number_format(text, decimal_pos=digits))
