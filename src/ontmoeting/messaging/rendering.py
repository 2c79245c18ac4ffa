"""A small, safe renderer for coordinator-editable message texts.

Only ``{{ name }}`` is special, and only for the names in :data:`PLACEHOLDERS`. Nothing is
evaluated: no attribute access, no filters, no ``str.format`` and no ``%``-formatting, so
``{0.__init__}``, ``%(x)s`` or ``{{ __class__ }}`` can never reach Python objects. Unknown
placeholders are rejected when a template is saved (:func:`unknown_placeholders`) and rendered
literally if one ever reaches the renderer. Values are escaped for the HTML part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

#: Every placeholder a template may use, with what it means (shown to coordinators).
PLACEHOLDERS: dict[str, object] = {
    "first_name": _("first name of the person"),
    "last_name": _("last name of the person"),
    "edition_date": _("date of the day"),
    "edition_year": _("year of the day"),
    "venue": _("place of the day (name and address)"),
    "link": _("personal link (registration or personal page)"),
    "survey_link": _("link to the survey"),
    "days_before": _("number of days until the day"),
    "partner_first_name": _("first name of the conversation partner"),
    "room": _("room"),
    "group": _("group name"),
    "chair_first_name": _("first name of the group chair"),
    "changes": _("what changed in the schedule"),
    "actions": _("a team's actions that are due, one per line"),
    "contact": _(
        "whom to contact with a question, as a sentence (added at the end of every message "
        "that names no contact itself)"
    ),
    "contact_name": _("name of the contact for participants"),
    "contact_phone": _("phone number of the contact for participants"),
    "contact_email": _("email address of the contact for participants"),
}

#: The placeholders that name the contact: a text using none of them gets ``{{ contact }}`` added.
CONTACT_PLACEHOLDERS = frozenset({"contact", "contact_name", "contact_phone", "contact_email"})

#: Placeholders whose values are web addresses: shown as links in the HTML part.
LINK_PLACEHOLDERS = frozenset({"link", "survey_link"})

# Anything between double braces, so that a malformed or unknown one can be named.
_TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_NAME = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*$")


def _known_name(inner: str) -> str | None:
    match = _NAME.match(inner)
    if match and match.group(1) in PLACEHOLDERS:
        return match.group(1)
    return None


def unknown_placeholders(text: str) -> list[str]:
    """The ``{{ ... }}`` tags in ``text`` that are not known placeholders, in order, once each."""
    found = [f"{{{{{m.group(1)}}}}}" for m in _TAG.finditer(text) if not _known_name(m.group(1))]
    return list(dict.fromkeys(found))


def empty_placeholders(template: str, values: Mapping[str, object]) -> list[str]:
    """The known placeholders ``template`` uses whose value is missing or blank, in order."""
    used = [_known_name(m.group(1)) for m in _TAG.finditer(template)]
    return list(
        dict.fromkeys(
            name for name in used if name is not None and not str(values.get(name) or "").strip()
        )
    )


def render_text(template: str, values: Mapping[str, object]) -> str:
    """Substitute known placeholders with ``values`` (missing ones render empty)."""

    def substitute(match: re.Match[str]) -> str:
        name = _known_name(match.group(1))
        if name is None:
            return match.group(0)
        value = values.get(name)
        return "" if value is None else str(value)

    return _TAG.sub(substitute, template)


def render_html(template: str, values: Mapping[str, object]) -> str:
    """The HTML part: the text escaped, paragraphs as ``<p>``, link placeholders as links."""
    parts: list[str] = []
    position = 0
    for match in _TAG.finditer(template):
        parts.append(escape(template[position : match.start()]))
        name = _known_name(match.group(1))
        value = values.get(name) if name else None
        if name is None:
            parts.append(escape(match.group(0)))
        elif value in (None, ""):
            pass
        elif name in LINK_PLACEHOLDERS and str(value).startswith(("https://", "http://")):
            url = escape(str(value))
            parts.append(f'<a href="{url}">{url}</a>')
        else:
            parts.append(escape(str(value)))
        position = match.end()
    parts.append(escape(template[position:]))
    html = "".join(parts).replace("\r\n", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return "\n".join("<p>" + p.replace("\n", "<br>\n") + "</p>" for p in paragraphs)


def uses_contact(*texts: str) -> bool:
    """Whether any of ``texts`` names the contact for participants (any contact placeholder)."""
    return any(
        _known_name(m.group(1)) in CONTACT_PLACEHOLDERS
        for text in texts
        for m in _TAG.finditer(text)
    )


def with_contact(subject: str, body: str, values: Mapping[str, object]) -> str:
    """``body`` with the contact sentence as its last paragraph, unless the text names the
    contact itself or there is no contact to name."""
    if not str(values.get("contact") or "").strip() or uses_contact(subject, body):
        return body
    return body.rstrip() + "\n\n{{ contact }}\n"
