"""Before a plan is made: how many groups the settings give, in which rooms, or why none.

The same layout the grouping will use (:func:`ontmoeting.engine.grouping.fit_for`), from the
edition as it is now and the morning pairing (exact and quick), so the coordinator sees the
consequence of the group sizes before starting a run — and, when the venue or the chairs cannot
hold them, the reason in words with what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ontmoeting.editions.models import Edition
from ontmoeting.engine.afternoon import grouping_problem
from ontmoeting.engine.grouping import fit_for
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.pairing import solve_pairing
from ontmoeting.engine.rooms import block_of
from ontmoeting.engine.venue_fit import group_rooms
from ontmoeting.planning.inputs import edition_inputs
from ontmoeting.planning.wording import Names, violation_text


@dataclass(frozen=True)
class LayoutPreview:
    """What the settings give: the groups and their sizes, the rooms (meant for groups and
    others free in the afternoon), the willing chairs; or the reasons there are none."""

    members: int
    chairs: int
    groups: int = 0
    smallest: int = 0
    largest: int = 0
    meant_rooms: int = 0
    other_rooms: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


def layout_preview(edition: Edition, settings: PlanSettings) -> LayoutPreview | None:
    """The afternoon layout ``settings`` give ``edition`` now; None when nobody takes part."""
    inputs = edition_inputs(edition)
    students = [s for s in inputs.students if s.available]
    experts = [e for e in inputs.experts if e.available and e.eligible]
    if not students or not experts:
        return None
    pairing = solve_pairing(students, experts, weights=settings.pairing, time_limit=1.0)
    afternoon = block_of(inputs.blocks, "groups")
    problem = grouping_problem(
        students,
        experts,
        [(p.student, p.expert) for p in pairing.pairs],
        settings,
        rooms=group_rooms(inputs.rooms, afternoon),
    )
    fit = fit_for(problem)
    facts = fit.facts
    if fit.layout is None:
        names = Names(people={r: p.person.full_name for r, p in inputs.participants.items()})
        return LayoutPreview(
            members=facts["members"],
            chairs=facts["chairs"],
            reasons=[violation_text(v.to_json(), names) for v in fit.reasons],
        )
    rooms = {r.name: r for r in inputs.rooms}
    meant = sum(1 for n in fit.layout.rooms if rooms[n].preferred_for(afternoon))
    return LayoutPreview(
        members=facts["members"],
        chairs=facts["chairs"],
        groups=fit.layout.n_groups,
        smallest=facts["smallest"],
        largest=facts["largest"],
        meant_rooms=meant,
        other_rooms=len(fit.layout.rooms) - meant,
    )
