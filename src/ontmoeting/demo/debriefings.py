"""The students' debriefing sessions of the demo: one per class group, after each day.

Held editions had theirs a week after the day, with who attended (nearly everyone present on
the day); the current edition's are scheduled a few days after its day, nobody recorded yet.
Two rooms take the class groups in turns (morning, afternoon, late afternoon), so the rule
"one session at a time in a room" is visible in the demo.
"""

from __future__ import annotations

import datetime as dt
import random

from ontmoeting.dayof.debriefing import record_attendance, schedule_session, session_students
from ontmoeting.editions.enums import ParticipantStatus, RoomKind
from ontmoeting.editions.models import Edition, Room
from ontmoeting.privacy.audit import Actor

#: The slots of the day the class groups take in turns, two groups (two rooms) at a time.
SLOTS = ((dt.time(10), dt.time(12)), (dt.time(13), dt.time(15)), (dt.time(15, 30), dt.time(17, 30)))
LECTURERS = ("Prof. Goedele Claeys", "Dr. Jonas Verbeke")


def _weekday_after(day: dt.date, days: int) -> dt.date:
    """The first weekday at least ``days`` days after ``day``."""
    later = day + dt.timedelta(days=days)
    while later.weekday() >= 5:
        later += dt.timedelta(days=1)
    return later


def add_debriefings(edition: Edition, *, held: bool, seed: int, actor: Actor) -> int:
    """Schedule the class groups' sessions of ``edition`` (and, when ``held``, who attended);
    returns how many sessions it made."""
    rooms = list(
        Room.objects.filter(venue=edition.venue, kind=RoomKind.CONVERSATION).order_by(
            "-capacity", "name"
        )[:2]
    )
    groups = sorted(
        set(
            edition.participants.filter(role="student")
            .exclude(class_group="")
            .values_list("class_group", flat=True)
        )
    )
    date = _weekday_after(edition.date, 7 if held else 3)
    # A seeded generator on purpose: the demo history must be the same on every run.
    rng = random.Random(seed * 10_000 + edition.year)  # nosec B311
    for i, group in enumerate(groups):
        starts, ends = SLOTS[(i // 2) % len(SLOTS)]
        session = schedule_session(
            edition=edition,
            class_group=group,
            date=date,
            starts=starts,
            ends=ends,
            room=rooms[i % 2] if len(rooms) == 2 else None,
            place="" if len(rooms) == 2 else "Campus",
            lecturer=LECTURERS[i % 2],
            actor=actor,
        )
        if held:
            came = [
                p.pk
                for p in session_students(session)
                if p.status == ParticipantStatus.PRESENT and rng.random() < 0.93
            ]
            record_attendance(session, attended=came, actor=actor)
    return len(groups)
