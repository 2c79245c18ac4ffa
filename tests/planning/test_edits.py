"""Hand edits of a plan: locks, swaps, moves and chairs — each a new version, re-checked with the
engine's own rules, and undoable."""

from __future__ import annotations

import pytest

from ontmoeting.planning.edits import (
    EditNeedsConfirmation,
    EditRefused,
    change_chair,
    lock_member,
    lock_pair,
    move_member,
    swap_members,
    swap_students,
    undo_last_change,
)
from ontmoeting.planning.models import Plan, PlannedGroupMember, PlanStatus
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import KnowsLinkFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    edition, students, experts = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    return plan, students, experts


def _expert_of(plan, student):
    return plan.pairs.get(student=student).expert


def _group_of(plan, participant):
    return PlannedGroupMember.objects.get(group__plan=plan, participant=participant).group


def _rules(plan):
    return {v["rule"] for v in plan.violations if v["hard"]}


def test_lock_pair_saves_a_new_version_and_audits(planned):
    plan, students, _ = planned
    edited = lock_pair(plan, student=students[0], locked=True, actor="test")
    assert (edited.version, edited.based_on, edited.status) == (2, plan, PlanStatus.DRAFT)
    assert edited.pairs.get(student=students[0]).locked
    assert not plan.pairs.get(student=students[0]).locked  # the engine's version stays
    assert edited.change == {"action": "plan.lock_pair", "student": "S000", "locked": True}
    entry = AuditEntry.objects.get(action="plan.lock_pair")
    assert (entry.object_id, entry.data["source"]) == (str(edited.pk), 1)


def test_swap_students_swaps_experts_and_keeps_pairs_together(planned):
    plan, students, _ = planned
    a, b = (
        students[0],
        next(s for s in students[1:] if _expert_of(plan, s) != _expert_of(plan, students[0])),
    )
    ea, eb = _expert_of(plan, a), _expert_of(plan, b)
    edited = swap_students(plan, student_a=a, student_b=b, actor="test")
    assert (_expert_of(edited, a), _expert_of(edited, b)) == (eb, ea)
    assert (_expert_of(plan, a), _expert_of(plan, b)) == (ea, eb)
    assert _group_of(edited, a).number == _group_of(edited, eb).number
    assert edited.pairs.get(student=a).reasons[0] == {"code": "set_by_hand", "params": {}}
    assert edited.edited
    assert "keep_together" not in _rules(edited)


def test_swap_with_someone_they_know_needs_confirmation_then_shows_a_violation(planned):
    plan, students, _ = planned
    a = students[0]
    b = next(s for s in students[1:] if _expert_of(plan, s) != _expert_of(plan, a))
    KnowsLinkFactory(
        a=min(a, _expert_of(plan, b), key=lambda p: p.pk),
        b=max(a, _expert_of(plan, b), key=lambda p: p.pk),
    )
    with pytest.raises(EditNeedsConfirmation) as refused:
        swap_students(plan, student_a=a, student_b=b, actor="test")
    assert {v["code"] for v in refused.value.violations} >= {"knows"}
    assert Plan.objects.filter(edition=plan.edition).count() == 1  # nothing saved
    edited = swap_students(plan, student_a=a, student_b=b, actor="test", confirm=True)
    knows = [v for v in edited.violations if v["code"] == "knows"]
    assert [sorted(v["refs"]) for v in knows] == [sorted([a.ref, _expert_of(edited, a).ref])]
    assert not edited.feasible
    entry = AuditEntry.objects.get(action="plan.swap_students")
    assert entry.data["confirmed"] is True


def test_moving_someone_next_to_a_person_they_know_is_an_apart_violation(planned):
    plan, students, _experts = planned
    x = students[0]
    other = next(s for s in students if _group_of(plan, s) != _group_of(plan, x))
    KnowsLinkFactory(a=x, b=other)
    target = _group_of(plan, other)
    with pytest.raises(EditNeedsConfirmation) as refused:
        move_member(plan, participant=x, group_number=target.number, actor="test")
    assert "apart" in {v["rule"] for v in refused.value.violations}
    edited = move_member(
        plan, participant=x, group_number=target.number, actor="test", confirm=True
    )
    apart = [v for v in edited.violations if v["rule"] == "apart"]
    assert len(apart) == 1
    assert set(apart[0]["refs"]) == {x.ref, other.ref}
    checks = {c["rule"]: c["ok"] for c in edited.groups.get(number=target.number).checks}
    assert checks["apart"] is False


def test_swap_members_between_groups_moves_both(planned):
    plan, students, _ = planned
    a = students[0]
    b = next(s for s in students if _group_of(plan, s) != _group_of(plan, a))
    ga, gb = _group_of(plan, a).number, _group_of(plan, b).number
    edited = swap_members(plan, a=a, b=b, actor="test", confirm=True)
    assert (_group_of(edited, a).number, _group_of(edited, b).number) == (gb, ga)


def test_change_chair_to_an_expert_not_willing_needs_confirmation(planned):
    plan, _, _experts = planned
    group = plan.groups.order_by("number").first()
    unwilling = next(
        m.participant
        for m in group.memberships.select_related("participant")
        if m.participant.role == "expert"
        and m.participant_id != group.chair_id
        and not m.participant.person.expert_profile.can_chair
    )
    with pytest.raises(EditNeedsConfirmation) as refused:
        change_chair(plan, group_number=group.number, chair=unwilling, actor="test")
    assert [v["code"] for v in refused.value.violations] == ["chair_unwilling"]
    edited = change_chair(
        plan, group_number=group.number, chair=unwilling, actor="test", confirm=True
    )
    changed = edited.groups.get(number=group.number)
    assert changed.chair == unwilling
    assert not next(c for c in changed.checks if c["rule"] == "chair")["ok"]


def test_locked_people_and_chairs_cannot_be_moved(planned):
    plan, students, _ = planned
    locked = lock_member(plan, participant=students[0], locked=True, actor="test")
    other = next(
        g for g in locked.groups.all() if g.number != _group_of(locked, students[0]).number
    )
    with pytest.raises(EditRefused):
        move_member(locked, participant=students[0], group_number=other.number, actor="test")
    chair = locked.groups.exclude(number=other.number).first().chair
    with pytest.raises(EditRefused):
        move_member(locked, participant=chair, group_number=other.number, actor="test")


def test_editing_a_published_version_makes_a_new_draft(planned):
    plan, students, _ = planned
    assert plan.feasible, plan.violations
    publish_plan(plan, actor="test")
    draft = lock_pair(plan, student=students[1], locked=True, actor="test")
    assert (draft.version, draft.status, draft.based_on, draft.edited) == (
        2,
        PlanStatus.DRAFT,
        plan,
        True,
    )
    assert draft.pairs.count() == plan.pairs.count()
    assert draft.pairs.get(student=students[1]).locked
    assert not plan.pairs.get(student=students[1]).locked
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert sorted(
        PlannedGroupMember.objects.filter(group__plan=draft).values_list("participant", flat=True)
    ) == sorted(
        PlannedGroupMember.objects.filter(group__plan=plan).values_list("participant", flat=True)
    )


def test_undo_goes_back_one_change_at_a_time(planned):
    plan, students, _ = planned
    first = lock_pair(plan, student=students[0], locked=True, actor="test")
    second = lock_pair(first, student=students[1], locked=True, actor="test")
    assert undo_last_change(second, actor="test") == first
    second.refresh_from_db()
    assert second.status == PlanStatus.UNDONE
    assert undo_last_change(first, actor="test") == plan
    with pytest.raises(EditRefused):
        undo_last_change(plan, actor="test")  # the engine's version: nothing to undo
    with pytest.raises(EditRefused):
        lock_pair(second, student=students[2], locked=True, actor="test")  # undone: no edits
    assert AuditEntry.objects.filter(action="plan.undo").count() == 2


def test_moving_someone_away_and_back_still_reports_a_group_without_room(planned):
    """The re-check after an edit is the engine's whole check: a group without a room stays a
    hard violation (it once stopped being counted after any edit)."""
    plan, students, _ = planned
    group = _group_of(plan, students[0])
    group.room = None
    group.save(update_fields=["room"])
    elsewhere = next(g for g in plan.groups.all() if g.pk != group.pk)
    away = move_member(
        plan, participant=students[0], group_number=elsewhere.number, actor="test", confirm=True
    )
    back = move_member(
        away, participant=students[0], group_number=group.number, actor="test", confirm=True
    )
    no_room = [v for v in back.violations if v["code"] == "no_room"]
    assert [v["group"] for v in no_room] == [group.number - 1]
    assert not back.feasible
