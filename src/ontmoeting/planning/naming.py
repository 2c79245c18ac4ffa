"""What the user calls the people, groups and domains of a plan (the presenter's names)."""

from __future__ import annotations

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import ExperienceDomain
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.models import Plan
from ontmoeting.planning.wording import Names


def edition_people(edition: Edition) -> dict[str, Participant]:
    """Students and experts of ``edition`` by engine ref, with person and expert profile."""
    qs = (
        edition.participants.filter(role__in=[ParticipantRole.STUDENT, ParticipantRole.EXPERT])
        .select_related("person", "person__expert_profile")
        .prefetch_related("person__expert_profile__domains")
    )
    return {engine_ref(p): p for p in qs}


def plan_names(plan: Plan, people: dict[str, Participant] | None = None) -> Names:
    """The names of ``plan``'s people, groups and domains (two or three queries)."""
    people = people if people is not None else edition_people(plan.edition)
    return Names(
        people={ref: p.person.full_name for ref, p in people.items()},
        domains={d.code: d.name for d in ExperienceDomain.objects.all()},
        # values_list, not only(): a deferred plan_id cost one query per group (an N+1)
        groups={number - 1: name for number, name in plan.groups.values_list("number", "name")},
    )
