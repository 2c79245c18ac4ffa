"""Hand edits of a plan version — lock, swap, move, change a chair — each a new version.

Every edit copies the version it is made on into a new draft version (``based_on`` the one
edited, ``change`` saying what was done), so the engine's original and every step after it stay
recoverable, and :func:`undo_last_change` goes back one step. After the change the whole plan is
re-checked with the engine's own rules (:func:`ontmoeting.planning.checking.recheck`). An edit
that would break a hard rule that held before raises :class:`EditNeedsConfirmation` and changes
nothing, unless it was made with ``confirm=True``: the coordinator may know better, and the plan
then shows it as a violation. Every edit is atomic and audited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.engine.model import PairingWeights
from ontmoeting.engine.pairing import pair_reasons
from ontmoeting.engine.results import Note
from ontmoeting.planning.checking import plan_settings, recheck
from ontmoeting.planning.inputs import edition_inputs, engine_ref
from ontmoeting.planning.models import (
    Plan,
    PlannedGroup,
    PlannedGroupMember,
    PlannedPair,
    PlanStatus,
)
from ontmoeting.privacy.audit import Actor, record

#: Fields a new version takes over from the version it is copied from.
COPIED_FIELDS = (
    "seed",
    "settings",
    "feasible",
    "objective",
    "violations",
    "notes",
    "unpaired",
    "seconds",
    "block_rooms",
)


class EditRefused(ValueError):
    """The edit makes no sense as asked (e.g. the person is locked or not in this plan)."""


class EditNeedsConfirmation(Exception):
    """The edit breaks hard rules that held before; ``violations`` names them."""

    def __init__(self, violations: list[dict[str, Any]]) -> None:
        super().__init__(_("This change breaks a hard rule."))
        self.violations = violations


def _key(v: dict[str, Any]) -> tuple[Any, ...]:
    return (v.get("code", v["rule"]), tuple(sorted(v["refs"])), v.get("group"))


def copy_version(plan: Plan, *, actor: Actor) -> Plan:
    """A new draft version with the pairs, groups and rooms of ``plan`` (``based_on`` it)."""
    Edition.objects.select_for_update(no_key=True).filter(pk=plan.edition_id).get()
    version = (
        Plan.objects.filter(edition_id=plan.edition_id).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    draft = Plan.objects.create(
        edition_id=plan.edition_id,
        version=version,
        status=PlanStatus.DRAFT,
        created_by=actor if isinstance(actor, User) else None,
        created_by_label=actor if isinstance(actor, str) else "",
        based_on=plan,
        edited=True,
        **{f: getattr(plan, f) for f in COPIED_FIELDS},
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
    return draft


def _edit(
    plan: Plan,
    *,
    actor: Actor,
    confirm: bool,
    action: str,
    change: Callable[[Plan], dict[str, Any]],
) -> Plan:
    """Copy ``plan`` into a new version, apply ``change`` to it and re-check it."""
    with transaction.atomic():
        current = Plan.objects.select_for_update(no_key=True).select_related("edition").get(pk=plan.pk)
        if current.status == PlanStatus.UNDONE:
            raise EditRefused(_("This change was undone; edit the version before it."))
        before = {_key(v) for v in current.violations if v["hard"]}
        draft = copy_version(current, actor=actor)
        data = change(draft)
        recheck(draft)
        new = [v for v in draft.violations if v["hard"] and _key(v) not in before]
        if new and not confirm:
            raise EditNeedsConfirmation(new)  # the atomic block rolls the new version back
        draft.change = {"action": action, **data}
        draft.save(update_fields=["change"])
        record(
            action,
            actor=actor,
            obj=draft,
            version=draft.version,
            source=current.version,
            confirmed=bool(new),
            **data,
        )
    return draft


def undo_last_change(plan: Plan, *, actor: Actor) -> Plan:
    """Undo the hand edit that made ``plan``: it is marked undone and the version it was made
    from is returned. Only a draft made by a hand edit can be undone; idempotent."""
    with transaction.atomic():
        current = Plan.objects.select_for_update(no_key=True).get(pk=plan.pk)
        if current.based_on_id is None or not current.change:
            raise EditRefused(
                _("This version was not made by a hand edit: there is nothing to undo.")
            )
        if current.status == PlanStatus.PUBLISHED:
            raise EditRefused(_("This version is published; publish another one first."))
        if current.status != PlanStatus.UNDONE:
            current.status = PlanStatus.UNDONE
            current.save(update_fields=["status"])
            record(
                "plan.undo",
                actor=actor,
                obj=current,
                version=current.version,
                back_to=current.based_on.version if current.based_on else None,
            )
        assert current.based_on is not None
        return current.based_on


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
            pair.reasons = [r.to_json() for r in (Note("set_by_hand"), *why)]
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
