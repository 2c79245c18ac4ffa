"""An edition ready to plan: students, experts (some willing to chair) and rooms."""

from __future__ import annotations

from ontmoeting.engine.model import PlanSettings
from ontmoeting.people.models import ExperienceDomain
from tests.factories import (
    EditionFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    RoomFactory,
    VenueFactory,
)

#: Small and quick: groups of 6..10 and a short search.
QUICK = PlanSettings(group_min_size=6, group_max_size=10, time_limit=1.0)


def plannable_edition(n_pairs: int = 12, chairs: int = 3, year: int = 2026, **edition):
    """An edition with ``n_pairs`` students and experts (the first ``chairs`` willing to chair)
    and a venue with conversation and group rooms; returns (edition, students, experts)."""
    venue = VenueFactory()
    for i in range(4):
        RoomFactory(venue=venue, name=f"C{year}-{i}", capacity=8, kind="conversation")
    for i in range(chairs + 1):
        RoomFactory(venue=venue, name=f"G{year}-{i}", capacity=12, kind="group")
    edition = EditionFactory(year=year, venue=venue, **edition)
    domains = list(ExperienceDomain.objects.order_by("code")[:3])
    students, experts = [], []
    for i in range(n_pairs):
        students.append(
            ParticipantFactory(
                edition=edition,
                role="student",
                ref=f"S{i:03d}",
                status="confirmed",
                class_group=f"1{'AB'[i % 2]}",
                interests=[domains[i % 3].code],
            )
        )
        profile = ExpertProfileFactory(can_chair=i < chairs, chaired_before=i == 0)
        profile.domains.set([domains[(i + 1) % 3]])
        MembershipFactory(expert=profile)
        experts.append(
            ParticipantFactory(
                edition=edition,
                person=profile.person,
                role="expert",
                ref=f"E{i:03d}",
                status="registered",
            )
        )
    return edition, students, experts
