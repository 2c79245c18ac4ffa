"""A person's history: every edition they took part in, and the groups they chaired."""

from __future__ import annotations

from dataclasses import dataclass

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Participant
from ontmoeting.people.models import ExpertProfile, Person
from ontmoeting.people.selectors import Eligibility, eligibility_on
from ontmoeting.planning.models import PlannedGroup, PlanStatus


@dataclass(frozen=True)
class HistoryRow:
    participant: Participant
    eligibility: Eligibility | None
    chaired: bool


def person_history(person: Person) -> list[HistoryRow]:
    """Every edition ``person`` took part in, newest first, with eligibility for experts and
    whether they chaired a group in the edition's published plan."""
    participations = list(
        person.participations.select_related("edition").order_by("-edition__date")
    )
    profile = (
        ExpertProfile.objects.filter(person=person).prefetch_related("memberships__group").first()
    )
    chaired = set(
        PlannedGroup.objects.filter(
            chair__person=person, plan__status=PlanStatus.PUBLISHED
        ).values_list("chair_id", flat=True)
    )
    return [
        HistoryRow(
            participant=p,
            eligibility=eligibility_on(profile, p.edition.date)
            if p.role == ParticipantRole.EXPERT
            else None,
            chaired=p.pk in chaired,
        )
        for p in participations
    ]
