"""Hand edits of a plan: locks, swaps, moves and chairs, each re-checked with the engine's rules."""

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


def test_lock_pair_stores_the_lock_and_audits(planned):
    plan, students, _ = planned
    edited = lock_pair(plan, student=students[0], locked=True, actor="test")
    assert edited == plan
    assert plan.pairs.get(student=students[0]).locked
    assert AuditEntry.objects.filter(action="plan.lock_pair", object_id=str(plan.pk)).count() == 1
    lock_pair(plan, student=students[0], locked=True, actor="test")
    assert plan.pairs.filter(locked=True).count() == 1


def test_swap_students_swaps_experts_and_keeps_pairs_together(planned):
    plan, students, _ = planned
    a, b = (
        students[0],
        next(s for s in students[1:] if _expert_of(plan, s) != _expert_of(plan, students[0])),
    )
    ea, eb = _expert_of(plan, a), _expert_of(plan, b)
    swap_students(plan, student_a=a, student_b=b, actor="test")
    assert (_expert_of(plan, a), _expert_of(plan, b)) == (eb, ea)
    assert _group_of(plan, a) == _group_of(plan, eb)
    assert plan.pairs.get(student=a).reasons[0] == "set by hand"
    plan.refresh_from_db()
    assert plan.edited
    assert "keep_together" not in _rules(plan)


def test_swap_with_someone_they_know_needs_confirmation_then_shows_a_violation(planned):
    plan, students, _ = planned
    a = students[0]
    b = next(s for s in students[1:] if _expert_of(plan, s) != _expert_of(plan, a))
    KnowsLinkFactory(
        a=min(a, _expert_of(plan, b), key=lambda p: p.pk),
        b=max(a, _expert_of(plan, b), key=lambda p: p.pk),
    )
    before = _expert_of(plan, a)
    with pytest.raises(EditNeedsConfirmation) as refused:
        swap_students(plan, student_a=a, student_b=b, actor="test")
    assert {v["rule"] for v in refused.value.violations} >= {"knows"}
    assert _expert_of(plan, a) == before
    swap_students(plan, student_a=a, student_b=b, actor="test", confirm=True)
    plan.refresh_from_db()
    knows = [v for v in plan.violations if v["rule"] == "knows"]
    assert [sorted(v["refs"]) for v in knows] == [sorted([a.ref, _expert_of(plan, a).ref])]
    assert not plan.feasible
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
    move_member(plan, participant=x, group_number=target.number, actor="test", confirm=True)
    plan.refresh_from_db()
    apart = [v for v in plan.violations if v["rule"] == "apart"]
    assert len(apart) == 1
    assert set(apart[0]["refs"]) == {x.ref, other.ref}
    checks = {c["rule"]: c["ok"] for c in plan.groups.get(number=target.number).checks}
    assert checks["apart"] is False


def test_swap_members_between_groups_moves_both(planned):
    plan, students, _ = planned
    a = students[0]
    b = next(s for s in students if _group_of(plan, s) != _group_of(plan, a))
    ga, gb = _group_of(plan, a), _group_of(plan, b)
    swap_members(plan, a=a, b=b, actor="test", confirm=True)
    assert (_group_of(plan, a), _group_of(plan, b)) == (gb, ga)


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
    assert [v["rule"] for v in refused.value.violations] == ["chair"]
    change_chair(plan, group_number=group.number, chair=unwilling, actor="test", confirm=True)
    group.refresh_from_db()
    assert group.chair == unwilling
    assert not next(c for c in group.checks if c["rule"] == "chair")["ok"]


def test_locked_people_and_chairs_cannot_be_moved(planned):
    plan, students, _ = planned
    lock_member(plan, participant=students[0], locked=True, actor="test")
    other = next(g for g in plan.groups.all() if g != _group_of(plan, students[0]))
    with pytest.raises(EditRefused):
        move_member(plan, participant=students[0], group_number=other.number, actor="test")
    chair = plan.groups.first().chair
    with pytest.raises(EditRefused):
        move_member(plan, participant=chair, group_number=other.number, actor="test")


def test_editing_a_published_version_makes_a_new_draft(planned):
    plan, students, _ = planned
    if not plan.feasible:
        pytest.skip("the quick plan broke a hard rule")
    publish_plan(plan, actor="test")
    lock_pair(plan, student=students[1], locked=True, actor="test")
    draft = Plan.objects.get(edition=plan.edition, version=2)
    assert (draft.status, draft.based_on, draft.edited) == (PlanStatus.DRAFT, plan, True)
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
