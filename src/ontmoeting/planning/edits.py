"""Hand edits of a plan version — lock, swap, move, change a chair — each re-checked live.

Every edit is atomic and audited and applies to a *draft*: editing a published (or withdrawn)
version first copies it into a new draft version. After the change the whole plan is re-checked
with the engine's own rules (:func:`recheck`): pairs with ``feasibility.edge_rules``, groups with
``grouping.check_grouping``, rooms by capacity and step-free access. An edit that would break a
hard rule that held before raises :class:`EditNeedsConfirmation` and changes nothing, unless it
was made with ``confirm=True``: the coordinator may know better, and the plan then shows it as a
violation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.engine.feasibility import edge_rules
from ontmoeting.engine.grouping import Group, check_grouping, score_grouping
from ontmoeting.engine.model import PairingWeights, PlanSettings
from ontmoeting.engine.pairing import Pair, pair_reasons
from ontmoeting.engine.plan import grouping_problem
from ontmoeting.planning.inputs import edition_inputs, engine_ref
from ontmoeting.planning.models import (
    Plan,
    PlannedGroup,
    PlannedGroupMember,
    PlannedPair,
    PlanStatus,
)
from ontmoeting.privacy.audit import Actor, record

#: Rules :func:`recheck` recomputes; other violations of the engine's run are kept as they were.
RECHECKED = frozenset(
    {
        "knows",
        "language",
        "accessibility",
        "availability",
        "unserved",
        "assignment",
        "group_count",
        "chair",
        "newcomer_chair",
        "size",
        "keep_together",
        "apart",
        "fixed",
        "spread",
        "isolated_minority",
        "stability",
        "capacity",
        "step_free",
    }
)


class EditRefused(ValueError):
    """The edit makes no sense as asked (e.g. the person is locked or not in this plan)."""


class EditNeedsConfirmation(Exception):
    """The edit breaks hard rules that held before; ``violations`` names them."""

    def __init__(self, violations: list[dict[str, Any]]) -> None:
        super().__init__(_("This change breaks a hard rule."))
        self.violations = violations


def _key(v: dict[str, Any]) -> tuple[Any, ...]:
    return (v["rule"], tuple(sorted(v["refs"])), v.get("group"))


def plan_settings(data: dict[str, Any]) -> PlanSettings:
    """The plain settings of a saved plan (the ones the checks need)."""
    names = {"pair_policy", "group_min_size", "group_max_size", "n_groups", "walking"}
    return PlanSettings(**{k: v for k, v in data.items() if k in names})


def plan_locks(plan: Plan) -> Any:
    """The locks of ``plan`` as an ``engine.plan.PlanLocks`` (None when nothing is locked)."""
    pairs = tuple(
        (engine_ref(p.student), engine_ref(p.expert))
        for p in plan.pairs.filter(locked=True).select_related("student", "expert")
    )
    members: dict[str, int] = {}
    chairs: dict[int, str] = {}
    for m in PlannedGroupMember.objects.filter(group__plan=plan, locked=True).select_related(
        "group", "participant"
    ):
        ref = engine_ref(m.participant)
        members[ref] = m.group.number - 1
        if m.participant_id == m.group.chair_id:
            chairs[m.group.number - 1] = ref
    if not (pairs or members):
        return None
    from ontmoeting.engine.plan import PlanLocks  # added by the engine's locks work

    return PlanLocks(pairs=pairs, members=members, chairs=chairs)


# ------------------------------------------------------------------------------ re-check


def _violation(
    rule: str, refs: list[str], message: str, *, hard: bool = True, group: int | None = None
) -> dict[str, Any]:
    return {"rule": rule, "refs": refs, "message": message, "hard": hard, "group": group}


def recheck(plan: Plan) -> None:
    """Re-check every rule of ``plan`` and store its violations, unpaired, feasibility and the
    groups' rule checks (a fixed number of queries)."""
    inputs = edition_inputs(plan.edition)
    s_by = {s.ref: s for s in inputs.students if s.available}
    e_by = {e.ref: e for e in inputs.experts if e.available and e.eligible}
    needs_step_free = {ref: p.needs_step_free for ref, p in inputs.participants.items()}
    viols: list[dict[str, Any]] = []
    pairs = list(plan.pairs.select_related("student", "expert", "room"))
    engine_pairs: list[Pair] = []
    for p in pairs:
        s_ref, e_ref = engine_ref(p.student), engine_ref(p.expert)
        student, expert = s_by.get(s_ref), e_by.get(e_ref)
        if student is None or expert is None:
            gone = s_ref if student is None else e_ref
            viols.append(_violation("availability", [gone], f"{gone} does not take part"))
            continue
        for rule in edge_rules(student, expert):
            viols.append(_violation(rule, [s_ref, e_ref], f"{s_ref} with {e_ref}: {rule}"))
        engine_pairs.append(Pair(s_ref, e_ref, p.score, tuple(p.reasons)))
    paired = {p.student for p in engine_pairs}
    unpaired = [ref for ref in s_by if ref not in paired]
    viols += [_violation("unserved", [r], f"{r} has no expert for the morning") for r in unpaired]

    groups = list(
        plan.groups.select_related("chair", "room").prefetch_related("memberships__participant")
    )
    checks_by: dict[int, list[dict[str, Any]]] = defaultdict(list)
    objective = dict(plan.objective)
    if groups:
        settings = plan_settings(plan.settings)
        problem = grouping_problem(
            list(s_by.values()),
            list(e_by.values()),
            engine_pairs,
            settings,
            n_groups=len(groups),
        )
        known = {m.ref for m in problem.members}
        fixed = {}
        fixed_chairs = {}
        engine_groups = []
        for g in groups:
            chair = engine_ref(g.chair)
            refs = [engine_ref(m.participant) for m in g.memberships.all()]
            for m in g.memberships.all():
                ref = engine_ref(m.participant)
                if m.locked and ref in known:
                    fixed[ref] = g.number - 1
                    if m.participant_id == g.chair_id:
                        fixed_chairs[g.number - 1] = ref
            ordered = [chair, *sorted(r for r in refs if r != chair)] if chair in refs else refs
            engine_groups.append(Group(index=g.number - 1, chair=chair, members=tuple(ordered)))
        problem = dataclasses.replace(problem, fixed=fixed, fixed_chairs=fixed_chairs)
        checks, gviols = check_grouping(problem, engine_groups)
        for c in checks:
            if c.group is not None:
                checks_by[c.group].append(dataclasses.asdict(c))
        viols += [
            _violation(v.rule, list(v.refs), v.message, hard=v.hard, group=v.group) for v in gviols
        ]
        scored = score_grouping(problem, [g for g in engine_groups if set(g.members) <= known])
        objective.update({f"grouping.{k}": float(v) for k, v in scored.items()})
        viols += _group_room_violations(groups, needs_step_free)
    viols += _conversation_room_violations(pairs, needs_step_free)
    kept = [v for v in plan.violations if v["rule"] not in RECHECKED]
    plan.violations = kept + viols
    plan.unpaired = unpaired
    plan.feasible = not any(v["hard"] for v in plan.violations)
    plan.objective = objective
    plan.save(update_fields=["violations", "unpaired", "feasible", "objective"])
    for g in groups:
        g.checks = checks_by.get(g.number - 1, [])
    PlannedGroup.objects.bulk_update(groups, ["checks"])


def _group_room_violations(
    groups: list[PlannedGroup], needs: dict[str, bool]
) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        if g.room is None:
            continue
        members = [engine_ref(m.participant) for m in g.memberships.all()]
        if len(members) > g.room.capacity:
            out.append(
                _violation(
                    "capacity",
                    [g.room.name],
                    f"group {g.number - 1}: {len(members)} people in {g.room.name} "
                    f"({g.room.capacity} seats)",
                    group=g.number - 1,
                )
            )
        if not g.room.step_free and any(needs.get(r) for r in members):
            who = [r for r in members if needs.get(r)]
            out.append(
                _violation(
                    "step_free",
                    who,
                    f"{', '.join(who)} need a step-free room, {g.room.name} is not",
                    group=g.number - 1,
                )
            )
    return out


def _conversation_room_violations(
    pairs: list[PlannedPair], needs: dict[str, bool]
) -> list[dict[str, Any]]:
    out = []
    seats: Counter[int] = Counter()
    rooms = {}
    experts_in: dict[int, set[int]] = defaultdict(set)
    for p in pairs:
        if p.room is None:
            continue
        rooms[p.room_id] = p.room
        seats[p.room_id] += 1
        experts_in[p.room_id].add(p.expert_id)
        who = [r for r in (engine_ref(p.student), engine_ref(p.expert)) if needs.get(r)]
        if who and not p.room.step_free:
            out.append(
                _violation(
                    "step_free",
                    who,
                    f"{', '.join(who)} need a step-free room, {p.room.name} is not",
                )
            )
    for room_id, students in seats.items():
        used = students + len(experts_in[room_id])
        room = rooms[room_id]
        if used > room.capacity:
            out.append(
                _violation(
                    "capacity",
                    [room.name],
                    f"{used} people in {room.name} in the morning ({room.capacity} seats)",
                )
            )
    return out


# ------------------------------------------------------------------------------ drafts


def ensure_draft(plan: Plan, *, actor: Actor) -> Plan:
    """``plan`` itself when it is a draft, else a new draft version copied from it."""
    if plan.status == PlanStatus.DRAFT:
        return plan
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=plan.edition_id).get()
        version = (
            Plan.objects.filter(edition_id=plan.edition_id).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        fields = (
            "seed",
            "settings",
            "feasible",
            "objective",
            "violations",
            "explanation",
            "unpaired",
            "seconds",
            "edited",
        )
        user = actor if not isinstance(actor, str) and actor and actor.is_authenticated else None
        draft = Plan.objects.create(
            edition_id=plan.edition_id,
            version=version,
            status=PlanStatus.DRAFT,
            created_by=user,
            created_by_label=actor if isinstance(actor, str) else "",
            based_on=plan,
            **{f: getattr(plan, f) for f in fields},
        )
        PlannedPair.objects.bulk_create(
            PlannedPair(
                plan=draft,
                student_id=p.student_id,
                expert_id=p.expert_id,
                room_id=p.room_id,
                score=p.score,
                reasons=p.reasons,
                locked=p.locked,
            )
            for p in plan.pairs.all()
        )
        old = list(plan.groups.prefetch_related("memberships"))
        new = PlannedGroup.objects.bulk_create(
            PlannedGroup(
                plan=draft,
                number=g.number,
                name=g.name,
                chair_id=g.chair_id,
                room_id=g.room_id,
                checks=g.checks,
            )
            for g in old
        )
        PlannedGroupMember.objects.bulk_create(
            PlannedGroupMember(group=n, participant_id=m.participant_id, locked=m.locked)
            for o, n in zip(old, new, strict=True)
            for m in o.memberships.all()
        )
        record("plan.copy", actor=actor, obj=draft, version=version, source=plan.version)
    return draft


def _edit(
    plan: Plan,
    *,
    actor: Actor,
    confirm: bool,
    action: str,
    change: Callable[[Plan], dict[str, Any]],
) -> Plan:
    with transaction.atomic():
        current = Plan.objects.select_for_update().select_related("edition").get(pk=plan.pk)
        before = {_key(v) for v in current.violations if v["hard"]}
        draft = ensure_draft(current, actor=actor)
        data = change(draft)
        recheck(draft)
        new = [v for v in draft.violations if v["hard"] and _key(v) not in before]
        if new and not confirm:
            raise EditNeedsConfirmation(new)
        if not draft.edited:
            draft.edited = True
            draft.save(update_fields=["edited"])
        record(action, actor=actor, obj=draft, version=draft.version, confirmed=bool(new), **data)
    return draft


def _pair(plan: Plan, student: Participant) -> PlannedPair:
    pair = plan.pairs.select_related("student", "expert").filter(student=student).first()
    if pair is None:
        raise EditRefused(_("%(ref)s has no morning pair in this plan.") % {"ref": student.ref})
    return pair


def _membership(plan: Plan, participant: Participant) -> PlannedGroupMember:
    m = (
        PlannedGroupMember.objects.select_related("group", "participant")
        .filter(group__plan=plan, participant=participant)
        .first()
    )
    if m is None:
        raise EditRefused(_("%(ref)s is in no group of this plan.") % {"ref": participant.ref})
    return m


def _group(plan: Plan, number: int) -> PlannedGroup:
    group = plan.groups.filter(number=number).first()
    if group is None:
        raise EditRefused(_("This plan has no group %(n)s.") % {"n": number})
    return group


def _refuse_locked(*locked: tuple[bool, Participant]) -> None:
    for is_locked, who in locked:
        if is_locked:
            raise EditRefused(_("%(ref)s is locked; unlock them first.") % {"ref": engine_ref(who)})


# ------------------------------------------------------------------------------ edits


def lock_pair(plan: Plan, *, student: Participant, locked: bool, actor: Actor) -> Plan:
    """Lock (or unlock) the morning pair of ``student``; returns the draft edited."""

    def change(draft: Plan) -> dict[str, Any]:
        pair = _pair(draft, student)
        pair.locked = locked
        pair.save(update_fields=["locked"])
        return {"student": engine_ref(student), "locked": locked}

    return _edit(plan, actor=actor, confirm=True, action="plan.lock_pair", change=change)


def lock_member(plan: Plan, *, participant: Participant, locked: bool, actor: Actor) -> Plan:
    """Lock (or unlock) ``participant`` in their group; a locked chair stays the chair."""

    def change(draft: Plan) -> dict[str, Any]:
        m = _membership(draft, participant)
        m.locked = locked
        m.save(update_fields=["locked"])
        return {"participant": engine_ref(participant), "locked": locked}

    return _edit(plan, actor=actor, confirm=True, action="plan.lock_member", change=change)


def swap_students(
    plan: Plan,
    *,
    student_a: Participant,
    student_b: Participant,
    actor: Actor,
    confirm: bool = False,
) -> Plan:
    """Swap the morning experts of two students (rooms follow the expert). When morning pairs
    stay together in the afternoon, the two students also swap groups."""

    def change(draft: Plan) -> dict[str, Any]:
        a, b = _pair(draft, student_a), _pair(draft, student_b)
        if a.pk == b.pk:
            raise EditRefused(_("Choose two different students."))
        _refuse_locked((a.locked, a.student), (b.locked, b.student))
        a.expert_id, b.expert_id = b.expert_id, a.expert_id
        a.room_id, b.room_id = b.room_id, a.room_id
        inputs = edition_inputs(draft.edition)
        s_by = {s.ref: s for s in inputs.students}
        e_by = {e.ref: e for e in inputs.experts}
        ref_of = {p.pk: ref for ref, p in inputs.participants.items()}
        for pair in (a, b):
            s = s_by.get(engine_ref(pair.student))
            e = e_by.get(ref_of.get(pair.expert_id, ""))
            why = pair_reasons(s, e, PairingWeights(), False) if s and e else ()
            pair.reasons = [_("set by hand"), *why]
        PlannedPair.objects.bulk_update([a, b], ["expert", "room", "reasons"])
        if plan_settings(draft.settings).pair_policy == "keep":
            ma = PlannedGroupMember.objects.filter(group__plan=draft, participant=student_a).first()
            mb = PlannedGroupMember.objects.filter(group__plan=draft, participant=student_b).first()
            if ma and mb and ma.group_id != mb.group_id and not (ma.locked or mb.locked):
                ma.group_id, mb.group_id = mb.group_id, ma.group_id
                PlannedGroupMember.objects.bulk_update([ma, mb], ["group"])
        return {"students": [engine_ref(student_a), engine_ref(student_b)]}

    return _edit(plan, actor=actor, confirm=confirm, action="plan.swap_students", change=change)


def swap_members(
    plan: Plan, *, a: Participant, b: Participant, actor: Actor, confirm: bool = False
) -> Plan:
    """Swap two people between their afternoon groups (chairs and locked people stay)."""

    def change(draft: Plan) -> dict[str, Any]:
        ma, mb = _membership(draft, a), _membership(draft, b)
        if ma.group_id == mb.group_id:
            raise EditRefused(_("They are already in the same group."))
        _refuse_locked((ma.locked, a), (mb.locked, b))
        _refuse_chair(ma, mb)
        ma.group_id, mb.group_id = mb.group_id, ma.group_id
        PlannedGroupMember.objects.bulk_update([ma, mb], ["group"])
        return {"members": [engine_ref(a), engine_ref(b)]}

    return _edit(plan, actor=actor, confirm=confirm, action="plan.swap_members", change=change)


def _refuse_chair(*memberships: PlannedGroupMember) -> None:
    for m in memberships:
        if m.participant_id == m.group.chair_id:
            raise EditRefused(
                _("%(ref)s chairs %(group)s; choose another chair first.")
                % {"ref": engine_ref(m.participant), "group": m.group.name}
            )


def move_member(
    plan: Plan,
    *,
    participant: Participant,
    group_number: int,
    actor: Actor,
    confirm: bool = False,
) -> Plan:
    """Move ``participant`` to the group numbered ``group_number`` (no change when already there)."""

    def change(draft: Plan) -> dict[str, Any]:
        m = _membership(draft, participant)
        target = _group(draft, group_number)
        if m.group_id != target.pk:
            _refuse_locked((m.locked, participant))
            _refuse_chair(m)
            m.group = target
            m.save(update_fields=["group"])
        return {"participant": engine_ref(participant), "group": group_number}

    return _edit(plan, actor=actor, confirm=confirm, action="plan.move_member", change=change)


def change_chair(
    plan: Plan, *, group_number: int, chair: Participant, actor: Actor, confirm: bool = False
) -> Plan:
    """Make ``chair`` (a member of the group) the chair of the group numbered ``group_number``."""

    def change(draft: Plan) -> dict[str, Any]:
        group = _group(draft, group_number)
        m = _membership(draft, chair)
        if m.group_id != group.pk:
            raise EditRefused(
                _("%(ref)s is not in %(group)s; move them there first.")
                % {"ref": engine_ref(chair), "group": group.name}
            )
        if group.chair_id != chair.pk:
            old = group.memberships.filter(participant_id=group.chair_id).first()
            if old is not None and old.locked:
                raise EditRefused(_("The chair of this group is locked; unlock them first."))
            group.chair = chair
            group.save(update_fields=["chair"])
        return {"group": group_number, "chair": engine_ref(chair)}

    return _edit(plan, actor=actor, confirm=confirm, action="plan.change_chair", change=change)
