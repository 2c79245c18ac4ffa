"""Reads for an edition's dashboard: counts against targets, coverage, eligibility and warnings.

Everything here is aggregate except ``Dashboard.ineligible`` (names of experts), which only
coordinators may see; the view decides what to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ontmoeting.editions.enums import (
    TAKING_PART,
    EditionStatus,
    Format,
    ParticipantRole,
    RoomKind,
)
from ontmoeting.editions.models import Edition, Room
from ontmoeting.editions.registration import consent_missing_among
from ontmoeting.editions.selectors import (
    EditionCounts,
    ExpertStanding,
    counts_from,
    expert_standings,
)
from ontmoeting.engine.model import DEFAULT_PLAN_SETTINGS
from ontmoeting.people.models import ExperienceDomain

#: What to do next in each status, in plain language.
NEXT_STEP: dict[str, Promise] = {
    EditionStatus.DRAFT: gettext_lazy(
        "Choose the venue, check the programme, the rooms and the targets, then start recruiting."
    ),
    EditionStatus.RECRUITING: gettext_lazy(
        "Import the rosters of students and experts, check eligibility and needs, then make a plan."
    ),
    EditionStatus.PLANNED: gettext_lazy(
        "Check the plan (pairs, groups, rooms), then publish the personal schedules."
    ),
    EditionStatus.PUBLISHED: gettext_lazy(
        "Send the schedules and letters; on the day, check people in. Afterwards mark it held."
    ),
    EditionStatus.HELD: gettext_lazy(
        "Hold the debriefing workshop, settle travel and lunch costs and run the post-survey, "
        "then mark it evaluated."
    ),
    EditionStatus.EVALUATED: gettext_lazy("Write the evaluation report, then archive the edition."),
    EditionStatus.ARCHIVED: gettext_lazy("This edition is archived; nothing is left to do."),
}

#: A co-creation meeting's steps where they differ from an encounter day's (no students, pairs
#: or afternoon groups: experts and professionals at mixed tables).
NEXT_STEP_CO_CREATION: dict[str, Promise] = {
    EditionStatus.DRAFT: gettext_lazy(
        "Choose the venue, check the programme, the rooms and the targets per sector, then start "
        "recruiting."
    ),
    EditionStatus.RECRUITING: gettext_lazy(
        "Import the rosters of experts by experience and of professionals, check the counts per "
        "sector against the targets, then make a table plan."
    ),
    EditionStatus.PLANNED: gettext_lazy(
        "Check the table plan (rounds, tables, facilitators, rooms), then publish the personal "
        "schedules."
    ),
    EditionStatus.HELD: gettext_lazy(
        "Gather the harvest of the tables, settle travel and lunch costs, then mark it evaluated."
    ),
}


def next_step(edition: Edition) -> str:
    """What to do next in ``edition``'s status, in the words of its format."""
    status = EditionStatus(edition.status)
    if edition.format == Format.CO_CREATION and status in NEXT_STEP_CO_CREATION:
        return str(NEXT_STEP_CO_CREATION[status])
    return str(NEXT_STEP[status])


@dataclass(frozen=True)
class DomainCoverage:
    code: str
    name: str
    experts: int
    students: int

    @property
    def short(self) -> bool:
        """Students want this domain but no expert has experience of it."""
        return self.students > 0 and self.experts == 0


@dataclass(frozen=True)
class DashboardWarning:
    code: str
    message: str


@dataclass(frozen=True)
class Transition:
    status: str
    label: str
    forward: bool


@dataclass(frozen=True)
class Dashboard:
    edition: Edition
    counts: EditionCounts
    pairs: int
    people: int
    groups_needed: int
    chairs: int
    conversation_seats: int
    group_rooms: int
    coverage: list[DomainCoverage]
    ineligible: list[ExpertStanding]
    warnings: list[DashboardWarning]
    next_step: str
    transitions: list[Transition] = field(default_factory=list)


def groups_needed(people: int) -> int:
    """Fewest afternoon groups for ``people`` at the engine's default largest group size."""
    return math.ceil(people / DEFAULT_PLAN_SETTINGS.group_max_size) if people > 0 else 0


def edition_dashboard(edition: Edition) -> Dashboard:
    """Everything the dashboard shows about ``edition``, in a fixed number of queries."""
    standings = [s for s in expert_standings(edition) if s.participant.status in TAKING_PART]
    eligible = [s for s in standings if s.eligibility.eligible]
    students = list(
        edition.participants.filter(
            role=ParticipantRole.STUDENT, status__in=TAKING_PART
        ).values_list("interests", "needs_step_free")
    )
    counts = counts_from(edition, standings, len(students))
    pairs = min(counts.students, counts.eligible_experts)
    people = counts.students + counts.eligible_experts
    needed = groups_needed(people)
    chairs = sum(
        1
        for s in eligible
        if getattr(s.participant.person, "expert_profile", None) is not None
        and s.participant.person.expert_profile.can_chair
    )
    rooms = list(Room.objects.filter(venue_id=edition.venue_id)) if edition.venue_id else []
    conversation_seats = sum(
        r.capacity for r in rooms if r.kind in (RoomKind.CONVERSATION, RoomKind.ANY)
    )
    group_rooms = sum(1 for r in rooms if r.kind in (RoomKind.GROUP, RoomKind.ANY))
    needs_step_free = any(step_free for _interests, step_free in students) or any(
        s.participant.needs_step_free for s in eligible
    )
    warnings = _warnings(
        edition,
        counts=counts,
        pairs=pairs,
        groups=needed,
        chairs=chairs,
        rooms=rooms,
        conversation_seats=conversation_seats,
        group_rooms=group_rooms,
        needs_step_free=needs_step_free,
    )
    missing = len(consent_missing_among(s.participant for s in standings))
    if missing:
        warnings.append(
            DashboardWarning(
                "consent_missing",
                ngettext(
                    "Consent missing for %(n)d expert taking part: they are asked for it on "
                    "their personal page.",
                    "Consent missing for %(n)d experts taking part: they are asked for it on "
                    "their personal page.",
                    missing,
                )
                % {"n": missing},
            )
        )
    status = EditionStatus(edition.status)
    order = list(EditionStatus.values)
    transitions = [
        Transition(
            status=target,
            label=str(EditionStatus(target).label),
            forward=order.index(target) > order.index(status),
        )
        for target in edition.allowed_transitions()
    ]
    return Dashboard(
        edition=edition,
        counts=counts,
        pairs=pairs,
        people=people,
        groups_needed=needed,
        chairs=chairs,
        conversation_seats=conversation_seats,
        group_rooms=group_rooms,
        coverage=_coverage(edition, [interests for interests, _step in students]),
        ineligible=[s for s in standings if not s.eligibility.eligible],
        warnings=warnings,
        next_step=next_step(edition),
        transitions=transitions,
    )


def _coverage(edition: Edition, interests: list[list[str]]) -> list[DomainCoverage]:
    taking_part = Q(
        experts__person__participations__edition=edition,
        experts__person__participations__role=ParticipantRole.EXPERT,
        experts__person__participations__status__in=TAKING_PART,
    )
    wanted: dict[str, int] = {}
    for codes in interests:
        for code in set(codes or ()):
            wanted[code] = wanted.get(code, 0) + 1
    domains = ExperienceDomain.objects.annotate(
        n_experts=Count("experts", filter=taking_part, distinct=True)
    ).order_by("code")
    rows = [
        DomainCoverage(d.code, d.name, d.n_experts, wanted.get(d.code, 0))
        for d in domains
        if d.n_experts or wanted.get(d.code)
    ]
    return sorted(rows, key=lambda r: (-r.students, -r.experts, r.name))


def _warnings(
    edition: Edition,
    *,
    counts: EditionCounts,
    pairs: int,
    groups: int,
    chairs: int,
    rooms: list[Room],
    conversation_seats: int,
    group_rooms: int,
    needs_step_free: bool,
) -> list[DashboardWarning]:
    warnings: list[DashboardWarning] = []

    def warn(code: str, message: str) -> None:
        warnings.append(DashboardWarning(code, message))

    if not (edition.window_start <= edition.date <= edition.window_end):
        warn(
            "date_outside_window",
            _("The date %(date)s falls outside the academic calendar window %(start)s – %(end)s.")
            % {"date": edition.date, "start": edition.window_start, "end": edition.window_end},
        )
    if edition.venue_id is None:
        warn("no_venue", _("No venue is chosen yet."))
    if edition.format == Format.CO_CREATION:
        return warnings  # no pairs, afternoon groups or conversation rooms to count
    if counts.eligible_experts < counts.students:
        warn(
            "trios_needed",
            _(
                "Fewer eligible experts (%(experts)d) than students (%(students)d): some experts "
                "will talk with two students (trios)."
            )
            % {"experts": counts.eligible_experts, "students": counts.students},
        )
    if chairs < groups:
        warn(
            "too_few_chairs",
            _(
                "Not enough chairs: %(people)d people need at least %(groups)d groups of at most "
                "%(max)d, but only %(chairs)d eligible experts are willing to chair."
            )
            % {
                "people": counts.students + counts.eligible_experts,
                "groups": groups,
                "max": DEFAULT_PLAN_SETTINGS.group_max_size,
                "chairs": chairs,
            },
        )
    if edition.venue_id is not None:
        seats_needed = counts.students + pairs
        if conversation_seats < seats_needed:
            warn(
                "conversation_rooms_too_small",
                _(
                    "The conversation rooms seat %(seats)d people; the morning needs "
                    "%(needed)d seats."
                )
                % {"seats": conversation_seats, "needed": seats_needed},
            )
        if group_rooms < groups:
            warn(
                "too_few_group_rooms",
                _("There are %(rooms)d group rooms for at least %(groups)d groups.")
                % {"rooms": group_rooms, "groups": groups},
            )
        if needs_step_free and not any(r.step_free for r in rooms):
            warn(
                "no_step_free_room",
                _("Someone needs step-free access, but the venue has no step-free room."),
            )
    return warnings
