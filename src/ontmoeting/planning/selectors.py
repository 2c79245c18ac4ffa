"""Reads of saved plans: the JSON shape of the command line and the API."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import ExperienceDomain
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.models import Plan, PlanJob, PlannedGroupMember


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

RULE_LABELS = {
    "knows": _("know each other"),
    "language": _("no common language"),
    "accessibility": _("accessibility need not met"),
    "availability": _("not taking part"),
    "unserved": _("no expert in the morning"),
    "assignment": _("everyone in exactly one group"),
    "group_count": _("number of groups"),
    "chair": _("one willing chair per group"),
    "newcomer_chair": _("chair has chaired before"),
    "size": _("group size"),
    "keep_together": _("morning pairs together"),
    "apart": _("people who know each other apart"),
    "fixed": _("locks respected"),
    "spread": _("categories spread evenly"),
    "isolated_minority": _("no minority member alone"),
    "stability": _("stability"),
    "capacity": _("room capacity"),
    "step_free": _("step-free room"),
}


def rule_label(rule: str) -> str:
    return str(RULE_LABELS.get(rule, rule))


@dataclass(frozen=True)
class VersionRow:
    plan: Plan
    hard: int
    soft: int
    unpaired: int


def plan_versions(edition: Edition) -> list[VersionRow]:
    """Every plan version of ``edition``, newest first, with its violation counts (one query)."""
    plans = edition.plans.select_related("created_by").defer("explanation").order_by("-version")
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


def _people(edition: Edition) -> dict[str, Participant]:
    qs = (
        edition.participants.filter(role__in=[ParticipantRole.STUDENT, ParticipantRole.EXPERT])
        .select_related("person", "person__expert_profile")
        .prefetch_related("person__expert_profile__domains")
    )
    return {engine_ref(p): p for p in qs}


def _expert_domains(p: Participant) -> list[str]:
    profile = getattr(p.person, "expert_profile", None)
    return sorted(d.code for d in profile.domains.all()) if profile else []


def plan_page(plan: Plan) -> dict[str, Any]:
    """Everything the plan page shows, in a fixed number of queries: violations and unpaired
    people (by name and ref), pairs with the reasons, groups with their rule checks and domain
    mix, rooms with what they hold in the morning and the afternoon, the objective parts."""
    edition = plan.edition
    by_ref = _people(edition)
    by_pk = {p.pk: p for p in by_ref.values()}
    domain_names = {d.code: d.name for d in ExperienceDomain.objects.all()}
    rooms = {r.pk: r for r in edition.venue.rooms.order_by("name")} if edition.venue_id else {}

    def who(ref: str) -> dict[str, Any]:
        p = by_ref.get(ref)
        return {"ref": ref, "name": p.person.full_name if p else "", "participant": p}

    violations = sorted(
        (
            {
                **v,
                "label": rule_label(v["rule"]),
                "people": [who(r) for r in v["refs"] if r in by_ref],
            }
            for v in plan.violations
        ),
        key=lambda v: not v["hard"],
    )
    pairs = []
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
            {
                "pair": pair,
                "student": student,
                "expert": expert,
                "domain": domain_names.get(domain, domain),
                "room": rooms.get(pair.room_id),
            }
        )
    memberships = defaultdict(list)
    for m in PlannedGroupMember.objects.filter(group__plan=plan).order_by("participant__ref"):
        memberships[m.group_id].append(m)
    groups = []
    for g in plan.groups.order_by("number"):
        members = [
            {
                "membership": m,
                "participant": by_pk[m.participant_id],
                "is_chair": m.participant_id == g.chair_id,
            }
            for m in memberships[g.pk]
            if m.participant_id in by_pk
        ]
        members.sort(key=lambda row: (not row["is_chair"], row["participant"].role != "expert"))
        mix = Counter(
            domain_of.get(row["participant"].pk)
            or next(iter(_expert_domains(row["participant"])), "")
            for row in members
        )
        groups.append(
            {
                "group": g,
                "chair": by_pk.get(g.chair_id),
                "newcomer_chair": any(
                    c["rule"] == "newcomer_chair" and not c["ok"] for c in g.checks
                ),
                "members": members,
                "mix": sorted(
                    ((domain_names.get(d, d) if d else "—", n) for d, n in mix.items()),
                    key=lambda item: (-item[1], item[0]),
                ),
                "checks": [{**c, "label": rule_label(c["rule"])} for c in g.checks],
                "room": rooms.get(g.room_id),
            }
        )
    room_rows = []
    for room in rooms.values():
        morning: dict[int, list[Participant]] = defaultdict(list)
        for row in pairs:
            if row["pair"].room_id == room.pk:
                morning[row["expert"].pk].append(row["student"])
        afternoon = [row for row in groups if row["group"].room_id == room.pk]
        room_rows.append(
            {
                "room": room,
                "morning": [(by_pk[e], students) for e, students in morning.items()],
                "morning_seats": sum(1 + len(s) for s in morning.values()),
                "afternoon": afternoon,
                "afternoon_seats": sum(len(row["members"]) for row in afternoon),
            }
        )
    return {
        "hard": [v for v in violations if v["hard"]],
        "soft": [v for v in violations if not v["hard"]],
        "unpaired": [who(r) for r in plan.unpaired],
        "pairs": pairs,
        "groups": groups,
        "rooms": [r for r in room_rows if r["morning"] or r["afternoon"]],
        "objective": sorted(plan.objective.items()),
        "students": sorted((row["student"] for row in pairs), key=lambda p: p.ref),
        "people": sorted(
            (row["participant"] for g in groups for row in g["members"]), key=lambda p: p.ref
        ),
    }
