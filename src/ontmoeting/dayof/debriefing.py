"""The students' debriefing workshop after the day: one session per class group, on its own date.

- A session is on the encounter day or after it, ends after it starts, takes place in a room of
  the edition's venue or a place written out, and a class group has at most one. A room holds
  one session at a time: a session overlapping another in the same room on the same date is
  refused (whatever edition the other belongs to: a room is a room).
- Attendance is recorded per student of the class group (yes / no, who, when). Recording the
  same ticks again changes nothing and writes no audit entry.
- The post survey reaches a student once their class group's session has ended; a student
  whose class group has no session is invited as before, once the wave is open (the surveys
  app asks ``session_ends`` through the source this app registers in its ``AppConfig.ready()``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.dayof.models import DebriefingAttendance, DebriefingSession
from ontmoeting.editions.enums import TAKING_PART, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant, Room
from ontmoeting.privacy.audit import Actor, actor_user, record
from ontmoeting.surveys.services import debriefing_end_for

#: The fields a session's schedule consists of (what an update compares and audits).
FIELDS = ("class_group", "date", "starts", "ends", "room", "place", "lecturer", "note")


@dataclass(frozen=True)
class ClassGroupRow:
    """A class group of the edition: its students, its session (or None) and who attended."""

    class_group: str
    students: int
    session: DebriefingSession | None
    attended: int
    recorded: int


@dataclass(frozen=True)
class SheetRow:
    """One student on a session's attendance sheet."""

    participant: Participant
    present_on_the_day: bool
    attended: bool | None  # None: not recorded yet


def ends_at(session: DebriefingSession) -> dt.datetime:
    """The moment the session ends, in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(session.date, session.ends))


def session_ends(edition: Edition) -> dict[str, dt.datetime]:
    """When each class group's session ends (the source registered with the surveys app)."""
    return {s.class_group: ends_at(s) for s in DebriefingSession.objects.filter(edition=edition)}


def post_survey_opens_for(participant: Participant) -> dt.datetime | None:
    """When the post survey may reach ``participant``: their class group's session end, else
    the edition's rule; None when no debriefing is scheduled at all."""
    return debriefing_end_for(participant)


#: The students of a class group: those taking part, and those absent on the day (the
#: debriefing is theirs too).
ON_THE_ROLL = (*TAKING_PART, ParticipantStatus.ABSENT)


def students(edition: Edition) -> Q:
    """The condition for the edition's students on the roll of a class group."""
    return Q(edition=edition, role=ParticipantRole.STUDENT, status__in=ON_THE_ROLL)


def class_groups(edition: Edition) -> list[ClassGroupRow]:
    """Every class group of the edition's students (and of its sessions), with its session."""
    counts = dict(
        Participant.objects.filter(students(edition))
        .exclude(class_group="")
        .values_list("class_group")
        .annotate(n=Count("pk"))
        .values_list("class_group", "n")
    )
    sessions = {
        s.class_group: s
        for s in DebriefingSession.objects.filter(edition=edition)
        .select_related("room")
        .annotate(
            n_attended=Count("attendance", filter=Q(attendance__attended=True)),
            n_recorded=Count("attendance"),
        )
    }
    return [
        ClassGroupRow(
            class_group=group,
            students=counts.get(group, 0),
            session=sessions.get(group),
            attended=getattr(sessions.get(group), "n_attended", 0),
            recorded=getattr(sessions.get(group), "n_recorded", 0),
        )
        for group in sorted(set(counts) | set(sessions))
    ]


@dataclass(frozen=True)
class _Schedule:
    """A session's schedule as asked, before it is checked."""

    class_group: str
    date: dt.date
    starts: dt.time
    ends: dt.time
    room: Room | None
    place: str
    lecturer: str
    note: str

    def fields(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


def _check(edition: Edition, asked: _Schedule, session: DebriefingSession | None) -> None:
    """Raise a ValidationError keyed by field for a schedule that cannot be."""
    errors = {
        name: message
        for name, message in (
            ("class_group", _group_error(edition, asked.class_group, session)),
            ("date", _date_error(edition, asked.date)),
            (
                "ends",
                None if asked.starts < asked.ends else _("A session must end after it starts."),
            ),
            ("room", _room_error(edition, asked, session)),
        )
        if message
    }
    if errors:
        raise ValidationError(errors)


def _group_error(edition: Edition, group: str, session: DebriefingSession | None) -> str | None:
    if not group:
        return _("Choose a class group.")
    if not Participant.objects.filter(students(edition), class_group=group).exists():
        return _("No student of this edition is in class group %(group)s.") % {"group": group}
    other = DebriefingSession.objects.filter(edition=edition, class_group=group)
    if session is not None:
        other = other.exclude(pk=session.pk)
    if other.exists():
        return _("Class group %(group)s already has a debriefing session; change that one.") % {
            "group": group
        }
    return None


def _date_error(edition: Edition, date: dt.date) -> str | None:
    if date < edition.date:
        return _("The debriefing cannot be before the encounter day (%(day)s).") % {
            "day": edition.date.isoformat()
        }
    return None


def _room_error(
    edition: Edition, asked: _Schedule, session: DebriefingSession | None
) -> str | None:
    room = asked.room
    if room is None:
        if not asked.place:
            return _("Choose a room or write where the session takes place.")
        return None
    if room.venue_id != edition.venue_id:
        return _("This room is not in the edition's venue.")
    clash = _room_clash(room, asked, session) if asked.starts < asked.ends else None
    if clash is None:
        return None
    return _(
        "%(room)s is taken then by the debriefing of class group %(group)s (%(date)s "
        "%(starts)s–%(ends)s)."
    ) % {
        "room": room.name,
        "group": clash.class_group,
        "date": clash.date.isoformat(),
        "starts": f"{clash.starts:%H:%M}",
        "ends": f"{clash.ends:%H:%M}",
    }


def _room_clash(
    room: Room, asked: _Schedule, session: DebriefingSession | None
) -> DebriefingSession | None:
    """Another session in ``room`` on the same date at an overlapping time, if any."""
    clashes = DebriefingSession.objects.filter(
        room=room, date=asked.date, starts__lt=asked.ends, ends__gt=asked.starts
    ).select_for_update()
    if session is not None:
        clashes = clashes.exclude(pk=session.pk)
    return clashes.order_by("starts").first()


@transaction.atomic
def schedule_session(
    *,
    edition: Edition,
    class_group: str,
    date: dt.date,
    starts: dt.time,
    ends: dt.time,
    actor: Actor,
    room: Room | None = None,
    place: str = "",
    lecturer: str = "",
    note: str = "",
    session: DebriefingSession | None = None,
) -> DebriefingSession:
    """Schedule the class group's session, or change ``session``; audited when anything changes.

    Idempotent: the same schedule sent twice returns the session already there. Raises a
    ValidationError keyed by field (see the module docstring for the rules).
    """
    asked = _Schedule(
        class_group=class_group.strip(),
        date=date,
        starts=starts,
        ends=ends,
        room=room,
        place="" if room is not None else place.strip(),
        lecturer=lecturer.strip(),
        note=note.strip(),
    )
    values = asked.fields()
    if session is None:
        same = DebriefingSession.objects.filter(
            edition=edition, class_group=asked.class_group
        ).first()
        if same is not None and all(getattr(same, k) == v for k, v in values.items()):
            return same  # a double submit
    elif session.edition_id != edition.pk:
        raise ValueError("the session belongs to another edition")
    _check(edition, asked, session)
    if session is None:
        session = DebriefingSession.objects.create(edition=edition, **values)
        record("debriefing.schedule", actor=actor, obj=session, **_audited(session))
        return session
    changed = [k for k, v in values.items() if getattr(session, k) != v]
    if not changed:
        return session
    for name in changed:
        setattr(session, name, values[name])
    session.save()
    record("debriefing.change", actor=actor, obj=session, fields=changed, **_audited(session))
    return session


def _audited(session: DebriefingSession) -> dict[str, object]:
    return {
        "edition": session.edition_id,
        "class_group": session.class_group,
        "date": session.date.isoformat(),
        "starts": f"{session.starts:%H:%M}",
        "ends": f"{session.ends:%H:%M}",
        "where": session.where,
    }


@transaction.atomic
def delete_session(session: DebriefingSession, *, actor: Actor) -> None:
    """Delete the session and its attendance (audited)."""
    record("debriefing.delete", actor=actor, obj=session, **_audited(session))
    session.delete()


def session_students(session: DebriefingSession) -> list[Participant]:
    """The students of the session's class group, by name."""
    return list(
        Participant.objects.filter(students(session.edition), class_group=session.class_group)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def attendance_sheet(session: DebriefingSession) -> list[SheetRow]:
    """The class group's students with their presence on the day and at the session."""
    attended = dict(
        DebriefingAttendance.objects.filter(session=session).values_list(
            "participant_id", "attended"
        )
    )
    return [
        SheetRow(p, p.status == ParticipantStatus.PRESENT, attended.get(p.pk))
        for p in session_students(session)
    ]


@transaction.atomic
def record_attendance(
    session: DebriefingSession,
    *,
    attended: Iterable[int],
    actor: Actor,
    at: dt.datetime | None = None,
) -> int:
    """Record who of the class group attended (the ids in ``attended``) and that the others did
    not. Idempotent: a student whose answer is unchanged is left as recorded (by whom, when);
    returns how many answers changed, audited once when any did. Ids of people outside the
    class group are refused (ValidationError)."""
    DebriefingSession.objects.select_for_update().filter(pk=session.pk).first()
    group = session_students(session)
    wanted = set(attended)
    strangers = wanted - {p.pk for p in group}
    if strangers:
        raise ValidationError(_("Only students of this class group can attend its session."))
    rows = {a.participant_id: a for a in DebriefingAttendance.objects.filter(session=session)}
    user = actor_user(actor)
    label = actor if isinstance(actor, str) else (user.get_username() if user else "")
    at = at or timezone.now()
    changed = 0
    for participant in group:
        value = participant.pk in wanted
        row = rows.get(participant.pk)
        if row is not None and row.attended == value:
            continue
        if row is None:
            row = DebriefingAttendance(session=session, participant=participant)
        row.attended, row.recorded_by, row.recorded_by_label, row.recorded_at = (
            value,
            user,
            label,
            at,
        )
        row.save()
        changed += 1
    if changed:
        record(
            "debriefing.attendance",
            actor=actor,
            obj=session,
            changed=changed,
            attended=len(wanted),
            of=len(group),
        )
    return changed


def room_has_a_session(room: Room) -> str | None:
    """Room guard: why ``room`` cannot be deleted while a debriefing session uses it, or None."""
    session = DebriefingSession.objects.filter(room=room).order_by("date", "starts").first()
    if session is None:
        return None
    return _(
        "The room %(room)s holds the debriefing of class group %(group)s on %(date)s; move "
        "that session first."
    ) % {"room": room.name, "group": session.class_group, "date": session.date.isoformat()}
