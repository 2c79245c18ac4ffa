"""Reads for a co-creation meeting's dashboard: experts and professionals per sector against the
sector targets. Aggregates only; no names.

A co-creation meeting has no students, pairs or afternoon groups: its counts are the experts by
experience (and how many are willing to chair a table), and the professionals of each sector
beside the number the coordinator aims for (``SectorTarget``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import ngettext

from ontmoeting.editions.enums import TAKING_PART, ParticipantRole
from ontmoeting.editions.models import Edition
from ontmoeting.people.models import Sector


@dataclass(frozen=True)
class SectorCount:
    """Professionals of one sector taking part, and the target (0: none set)."""

    code: str
    name: str
    professionals: int
    target: int

    @property
    def short(self) -> int:
        """How many professionals the sector still lacks for its target."""
        return max(0, self.target - self.professionals)


@dataclass(frozen=True)
class CoCreationCounts:
    experts: int
    chairs: int
    professionals: int
    co_facilitators: int
    organisations: int
    sectors: list[SectorCount]
    #: Professionals taking part without a professional profile (added by hand): no sector.
    without_sector: int

    @property
    def target_professionals(self) -> int:
        return sum(s.target for s in self.sectors)

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """(code, message) for each sector below its target."""
        return [
            (
                "sector_short",
                ngettext(
                    "%(sector)s: %(n)d professional short of the target of %(target)d.",
                    "%(sector)s: %(n)d professionals short of the target of %(target)d.",
                    s.short,
                )
                % {"sector": s.name, "n": s.short, "target": s.target},
            )
            for s in self.sectors
            if s.short
        ]


def cocreation_counts(edition: Edition) -> CoCreationCounts:
    """Experts and professionals per sector of ``edition`` against its targets, in four queries."""
    taking_part = edition.participants.filter(status__in=TAKING_PART)
    experts = taking_part.filter(role=ParticipantRole.EXPERT).aggregate(
        n=Count("pk"), chairs=Count("pk", filter=Q(person__expert_profile__can_chair=True))
    )
    professionals = list(
        taking_part.filter(role=ParticipantRole.PROFESSIONAL).values_list(
            "person__professional_profile__sector_id",
            "person__professional_profile__organisation",
            "person__professional_profile__can_co_facilitate",
        )
    )
    per_sector: dict[int | None, int] = {}
    for sector_id, _organisation, _co in professionals:
        per_sector[sector_id] = per_sector.get(sector_id, 0) + 1
    targets = dict(edition.sector_targets.values_list("sector_id", "professionals"))
    sectors = [
        SectorCount(s.code, s.name, per_sector.get(s.pk, 0), targets.get(s.pk, 0))
        for s in Sector.objects.order_by("-builtin", "pk")
        if s.builtin or per_sector.get(s.pk) or targets.get(s.pk)
    ]
    return CoCreationCounts(
        experts=experts["n"],
        chairs=experts["chairs"],
        professionals=len(professionals),
        co_facilitators=sum(1 for _s, _o, co in professionals if co),
        organisations=len({o.strip().lower() for _s, o, _co in professionals if o and o.strip()}),
        sectors=sectors,
        without_sector=per_sector.get(None, 0),
    )
