"""A person's rights as a data subject: a copy of their data, and erasure.

The privacy app sits below the apps that hold a person's data, so each app registers what it
holds (in its ``AppConfig.ready()``):

- a **section** of the copy (``register_section``): a function returning the rows it holds on
  the person, as plain JSON values (people: identity and profile; editions: participations;
  messaging: messages; surveys: answers under study codes; privacy itself: consents, links);
- an **eraser** (``register_erasure``): a function removing what it holds on the person and
  returning how many items it removed, run by ``erase_person`` in one transaction, in the order
  of registration ``step`` (lower first; the person's record is emptied last).

``person_copy`` and ``erase_person`` write an audit entry each. The erasure entry holds counts
only — no name, no address, no id of the erased person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.models import AccessToken, Consent

#: Rows of one section: each a mapping of field name → plain value.
Rows = list[dict[str, Any]]
Collector = Callable[[Any], Rows]
Eraser = Callable[[Any], int]


@dataclass(frozen=True)
class _Section:
    key: str
    title: str | Promise
    order: int
    collect: Collector


_SECTIONS: dict[str, _Section] = {}
_ERASERS: dict[str, tuple[int, Eraser]] = {}


def register_section(key: str, title: str | Promise, collect: Collector, *, order: int) -> None:
    """Add section ``key`` (shown as ``title``) to every copy; registering again replaces it."""
    _SECTIONS[key] = _Section(key, title, order, collect)


def register_erasure(key: str, eraser: Eraser, *, step: int) -> None:
    """Run ``eraser`` in every erasure, at ``step`` (lower first); its count is ``key``."""
    _ERASERS[key] = (step, eraser)


def plain(value: Any) -> Any:
    """``value`` as a JSON value: dates and times in ISO 8601, decimals and lazy texts as text."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | Promise):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class CopySection:
    key: str
    title: str
    rows: Rows


@dataclass(frozen=True)
class PersonCopy:
    """Everything the app holds on one person, section by section."""

    made: dt.datetime
    sections: list[CopySection]

    def as_json(self) -> dict[str, Any]:
        return {
            "made": self.made.isoformat(),
            **{section.key: section.rows for section in self.sections},
        }


def person_copy(person: models.Model, *, actor: Actor) -> PersonCopy:
    """Collect every section on ``person`` (a ``people.Person``); audited as a read."""
    sections = [
        CopySection(
            s.key,
            str(s.title),
            [{k: plain(v) for k, v in row.items()} for row in s.collect(person)],
        )
        for s in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
    ]
    record("privacy.export", actor=actor, obj=person)
    return PersonCopy(made=timezone.now(), sections=sections)


@transaction.atomic
def erase_person(person: models.Model, *, actor: Actor) -> dict[str, int]:
    """Erase ``person``: every registered eraser runs, in its step; returns the counts.

    What stays is pseudonymous or aggregate: survey answers under their study code (the link
    to the person is removed), and the emptied participations that keep the yearly counts.
    The audit entry carries the counts only.
    """
    counts = {
        key: eraser(person)
        for key, (_step, eraser) in sorted(_ERASERS.items(), key=lambda item: item[1][0])
    }
    record("privacy.erase", actor=actor, obj=None, **counts)
    return counts


# ------------------------------------------------------------- what privacy itself holds


def _consent_rows(person: Any) -> Rows:
    rows = Consent.objects.filter(person_id=person.pk).select_related("text").order_by("given_at")
    return [
        {
            "kind": c.text.kind,
            "version": c.text.version,
            "language": c.text.language,
            "given": c.given_at,
            "withdrawn": c.withdrawn_at,
            "how": c.how,
        }
        for c in rows
    ]


def _link_rows(person: Any) -> Rows:
    rows = AccessToken.objects.filter(person_id=person.pk).order_by("created")
    return [
        {
            "purpose": t.purpose,
            "created": t.created,
            "expires": t.expires,
            "last_used": t.last_used,
            "revoked": t.revoked,
        }
        for t in rows
    ]


def _erase_consents(person: Any) -> int:
    return Consent.objects.filter(person_id=person.pk).delete()[0]


def _erase_links(person: Any) -> int:
    return AccessToken.objects.filter(person_id=person.pk).delete()[0]


def register_own() -> None:
    """Register what privacy holds on a person (called from ``PrivacyConfig.ready()``)."""
    from django.utils.translation import gettext_lazy as _

    register_section("consents", _("Consents"), _consent_rows, order=50)
    register_section("links", _("Personal links"), _link_rows, order=60)
    register_erasure("consents", _erase_consents, step=50)
    register_erasure("links", _erase_links, step=50)
