"""Reads of saved plans: the plan page, the versions, the latest run, and the JSON of the CLI."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition, Participant, ProgrammeBlock, Room
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.models import (
    Plan,
    PlanJob,
    PlannedGroup,
    PlannedGroupMember,
    PlannedPair,
    PlanStatus,
)
from ontmoeting.planning.naming import edition_people, plan_names
from ontmoeting.planning.wording import (
    Names,
    check_text,
    note_text,
    objective_label,
    reason_text,
    rule_label,
    violation_text,
)


def plan_json(plan: Plan) -> dict[str, Any]:
    """A saved plan as ``{"pairs", "groups", "unpaired", "violations", "objective", "seconds"}``.

    People appear by the refs of the roster import; trios as two pairs with the same expert.
    """
    pairs = plan.pairs.select_related("student", "expert", "room").order_by(
        "expert__ref", "student__ref"
    )
    groups = plan.groups.select_related("chair", "room").prefetch_related(
        "memberships__participant"
    )
    return {
        "version": plan.version,
        "pairs": [
            {
                "student": engine_ref(p.student),
                "expert": engine_ref(p.expert),
                "room": p.room.name if p.room else None,
            }
            for p in pairs
        ],
        "groups": [
            {
                "name": g.name,
                "chair": engine_ref(g.chair),
                "members": sorted(engine_ref(m.participant) for m in g.memberships.all()),
                "room": g.room.name if g.room else None,
            }
            for g in groups
        ],
        "unpaired": plan.unpaired,
        "violations": plan.violations,
        "objective": plan.objective,
        "seconds": plan.seconds,
    }


# ------------------------------------------------------------------ pages of the web app


@dataclass(frozen=True)
class VersionRow:
    plan: Plan
    hard: int
    soft: int
    unpaired: int


def plan_versions(edition: Edition) -> list[VersionRow]:
    """Every plan version of ``edition``, newest first, with its violation counts (one query)."""
    plans = (
        edition.plans.exclude(status=PlanStatus.UNDONE)
        .select_related("created_by")
        .defer("notes")
        .order_by("-version")
    )
    return [
        VersionRow(
            plan=p,
            hard=sum(1 for v in p.violations if v.get("hard")),
            soft=sum(1 for v in p.violations if not v.get("hard")),
            unpaired=len(p.unpaired),
        )
        for p in plans
    ]


def latest_job(edition: Edition) -> PlanJob | None:
    """The most recent run of the engine for ``edition``."""
    return edition.plan_jobs.select_related("plan").order_by("-created", "-pk").first()


def _expert_domains(p: Participant) -> list[str]:
    profile = getattr(p.person, "expert_profile", None)
    return sorted(d.code for d in profile.domains.all()) if profile else []


@dataclass(frozen=True)
class Finding:
    """A stored violation or rule check (``Violation.to_json``, ``RuleCheck.to_json``) worded:
    its rule's label and its sentence. ``ok`` is only ever true for a rule check that holds."""

    code: str
    rule: str
    label: str
    text: str
    hard: bool
    ok: bool = False


def worded_violations(plan: Plan, names: Names) -> list[Finding]:
    """``plan``'s stored violations with their rule label and sentence, hard ones first."""
    rows = [
        Finding(
            code=str(v.get("code", "")),
            rule=str(v.get("rule", "")),
            label=rule_label(v.get("rule", "")),
            text=violation_text(v, names),
            hard=bool(v.get("hard", True)),
        )
        for v in plan.violations
    ]
    return sorted(rows, key=lambda f: not f.hard)


def _worded_check(c: dict[str, Any], names: Names) -> Finding:
    return Finding(
        code=str(c.get("code", "")),
        rule=str(c["rule"]),
        label=rule_label(c["rule"]),
        text=check_text(c, names),
        hard=bool(c.get("hard")),
        ok=bool(c.get("ok")),
    )


def change_text(change: dict[str, Any], names: Names) -> str:
    """The hand edit that made a version, as a phrase ("E097 moved to Groep 3")."""
    if not change:
        return ""
    action, p = change.get("action", ""), change
    person = names.person
    texts = {
        "plan.lock_pair": lambda: (
            (_("pair of %(who)s locked") if p.get("locked") else _("pair of %(who)s unlocked"))
            % {"who": person(p.get("student", ""))}
        ),
        "plan.lock_member": lambda: (
            (_("%(who)s locked in their group") if p.get("locked") else _("%(who)s unlocked"))
            % {"who": person(p.get("participant", ""))}
        ),
        "plan.swap_students": lambda: (
            _("experts of %(a)s and %(b)s swapped")
            % {"a": person(p["students"][0]), "b": person(p["students"][1])}
        ),
        "plan.swap_members": lambda: (
            _("%(a)s and %(b)s swapped between groups")
            % {"a": person(p["members"][0]), "b": person(p["members"][1])}
        ),
        "plan.move_member": lambda: (
            _("%(who)s moved to %(group)s")
            % {"who": person(p.get("participant", "")), "group": names.group(p.get("group", 1) - 1)}
        ),
        "plan.change_chair": lambda: (
            _("%(who)s made chair of %(group)s")
            % {"who": person(p.get("chair", "")), "group": names.group(p.get("group", 1) - 1)}
        ),
        "plan.repair": lambda: (
            _("repaired at %(at)s: %(absent)s absent")
            % {
                "at": p.get("at", ""),
                "absent": ", ".join(person(ref) for ref in p.get("absent", [])),
            }
        ),
    }
    return texts[action]() if action in texts else action


@dataclass(frozen=True)
class UnpairedRow:
    ref: str
    name: str
    participant: Participant | None


@dataclass(frozen=True)
class PairRow:
    """A morning pair with the domain they share and why the engine chose it."""

    pair: PlannedPair
    student: Participant
    expert: Participant
    domain: str  # the domain's name, "" when they share none
    room: Room | None
    reasons: list[str]


@dataclass(frozen=True)
class MemberRow:
    membership: PlannedGroupMember
    participant: Participant
    is_chair: bool


@dataclass(frozen=True)
class GroupRow:
    """An afternoon group: chair first, then experts, then students; its domain mix (name,
    count; most first) and its rule checks."""

    group: PlannedGroup
    chair: Participant | None
    newcomer_chair: bool
    members: list[MemberRow]
    mix: list[tuple[str, int]]
    checks: list[Finding]
    room: Room | None


@dataclass(frozen=True)
class RoomRow:
    """What one room holds: the morning conversations (expert, students) and the groups."""

    room: Room
    morning: list[tuple[Participant, list[Participant]]]
    morning_seats: int
    afternoon: list[GroupRow]
    afternoon_seats: int


@dataclass(frozen=True)
class BlockRow:
    block: ProgrammeBlock
    rooms: list[Room]


@dataclass(frozen=True)
class PlanPage:
    """Everything the plan page shows; ``students`` and ``people`` fill the edit forms."""

    hard: list[Finding]
    soft: list[Finding]
    unpaired: list[UnpairedRow]
    pairs: list[PairRow]
    groups: list[GroupRow]
    rooms: list[RoomRow]
    blocks: list[BlockRow]
    notes: list[str]
    change: str
    objective: list[tuple[str, float]]
    students: list[Participant]
    people: list[Participant]


def plan_page(plan: Plan) -> PlanPage:
    """Everything the plan page shows, in a fixed number of queries: the findings as sentences,
    unpaired people, pairs with the reasons, groups with their rule checks and domain mix, the
    rooms of every block, the engine's notes and the objective parts."""
    edition = plan.edition
    by_ref = edition_people(edition)
    by_pk = {p.pk: p for p in by_ref.values()}
    names = plan_names(plan, by_ref)
    venue = edition.venue
    rooms = {r.pk: r for r in venue.rooms.order_by("name")} if venue is not None else {}
    violations = worded_violations(plan, names)
    pairs, domain_of = _pair_rows(plan, by_pk, rooms, names)
    groups = _group_rows(plan, by_pk, rooms, domain_of, names)
    room_rows = _room_rows(rooms, by_pk, pairs, groups)
    return PlanPage(
        hard=[v for v in violations if v.hard],
        soft=[v for v in violations if not v.hard],
        unpaired=[_unpaired(ref, by_ref.get(ref)) for ref in plan.unpaired],
        pairs=pairs,
        groups=groups,
        rooms=[r for r in room_rows if r.morning or r.afternoon],
        blocks=_block_rows(plan, rooms),
        notes=[note_text(n, names) for n in plan.notes],
        change=change_text(plan.change, names),
        objective=[(objective_label(k), v) for k, v in sorted(plan.objective.items())],
        students=sorted((row.student for row in pairs), key=lambda p: p.ref),
        people=sorted((row.participant for g in groups for row in g.members), key=lambda p: p.ref),
    )


def _unpaired(ref: str, p: Participant | None) -> UnpairedRow:
    return UnpairedRow(ref=ref, name=p.person.full_name if p else "", participant=p)


def _pair_rows(
    plan: Plan, by_pk: dict[int, Participant], rooms: dict[int, Room], names: Names
) -> tuple[list[PairRow], dict[int, str]]:
    """The pairs with their shared domain (the student's first wish the expert knows, else the
    expert's first domain), and that domain by participant pk for the groups' mix."""
    pairs: list[PairRow] = []
    domain_of: dict[int, str] = {}
    for pair in plan.pairs.order_by("expert__ref", "student__ref"):
        student, expert = by_pk.get(pair.student_id), by_pk.get(pair.expert_id)
        if student is None or expert is None:
            continue
        domains = _expert_domains(expert)
        domain = next((d for d in student.interests if d in domains), domains[0] if domains else "")
        domain_of[student.pk] = domain
        domain_of.setdefault(expert.pk, domain)
        pairs.append(
            PairRow(
                pair=pair,
                student=student,
                expert=expert,
                domain=names.domain(domain) if domain else "",
                room=rooms.get(pair.room_id) if pair.room_id is not None else None,
                reasons=[reason_text(r, names) for r in pair.reasons],
            )
        )
    return pairs, domain_of


def _group_rows(
    plan: Plan,
    by_pk: dict[int, Participant],
    rooms: dict[int, Room],
    domain_of: dict[int, str],
    names: Names,
) -> list[GroupRow]:
    memberships: dict[int, list[PlannedGroupMember]] = defaultdict(list)
    for m in PlannedGroupMember.objects.filter(group__plan=plan).order_by("participant__ref"):
        memberships[m.group_id].append(m)
    groups = []
    for g in plan.groups.order_by("number"):
        members = [
            MemberRow(
                membership=m,
                participant=by_pk[m.participant_id],
                is_chair=m.participant_id == g.chair_id,
            )
            for m in memberships[g.pk]
            if m.participant_id in by_pk
        ]
        members.sort(key=lambda row: (not row.is_chair, row.participant.role != "expert"))
        groups.append(
            GroupRow(
                group=g,
                chair=by_pk.get(g.chair_id),
                newcomer_chair=any(c.get("code") == "first_time_chair" for c in g.checks),
                members=members,
                mix=_domain_mix(members, domain_of, names),
                checks=[_worded_check(c, names) for c in g.checks],
                room=rooms.get(g.room_id) if g.room_id is not None else None,
            )
        )
    return groups


def _domain_mix(
    members: list[MemberRow], domain_of: dict[int, str], names: Names
) -> list[tuple[str, int]]:
    """How many members per domain (their pair's, else an expert's first), most first."""
    mix = Counter(
        domain_of.get(row.participant.pk) or next(iter(_expert_domains(row.participant)), "")
        for row in members
    )
    return sorted(
        ((names.domain(d) if d else "—", n) for d, n in mix.items()),
        key=lambda item: (-item[1], item[0]),
    )


def _room_rows(
    rooms: dict[int, Room],
    by_pk: dict[int, Participant],
    pairs: list[PairRow],
    groups: list[GroupRow],
) -> list[RoomRow]:
    rows = []
    for room in rooms.values():
        morning: dict[int, list[Participant]] = defaultdict(list)
        for row in pairs:
            if row.pair.room_id == room.pk:
                morning[row.expert.pk].append(row.student)
        afternoon = [g for g in groups if g.group.room_id == room.pk]
        rows.append(
            RoomRow(
                room=room,
                morning=[(by_pk[e], students) for e, students in morning.items()],
                morning_seats=sum(1 + len(s) for s in morning.values()),
                afternoon=afternoon,
                afternoon_seats=sum(len(g.members) for g in afternoon),
            )
        )
    return rows


def _block_rows(plan: Plan, rooms: dict[int, Room]) -> list[BlockRow]:
    """The blocks everyone shares with the rooms the plan gave them, by the block's name."""
    blocks = {str(b.pk): b for b in plan.edition.blocks.all()}
    return [
        BlockRow(block=blocks[key], rooms=[rooms[pk] for pk in pks if pk in rooms])
        for key, pks in sorted(plan.block_rooms.items(), key=lambda kv: str(blocks.get(kv[0], "")))
        if key in blocks
    ]
