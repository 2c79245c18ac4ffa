"""Who is here: the desk's search and the presence board of the day.

The board counts, per role, who is expected (taking part, not cancelled), present (arrived and
not left) and missing, and names for the published plan each morning pair and afternoon group
with someone missing, so the coordinator sees where to act ("3 experts missing at 10:05").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from ontmoeting.dayof.blocks import BlockCount, block_counts, planned_people
from ontmoeting.dayof.checkin import EXPECTED
from ontmoeting.dayof.models import Attendance
from ontmoeting.documents.checkin import read_checkin_token
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.planning.models import Plan, PlanStatus


def expected(edition: Edition) -> QuerySet[Participant]:
    """Everyone expected on the day, with their person and attendance."""
    return (
        edition.participants.filter(status__in=EXPECTED)
        .select_related("person", "attendance")
        .order_by("role", "person__last_name", "person__first_name", "ref")
    )


def find(edition: Edition, query: str, *, limit: int = 12) -> list[Participant]:
    """The desk's search: a badge's QR code, a ref, or part of a name."""
    query = query.strip()
    if not query:
        return []
    scanned = read_checkin_token(query)
    if scanned is not None:
        return list(expected(edition).filter(pk=scanned))
    words = query.split()
    matches = expected(edition).filter(ref__iexact=query)
    if not matches.exists():
        name = Q()
        for word in words:
            name &= Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
        matches = expected(edition).filter(name)
    return list(matches[:limit])


def is_present(participant: Participant) -> bool:
    """Arrived at the desk and not left; without a desk record, marked present by hand (the
    participant's status, as the edit form and earlier editions have it)."""
    attendance: Attendance | None = getattr(participant, "attendance", None)
    if attendance is None or (attendance.arrived is None and attendance.left is None):
        return participant.status == ParticipantStatus.PRESENT
    return bool(attendance.arrived and not attendance.left)


@dataclass
class RoleCount:
    role: str
    label: str
    expected: int = 0
    present: int = 0
    missing: list[Participant] = field(default_factory=list)

    def call(self, at: dt.datetime) -> str:
        """ "3 experts missing at 10:05"; empty when nobody is missing."""
        n = len(self.missing)
        if not n:
            return ""
        parts = {"n": n, "time": f"{timezone.localtime(at):%H:%M}"}
        if self.role == ParticipantRole.EXPERT:
            text = ngettext(
                "%(n)d expert missing at %(time)s", "%(n)d experts missing at %(time)s", n
            )
        elif self.role == ParticipantRole.STUDENT:
            text = ngettext(
                "%(n)d student missing at %(time)s", "%(n)d students missing at %(time)s", n
            )
        else:
            text = ngettext(
                "%(n)d person missing at %(time)s", "%(n)d people missing at %(time)s", n
            )
        return text % parts


@dataclass(frozen=True)
class GapRow:
    """A morning pair or an afternoon group of the published plan with someone missing."""

    what: str
    room: str
    missing: tuple[Participant, ...]


@dataclass
class Board:
    edition: Edition
    at: dt.datetime
    roles: list[RoleCount]
    pairs: list[GapRow]
    groups: list[GapRow]
    has_plan: bool
    unplanned: list[Participant] = field(default_factory=list)
    blocks: list[BlockCount] = field(default_factory=list)

    @property
    def calls(self) -> list[tuple[str, str]]:
        """(role, call to act) for each role with someone missing."""
        return [(r.role, r.call(self.at)) for r in self.roles if r.missing]


def board(edition: Edition) -> Board:
    """The presence board of ``edition`` now (a few queries, whatever the size)."""
    people = list(expected(edition))
    counts = {
        role: RoleCount(role, str(label))
        for role, label in ParticipantRole.choices
        if any(p.role == role for p in people)
    }
    present = set()
    for person in people:
        count = counts[person.role]
        count.expected += 1
        if is_present(person):
            count.present += 1
            present.add(person.pk)
        else:
            count.missing.append(person)
    plan = (
        Plan.objects.filter(edition=edition, status=PlanStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    pairs, groups = _gaps(plan, present) if plan else ([], [])
    planned = planned_people(plan) if plan else None
    named = set().union(*planned.values()) if planned else set()
    unplanned = [p for p in people if p.pk in present - named] if plan else []
    now = timezone.localtime()
    return Board(
        edition,
        now,
        list(counts.values()),
        pairs,
        groups,
        plan is not None,
        unplanned,
        block_counts(edition, people, planned, now=now),
    )


def named_in(plan: Plan) -> set[int]:
    """The participants (pks) the plan gives a conversation or a group."""
    return set().union(*planned_people(plan).values())


def arrived_unplanned(edition: Edition, plan: Plan) -> list[Participant]:
    """Students and experts present now whom ``plan`` does not name (came without being
    planned, or registered after the plan): a repair gives them a partner and a group."""
    named = named_in(plan)
    roles = (ParticipantRole.STUDENT, ParticipantRole.EXPERT)
    return [
        p for p in expected(edition).filter(role__in=roles) if p.pk not in named and is_present(p)
    ]


def _gaps(plan: Plan, present: set[int]) -> tuple[list[GapRow], list[GapRow]]:
    by_expert: dict[int, list[Participant]] = {}
    experts: dict[int, Participant] = {}
    rooms: dict[int, str] = {}
    for pair in plan.pairs.select_related("student__person", "expert__person", "room"):
        by_expert.setdefault(pair.expert_id, []).append(pair.student)
        experts[pair.expert_id] = pair.expert
        rooms[pair.expert_id] = pair.room.name if pair.room else ""
    pairs = []
    for expert_id, students in by_expert.items():
        everyone = [experts[expert_id], *students]
        missing = tuple(p for p in everyone if p.pk not in present)
        if missing:
            names = " – ".join(p.person.full_name for p in everyone)
            pairs.append(GapRow(names, rooms[expert_id], missing))
    groups = []
    for group in plan.groups.select_related("chair__person", "room").prefetch_related(
        "members__person"
    ):
        everyone = [group.chair, *(m for m in group.members.all() if m.pk != group.chair_id)]
        missing = tuple(p for p in everyone if p.pk not in present)
        if missing:
            groups.append(GapRow(group.name, group.room.name if group.room else "", missing))
    return pairs, groups
