"""Reads about editions: overviews, veterans, eligibility, counts against targets, a person's
participations, invitations, the programme and the venue's rooms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ontmoeting.editions.enums import (
    TAKING_PART,
    EditionStatus,
    Format,
    ParticipantRole,
    ParticipantStatus,
)
from ontmoeting.editions.models import (
    Edition,
    HeldRegistration,
    Invitation,
    Participant,
    ProgrammeBlock,
    Registration,
    Room,
)
from ontmoeting.people.models import Person
from ontmoeting.people.selectors import Eligibility, eligibility_on

#: Editions in these statuses have been held, so a confirmed participant there took part.
HELD_STATUSES = (EditionStatus.HELD, EditionStatus.EVALUATED, EditionStatus.ARCHIVED)


def edition_overview() -> QuerySet[Edition]:
    """All editions, newest first, with the number of students and experts taking part."""
    taking_part = Q(participants__status__in=TAKING_PART)
    return Edition.objects.annotate(
        n_students=Count(
            "participants", filter=taking_part & Q(participants__role=ParticipantRole.STUDENT)
        ),
        n_experts=Count(
            "participants", filter=taking_part & Q(participants__role=ParticipantRole.EXPERT)
        ),
    ).order_by("-date")


def took_part_filter(prefix: str = "") -> Q:
    """A Q for participations that count as having taken part (for veteran status)."""
    return Q(**{f"{prefix}status": ParticipantStatus.PRESENT}) | Q(
        **{
            f"{prefix}status": ParticipantStatus.CONFIRMED,
            f"{prefix}edition__status__in": HELD_STATUSES,
        }
    )


def veteran_person_ids(edition: Edition, person_ids: Iterable[int] | None = None) -> set[int]:
    """Ids of people who took part in an edition held before ``edition`` (one query)."""
    earlier = Participant.objects.filter(took_part_filter(), edition__date__lt=edition.date)
    if person_ids is not None:
        earlier = earlier.filter(person_id__in=list(person_ids))
    return set(earlier.values_list("person_id", flat=True).distinct())


def is_veteran(participant: Participant) -> bool:
    return participant.person_id in veteran_person_ids(participant.edition, [participant.person_id])


@dataclass(frozen=True)
class ExpertStanding:
    participant: Participant
    eligibility: Eligibility
    veteran: bool


def expert_standings(edition: Edition) -> list[ExpertStanding]:
    """Every expert of ``edition`` with eligibility and veteran status (a fixed number of queries)."""
    experts = list(
        edition.participants.filter(role=ParticipantRole.EXPERT)
        .select_related("person", "person__expert_profile")
        .prefetch_related("person__expert_profile__memberships__group")
        .order_by("ref", "person__last_name")
    )
    veterans = veteran_person_ids(edition, [p.person_id for p in experts])
    return [
        ExpertStanding(
            participant=p,
            eligibility=eligibility_on(getattr(p.person, "expert_profile", None), edition.date),
            veteran=p.person_id in veterans,
        )
        for p in experts
    ]


@dataclass(frozen=True)
class EditionCounts:
    students: int
    experts: int
    eligible_experts: int
    veteran_experts: int
    newcomer_experts: int
    newcomer_share: float
    target_pairs: int
    target_newcomer_share: float


def counts_from(edition: Edition, standings: list[ExpertStanding], students: int) -> EditionCounts:
    """Counts against targets from experts' standings (taking part) and the number of students."""
    veterans = sum(s.veteran for s in standings)
    newcomers = len(standings) - veterans
    return EditionCounts(
        students=students,
        experts=len(standings),
        eligible_experts=sum(s.eligibility.eligible for s in standings),
        veteran_experts=veterans,
        newcomer_experts=newcomers,
        newcomer_share=newcomers / len(standings) if standings else 0.0,
        target_pairs=edition.target_pairs,
        target_newcomer_share=float(edition.target_newcomer_share),
    )


def edition_counts(edition: Edition) -> EditionCounts:
    """Counts of an edition against its targets (taking-part participants only)."""
    standings = [s for s in expert_standings(edition) if s.participant.status in TAKING_PART]
    students = edition.participants.filter(
        role=ParticipantRole.STUDENT, status__in=TAKING_PART
    ).count()
    return counts_from(edition, standings, students)


def encounter_day(year: int) -> Edition | None:
    """The encounter day of ``year`` (there is at most one), or None."""
    return Edition.objects.filter(year=year, format=Format.ENCOUNTER_DAY).first()


def encounter_day_years() -> list[int]:
    """The years that have an encounter day, oldest first."""
    editions = Edition.objects.filter(format=Format.ENCOUNTER_DAY).order_by("year")
    return list(editions.values_list("year", flat=True))


def edition_of(year: int, format: str) -> Edition | None:
    """The edition of ``format`` in ``year`` (there is at most one), or None."""
    return Edition.objects.filter(year=year, format=format).first()


def participant_with_edition(pk: int) -> Participant | None:
    """The participant ``pk`` with their person, edition and venue (for the personal page)."""
    return (
        Participant.objects.select_related("person", "edition", "edition__venue")
        .filter(pk=pk)
        .first()
    )


def participant_in(edition: Edition, person: Person) -> Participant | None:
    """The person's participant in ``edition``, if they have one."""
    return edition.participants.filter(person=person).first()


def latest_participation(person: Person, *, archived: bool = True) -> Participant | None:
    """The person's participation in their most recent edition (of those not archived, when
    ``archived`` is false), with its edition."""
    participations = person.participations.select_related("edition")
    if not archived:
        participations = participations.exclude(edition__status=EditionStatus.ARCHIVED)
    return participations.order_by("-edition__date").first()


def edition_invitations(edition: Edition) -> QuerySet[Invitation]:
    """The invitations of ``edition``, newest first, each with its ``registration_count``."""
    return (
        edition.invitations.select_related("self_help_group", "person", "created_by")
        .annotate(registration_count=Count("registrations"))
        .order_by("-created")
    )


def registrations_to_check(edition: Edition) -> QuerySet[Registration]:
    """Registrations of ``edition`` made through a shared group link that no coordinator has
    checked yet, oldest first."""
    return (
        Registration.objects.filter(
            participant__edition=edition,
            invitation__isnull=False,
            invitation__person__isnull=True,
            reviewed__isnull=True,
        )
        .select_related("participant__person", "invitation__self_help_group")
        .order_by("created", "pk")
    )


def open_held(edition: Edition) -> QuerySet[HeldRegistration]:
    """Registrations of ``edition`` held for someone known, not yet applied or discarded."""
    return (
        edition.held.filter(applied__isnull=True, discarded__isnull=True)
        .select_related("person", "invitation__self_help_group")
        .order_by("created", "pk")
    )


def programme(edition: Edition) -> list[ProgrammeBlock]:
    """The blocks of the edition's day in time order, with the rooms taken during each."""
    return list(
        edition.blocks.order_by("starts", "ends", "pk").prefetch_related("unavailable_rooms")
    )


def venue_rooms(edition: Edition) -> QuerySet[Room] | None:
    """The rooms of the edition's venue by name; None while it has no venue."""
    if edition.venue_id is None:
        return None
    return Room.objects.filter(venue_id=edition.venue_id).order_by("name")
