"""The check-in desk: arrived, left early, undo — safe with several desks and retried taps.

Protocol, for each tap:

1. A tap carries the desk's own ``key`` (a random id made on the device when the tap happened).
   A key already recorded returns that action again: a tap sent twice — a double click, a
   resend after the network came back — counts once.
2. The participant's row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writes one at a
   time), so two desks tapping the same person at once are served one after the other: the
   second finds them present already and records nothing (``already``).
3. An arrival sets the participant's status to present and keeps the status before, which an
   undo gives back; a leave records the time (the person is no longer counted present); an undo
   takes back the person's last action that is not undone yet.

Every recorded action is a ``DeskAction`` row (who, when, which desk key); the time is the
tap's own time when the desk sends it (a scan taken offline keeps the moment it was taken).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.dayof.models import Attendance, DeskAction, DeskActionKind
from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.privacy.audit import Actor, actor_user

Outcome = Literal["done", "already", "repeated", "nothing"]

#: Statuses of someone expected on the day (a cancelled or declined person is not).
EXPECTED = (
    ParticipantStatus.INVITED,
    ParticipantStatus.REGISTERED,
    ParticipantStatus.CONFIRMED,
    ParticipantStatus.PRESENT,
    ParticipantStatus.ABSENT,
)


class DeskError(ValueError):
    """A tap that cannot be recorded; the message is the translated reason."""


@dataclass(frozen=True)
class DeskResult:
    """What a tap did: ``done`` (recorded), ``already`` (nothing to do: present already, or
    nothing to undo), ``repeated`` (the same key was recorded before)."""

    participant: Participant
    kind: str
    outcome: Outcome
    at: dt.datetime | None
    action_id: int | None


def _label(actor: Actor) -> str:
    user = actor_user(actor)
    return user.get_username() if user else (actor if isinstance(actor, str) else "")


def tap(
    edition: Edition,
    *,
    participant_id: int,
    kind: str,
    actor: Actor,
    key: str | None = None,
    at: dt.datetime | None = None,
) -> DeskResult:
    """Record one tap at the desk for the participant (see the module docstring)."""
    if kind not in DeskActionKind.values:
        raise DeskError(_("unknown desk action"))
    try:
        with transaction.atomic():
            return _tap(edition, participant_id, kind, actor, key, at or timezone.now())
    except IntegrityError:
        # Two desks sent the same key at the same moment: the other one recorded it.
        existing = _recorded(key)
        if existing is None:
            raise
        return existing


def _recorded(key: str | None) -> DeskResult | None:
    """The tap already recorded under ``key`` (answered as "repeated"), if any."""
    action = (
        DeskAction.objects.filter(key=key).select_related("participant").first() if key else None
    )
    if action is None:
        return None
    return DeskResult(action.participant, action.kind, "repeated", action.at, action.pk)


def _tap(
    edition: Edition,
    participant_id: int,
    kind: str,
    actor: Actor,
    key: str | None,
    at: dt.datetime,
) -> DeskResult:
    if key and (existing := _recorded(key)) is not None:
        return existing
    participant = (
        Participant.objects.select_for_update(no_key=True)
        .select_related("person")
        .filter(pk=participant_id, edition=edition)
        .first()
    )
    if participant is None:
        raise DeskError(_("this person does not take part in this edition"))
    if participant.status not in EXPECTED:
        raise DeskError(
            _("%(name)s is %(status)s; change that first if they came after all")
            % {"name": participant.person.full_name, "status": participant.get_status_display()}
        )
    attendance, _created = Attendance.objects.select_for_update(no_key=True).get_or_create(
        participant=participant
    )
    handler = {
        DeskActionKind.ARRIVE: _arrive,
        DeskActionKind.LEAVE: _leave,
        DeskActionKind.UNDO: _undo,
    }[DeskActionKind(kind)]
    undoes = handler(participant, attendance, at)
    if undoes is False:
        return DeskResult(participant, kind, "already", attendance.arrived, None)
    action = DeskAction.objects.create(
        edition=edition,
        participant=participant,
        kind=kind,
        at=at,
        key=key or None,
        undoes=undoes if isinstance(undoes, DeskAction) else None,
        by=actor_user(actor),
        by_label=_label(actor),
    )
    return DeskResult(participant, kind, "done", at, action.pk)


def _arrive(participant: Participant, attendance: Attendance, at: dt.datetime) -> bool:
    if attendance.arrived is not None and attendance.left is None:
        return False
    if attendance.arrived is None:
        attendance.status_before = participant.status
        attendance.arrived = at
    attendance.left = None  # came back after leaving
    attendance.save()
    _set_status(participant, ParticipantStatus.PRESENT)
    return True


def _leave(participant: Participant, attendance: Attendance, at: dt.datetime) -> bool:
    if attendance.arrived is None:
        raise DeskError(
            _("%(name)s has not arrived; nothing to record as leaving")
            % {"name": participant.person.full_name}
        )
    if attendance.left is not None:
        return False
    attendance.left = at
    attendance.save()
    return True


def _undo(participant: Participant, attendance: Attendance, at: dt.datetime) -> DeskAction | bool:
    last = (
        DeskAction.objects.filter(
            participant=participant,
            kind__in=[DeskActionKind.ARRIVE, DeskActionKind.LEAVE],
            undone_by__isnull=True,
        )
        .order_by("-at", "-pk")
        .first()
    )
    if last is None:
        return False
    earlier_leave = (
        DeskAction.objects.filter(
            participant=participant, kind=DeskActionKind.LEAVE, undone_by__isnull=True
        )
        .exclude(pk=last.pk)
        .filter(at__lte=last.at)
        .order_by("-at", "-pk")
        .first()
    )
    if last.kind == DeskActionKind.LEAVE:
        attendance.left = None
    elif earlier_leave is not None:  # they had left and came back: they are gone again
        attendance.left = earlier_leave.at
    else:
        attendance.arrived = None
        attendance.left = None
        _set_status(participant, attendance.status_before or ParticipantStatus.CONFIRMED)
    attendance.save()
    return last


def _set_status(participant: Participant, status: str) -> None:
    if participant.status != status:
        participant.status = status
        participant.save(update_fields=["status", "updated"])
