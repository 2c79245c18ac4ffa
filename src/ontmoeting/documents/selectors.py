"""Reads for the printed documents and calendars: a plan and everything it names, in a fixed
number of queries whatever the size of the edition."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from ontmoeting.editions.enums import TAKING_PART
from ontmoeting.editions.models import Edition, Participant, ProgrammeBlock, Room
from ontmoeting.people.models import ExperienceDomain
from ontmoeting.planning.models import (
    Plan,
    PlannedGroup,
    PlannedGroupMember,
    PlannedPair,
    PlanStatus,
)
from ontmoeting.privacy.models import Consent, ConsentKind


def published_plan(edition: Edition) -> Plan | None:
    """The edition's published plan (the newest when, by mistake, several are published)."""
    return edition.plans.filter(status=PlanStatus.PUBLISHED).order_by("-version").first()


def documents_plan(edition: Edition, *, version: int | None = None) -> Plan | None:
    """The plan to print: ``version`` when given (any status), else the published plan."""
    if version is not None:
        return edition.plans.filter(version=version).first()
    return published_plan(edition)


@dataclass
class EditionData:
    """An edition's plan with everything the documents name, looked up once."""

    edition: Edition
    plan: Plan | None
    blocks: list[ProgrammeBlock]
    rooms: list[Room]
    participants: list[Participant]
    groups: list[PlannedGroup]
    pairs_of: dict[int, list[PlannedPair]] = field(default_factory=dict)
    group_of: dict[int, PlannedGroup] = field(default_factory=dict)
    domains_of: dict[int, list[ExperienceDomain]] = field(default_factory=dict)
    special_consent: set[int] = field(default_factory=set)  # participant pks


def _blocks(edition: Edition) -> list[ProgrammeBlock]:
    return list(ProgrammeBlock.objects.filter(edition=edition).order_by("starts", "pk"))


def _rooms(edition: Edition) -> list[Room]:
    if edition.venue_id is None:
        return []
    return list(Room.objects.filter(venue_id=edition.venue_id).order_by("name"))


def edition_data(edition: Edition, plan: Plan | None, *, with_domains: bool = False) -> EditionData:
    """Everything the pack of ``edition`` prints from ``plan``: at most eight queries.

    Participants are those taking part (invited, registered, confirmed, present) plus anyone the
    plan names. ``with_domains`` also loads the domains of experience of the experts who consented
    to showing them (for the chair sheets); nobody else's domains are read.
    """
    blocks = _blocks(edition)
    rooms = _rooms(edition)
    pairs: list[PlannedPair] = []
    groups: list[PlannedGroup] = []
    if plan is not None:
        pairs = list(
            PlannedPair.objects.filter(plan=plan)
            .select_related("room")
            .order_by("expert_id", "student_id")
        )
        groups = list(
            PlannedGroup.objects.filter(plan=plan)
            .select_related("room")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=PlannedGroupMember.objects.order_by("pk"),
                )
            )
            .order_by("number")
        )
    named = {p.student_id for p in pairs} | {p.expert_id for p in pairs}
    named |= {g.chair_id for g in groups}
    named |= {m.participant_id for g in groups for m in g.memberships.all()}
    participants = list(
        Participant.objects.filter(edition=edition)
        .filter(Q(status__in=TAKING_PART) | Q(pk__in=named))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name", "pk")
    )
    by_pk = {p.pk: p for p in participants}
    # Pairs, groups and memberships point at the participants loaded once above.
    for pair in pairs:
        pair.student = by_pk[pair.student_id]
        pair.expert = by_pk[pair.expert_id]
    data = EditionData(
        edition=edition,
        plan=plan,
        blocks=blocks,
        rooms=rooms,
        participants=participants,
        groups=groups,
    )
    pairs_of: dict[int, list[PlannedPair]] = defaultdict(list)
    for pair in pairs:
        pairs_of[pair.student_id].append(pair)
        pairs_of[pair.expert_id].append(pair)
    data.pairs_of = dict(pairs_of)
    for group in groups:
        group.chair = by_pk[group.chair_id]
        for membership in group.memberships.all():
            membership.participant = by_pk[membership.participant_id]
            data.group_of[membership.participant_id] = group
        data.group_of.setdefault(group.chair_id, group)
    if with_domains:
        experts = [p for p in participants if p.role == "expert"]
        consented = special_consent_person_ids(p.person_id for p in experts)
        data.special_consent = {p.pk for p in experts if p.person_id in consented}
        data.domains_of = expert_domains([p for p in experts if p.pk in data.special_consent])
    return data


def expert_domains(participants: list[Participant]) -> dict[int, list[ExperienceDomain]]:
    """Domains of experience per participant pk (one query)."""
    through = ExperienceDomain.experts.through
    rows = through.objects.filter(
        expertprofile__person_id__in=[p.person_id for p in participants]
    ).select_related("experiencedomain", "expertprofile")
    by_person: dict[int, list[ExperienceDomain]] = defaultdict(list)
    for row in rows.order_by("experiencedomain__code"):
        by_person[row.expertprofile.person_id].append(row.experiencedomain)
    return {p.pk: by_person.get(p.person_id, []) for p in participants}


@dataclass
class ParticipantData:
    """One participant's share of the published plan (for the personal page, card and ICS)."""

    participant: Participant
    plan: Plan | None
    blocks: list[ProgrammeBlock]
    rooms: list[Room]
    pairs: list[PlannedPair]
    group: PlannedGroup | None
    group_members: list[Participant]


def participant_data(participant: Participant) -> ParticipantData:
    """The published plan's pairs and group of ``participant``: at most seven queries."""
    edition = participant.edition
    plan = published_plan(edition)
    pairs: list[PlannedPair] = []
    group: PlannedGroup | None = None
    members: list[Participant] = []
    if plan is not None:
        pairs = list(
            PlannedPair.objects.filter(plan=plan)
            .filter(Q(student=participant) | Q(expert=participant))
            .select_related("room", "student__person", "expert__person")
            .order_by("student__person__first_name", "pk")
        )
        group = (
            PlannedGroup.objects.filter(plan=plan)
            .filter(Q(memberships__participant=participant) | Q(chair=participant))
            .select_related("room", "chair__person")
            .order_by("number")
            .first()
        )
        if group is not None:
            members = [
                m.participant
                for m in group.memberships.select_related("participant__person").order_by("pk")
            ]
    return ParticipantData(
        participant=participant,
        plan=plan,
        blocks=_blocks(edition),
        rooms=_rooms(edition),
        pairs=pairs,
        group=group,
        group_members=members,
    )


def special_consent_person_ids(person_ids: Iterable[int]) -> set[int]:
    """Ids among ``person_ids`` of people who consented to showing special-category data (their
    domains of experience), in one query. Mirrors ``privacy.consent.has_special_consent``."""
    return set(
        Consent.objects.filter(
            person_id__in=list(person_ids),
            withdrawn_at__isnull=True,
            text__kind=ConsentKind.SPECIAL_CATEGORY,
        ).values_list("person_id", flat=True)
    )
