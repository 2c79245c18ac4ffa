"""Taps a desk kept on the device, sent in a batch: a phone that lost the network catches up.

The desk page (``web/static/web/desk.js``) stores every tap on the device first — a random
``key``, the kind, the participant (a search result) or the badge token (a scan) and the
device's time — and sends the waiting ones as a batch when the network allows. Per tap:

1. The ``key`` makes a resend count once (``checkin.tap`` answers "repeated"): a batch that
   reached the server but whose answer was lost is sent again without harm.
2. A badge token must be one of ours (signed) and name a participant of *this* edition; a
   participant id must be of this edition too (``checkin.tap`` refuses the others).
3. ``at`` is the moment of the tap on the device, an ISO 8601 date and time with its offset
   (``Date.toISOString()``); it becomes the arrival or leaving time. Checked against the
   server's clock, refusing rather than guessing, each with a sentence the desk shows:

   - later than now by at most ``CLOCK_SKEW`` (a device clock a little fast): clamped to now;
     later than that: refused (the device's clock is wrong, and its other times with it);
   - not before the start of the day's date (Europe/Brussels, the site's time zone): a tap
     from before the day is a device clock gone wrong. Before the day itself (helpers trying
     the desk out, as the form without JavaScript allows) the bound is ``now - REHEARSAL_AGE``;
   - no ``at``: now (a tap sent at once).

One tap's refusal never stops the others; each is answered on its own (``SyncAnswer``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ontmoeting.dayof.checkin import DeskError, DeskResult, tap
from ontmoeting.documents.checkin import read_checkin_token
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import Actor

#: A device clock ahead of the server's by up to this much is taken as now.
CLOCK_SKEW = dt.timedelta(minutes=5)
#: Before the day: how old a waiting tap may be.
REHEARSAL_AGE = dt.timedelta(hours=12)
#: Taps in one batch at most (a desk sends what waits, in batches of this size).
MAX_BATCH = 100
KEY_LENGTH = 64
#: A participant id fits a 64-bit integer (a longer one is no id the database could hold).
MAX_ID_DIGITS = 18


@dataclass(frozen=True)
class SyncAnswer:
    """The server's answer to one tap: ``result`` when recorded (done, already, repeated),
    ``error`` (translated) when refused."""

    key: str
    result: DeskResult | None = None
    error: str = ""


def _tap_time(edition: Edition, raw: object, now: dt.datetime) -> dt.datetime:
    """The tap's time, checked (see the module docstring); raises ``DeskError``."""
    if raw in (None, ""):
        return now
    try:
        at = parse_datetime(raw[:40]) if isinstance(raw, str) else None
    except ValueError:  # well formed but no such moment (month 13)
        at = None
    if at is None or timezone.is_naive(at):
        raise DeskError(_("the time of the tap is not a date and time with its time zone"))
    if at > now + CLOCK_SKEW:
        raise DeskError(
            _(
                "the clock of this device is ahead of the server by more than %(minutes)s "
                "minutes; set it right and tap again"
            )
            % {"minutes": int(CLOCK_SKEW.total_seconds() // 60)}
        )
    start = timezone.make_aware(dt.datetime.combine(edition.date, dt.time.min))
    earliest = start if now >= start else now - REHEARSAL_AGE
    if at < earliest:
        raise DeskError(
            _("the time of the tap (%(at)s) is before the day; is the clock of this device right?")
            % {"at": date_format(timezone.localtime(at), "DATETIME_FORMAT")}
        )
    return min(at, now)


def _participant_id(item: Mapping[str, Any]) -> int:
    token = item.get("token")
    if token:
        pk = read_checkin_token(str(token)[:200])
        if pk is None:
            raise DeskError(_("unknown badge: this code is not a badge of ours"))
        return pk
    participant = str(item.get("participant", ""))
    if participant.isdigit() and len(participant) <= MAX_ID_DIGITS:  # a number, not a flag
        return int(participant)
    raise DeskError(_("choose a person"))


def _one(edition: Edition, item: object, actor: Actor, now: dt.datetime) -> tuple[str, DeskResult]:
    if not isinstance(item, Mapping):
        raise DeskError(_("a tap the desk cannot read"))
    key = item.get("key")
    if not isinstance(key, str) or not 0 < len(key) <= KEY_LENGTH:
        raise DeskError(_("a tap the desk cannot read"))
    result = tap(
        edition,
        participant_id=_participant_id(item),
        kind=str(item.get("kind", "")),
        actor=actor,
        key=key,
        at=_tap_time(edition, item.get("at"), now),
    )
    if result.participant.edition_id != edition.pk:  # a key recorded at another edition's desk
        raise DeskError(_("this person does not take part in this edition"))
    return key, result


def sync_taps(
    edition: Edition,
    items: list[object],
    *,
    actor: Actor,
) -> list[SyncAnswer]:
    """Record each tap of the batch (at most ``MAX_BATCH``) in order; one answer per tap."""
    answers = []
    for item in items[:MAX_BATCH]:
        raw_key = item.get("key") if isinstance(item, Mapping) else None
        key = raw_key[:KEY_LENGTH] if isinstance(raw_key, str) else ""
        try:
            key, result = _one(edition, item, actor, timezone.now())
        except DeskError as exc:
            answers.append(SyncAnswer(key, error=str(exc)))
        else:
            answers.append(SyncAnswer(key, result=result))
    return answers
