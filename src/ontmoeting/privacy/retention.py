"""Retention: how long each category of personal data is kept, and the purge that applies it.

The policy, per data category (settings ``ONTMOETING_RETENTION``, defaults below):

- **contact** — the name, e-mail address and phone number of a person who did not return are
  removed ``contact_years`` (3) after the date of their last edition; the person stays as an
  empty record, so that counts across the years still add up;
- **special_category** — domains of experience (given or awaiting consent) and self-help group
  memberships are removed at the end of the person's last edition, unless a recorded
  special-category consent covers longer (until the contact data goes);
- **messages** — stored e-mails and letters (they carry names, addresses and links) are removed
  ``message_years`` (1) after they were sent or failed;
- **research** — answers carry study codes only: they stay, pseudonymised, and are never purged.

The privacy app sits below the apps that hold the data, so each app registers the purge of its
categories (``register_purge``, in its ``AppConfig.ready()``); ``purge`` runs them all in one
transaction, idempotently (a second run finds nothing), and records one audit entry with the
counts. ``ontmoeting privacy purge [--dry-run]`` runs it; schedule it daily (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ontmoeting.privacy.audit import Actor, record

#: The product's defaults; ``settings.ONTMOETING_RETENTION`` overrides any of them.
DEFAULT_RETENTION: dict[str, int] = {"contact_years": 3, "message_years": 1}

#: A purge: given today, removes what the policy no longer allows and returns how many items.
Purger = Callable[[dt.date], int]

_PURGERS: dict[str, Purger] = {}


def register_purge(category: str, purger: Purger) -> None:
    """Run ``purger`` for ``category`` in every purge (registering again replaces it)."""
    _PURGERS[category] = purger


def retention(key: str) -> int:
    """A retention period of the policy (``contact_years``, ``message_years``)."""
    configured = getattr(settings, "ONTMOETING_RETENTION", {}) or {}
    return int(configured.get(key, DEFAULT_RETENTION[key]))


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` moved back ``years`` years; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed (or, in a dry run, would remove), per category."""

    counts: dict[str, int]
    dry_run: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def purge(*, actor: Actor, dry_run: bool = False, today: dt.date | None = None) -> PurgeReport:
    """Remove what the retention policy no longer allows to keep; idempotent, audited.

    A dry run does the same work in a transaction it rolls back: its counts are exactly what a
    real run would remove (one category's removal can bring another's, such as the domains of a
    person whose contact data goes), and it changes nothing, not even the audit log.
    """
    day = today or timezone.localdate()
    with transaction.atomic():
        counts = {category: purger(day) for category, purger in sorted(_PURGERS.items())}
        if dry_run:
            transaction.set_rollback(True)
        else:
            record("privacy.purge", actor=actor, obj=None, today=day.isoformat(), **counts)
    return PurgeReport(counts=counts, dry_run=dry_run)
