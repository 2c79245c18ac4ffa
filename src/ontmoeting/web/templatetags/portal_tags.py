"""Template helpers of the participant pages: the contact block and dates in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, translation

from ontmoeting.editions.contact import Contact, contact_of, current_contact

register = template.Library()


def _edition_in(context: template.Context) -> Any:
    for name in ("edition", "participant", "held"):
        value = context.get(name)
        if value is None:
            continue
        return value if name == "edition" else getattr(value, "edition", None)
    return None


@register.simple_tag(takes_context=True)
def portal_contact(context: template.Context) -> Contact | None:
    """The contact for the page: its edition's (the participant's), else the current one's."""
    edition = _edition_in(context)
    if edition is not None:
        return contact_of(edition)
    return current_contact()


@register.filter
def day_long(day: dt.date | None) -> str:
    """'donderdag 10 december 2026', 'giovedì 10 dicembre 2026', 'Thursday 10 December 2026':
    weekdays and months lower-case where the language writes them so (nl, it)."""
    if day is None:
        return ""
    text = formats.date_format(day, "l j F Y")
    return text.lower() if translation.get_language() in ("nl", "it") else text
