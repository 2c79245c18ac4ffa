"""The afternoon as the grouping sees it: members, their categories and the pairs to keep.

Shared by the planner (:mod:`.plan`), the plan check (:mod:`.check`) and the repair
(:mod:`.repair`), so the three always build the same grouping problem from the same people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ontmoeting.engine.group_model import Group, GroupingProblem, GroupingWeights, GroupMember
from ontmoeting.engine.model import Expert, Person, PlanSettings, Student
from ontmoeting.engine.rooms import ConversationUnit, GroupUnit
from ontmoeting.engine.venue_fit import GroupRoom

PairRefs = tuple[str, str]


def pair_domain(student: Student, expert: Expert) -> str:
    """The domain a conversation is about: the student's best-ranked interest the expert has,
    else the expert's first domain (alphabetically), else ""."""
    for d in student.interests:
        if d in expert.domains:
            return d
    return min(expert.domains) if expert.domains else ""


def grouping_members(
    students: Sequence[Student], experts: Sequence[Expert], pairs: Sequence[PairRefs]
) -> list[GroupMember]:
    """Everyone who takes part, as grouping members with the categories to spread."""
    s_by, e_by = {s.ref: s for s in students}, {e.ref: e for e in experts}
    dom: dict[str, str] = {}
    for s_ref, e_ref in pairs:
        if s_ref in s_by and e_ref in e_by:
            d = pair_domain(s_by[s_ref], e_by[e_ref])
            dom[s_ref] = d
            dom.setdefault(e_ref, d)
    members: list[GroupMember] = []
    for s in students:
        cats = {"domain": dom.get(s.ref, ""), "class_group": s.class_group, "gender": s.gender}
        members.append(
            GroupMember(
                s.ref,
                "student",
                categories={k: v for k, v in cats.items() if v},
                step_free="step_free" in s.needs,
            )
        )
    for e in experts:
        d = dom.get(e.ref) or (min(e.domains) if e.domains else "")
        cats = {"domain": d, "experience": "veteran" if e.veteran else "newcomer"}
        members.append(
            GroupMember(
                e.ref,
                "expert",
                can_chair=e.can_chair,
                chaired_before=e.chaired_before,
                categories={k: v for k, v in cats.items() if v},
                step_free="step_free" in e.needs,
            )
        )
    return members


def knows_links(students: Sequence[Student], experts: Sequence[Expert]) -> list[PairRefs]:
    """Every "knows" link between two people who both take part (each once, sorted)."""
    people: list[Person] = [*students, *experts]
    refs = {p.ref for p in people}
    links = {
        (min(p.ref, q), max(p.ref, q)) for p in people for q in p.knows if q in refs and q != p.ref
    }
    return sorted(links)


def grouping_problem(
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[PairRefs],
    settings: PlanSettings,
    *,
    previous: Mapping[str, int] | None = None,
    weights: GroupingWeights | None = None,
    n_groups: int | None = None,
    rooms: Sequence[GroupRoom] | None = None,
) -> GroupingProblem:
    """The afternoon grouping problem for the people who take part.

    ``n_groups``: None = the settings' count, else chosen by the grouping from the chairs and
    ``rooms`` (None = no room limits).
    """
    members = grouping_members(students, experts, pairs)
    couples = list(pairs)
    keep = couples if settings.pair_policy == "keep" else []
    # a couple who know each other can only be a locked pair: the pairing reports it, and the
    # afternoon keeps the coordinator's decision (together) instead of breaking a second rule
    kept = {(min(a, b), max(a, b)) for a, b in keep}
    apart = [link for link in knows_links(students, experts) if link not in kept]
    apart += [] if settings.pair_policy == "keep" else couples
    return GroupingProblem(
        members=members,
        n_groups=n_groups if n_groups is not None else settings.n_groups,
        min_size=settings.group_min_size,
        max_size=settings.group_max_size,
        keep_together=keep,
        apart=apart,
        previous=previous,
        weights=weights or settings.grouping_weights or GroupingWeights(),
        rooms=rooms,
        other_kind_cost=settings.other_kind_cost,
    )


def room_units(
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[PairRefs],
    groups: Sequence[Group],
) -> tuple[list[GroupUnit], list[ConversationUnit]]:
    """What the rooms must hold: one unit per group, one per conversation (pair or trio)."""
    everyone: list[Person] = [*students, *experts]
    people: dict[str, Person] = {p.ref: p for p in everyone}
    where = {m: g.index for g in groups for m in g.members}
    g_units = [
        GroupUnit(
            g.index,
            len(g.members),
            any("step_free" in people[m].needs for m in g.members if m in people),
        )
        for g in groups
    ]
    by_expert: dict[str, list[str]] = {}
    for s_ref, e_ref in pairs:
        by_expert.setdefault(e_ref, []).append(s_ref)
    c_units = []
    for e_ref, s_refs in by_expert.items():
        refs = [e_ref, *s_refs]
        c_units.append(
            ConversationUnit(
                e_ref,
                len(refs),
                any("step_free" in people[r].needs for r in refs),
                tuple((float(where[r]), math.nan) for r in refs if r in where),
            )
        )
    return g_units, c_units
