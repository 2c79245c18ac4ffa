"""Comparing two versions lists exactly who moved."""

from __future__ import annotations

import pytest

from ontmoeting.planning.compare import compare_plans
from ontmoeting.planning.edits import change_chair, move_member, swap_students
from ontmoeting.planning.models import PlannedGroupMember
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def test_compare_lists_exactly_the_people_who_moved():
    edition, students, _ = plannable_edition()
    v1, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    v1.status = "published"
    v1.save()
    pair = {p.student_id: p.expert_id for p in v1.pairs.all()}
    a = students[0]
    b = next(s for s in students if pair[s.pk] != pair[a.pk])
    v2 = swap_students(v1, student_a=a, student_b=b, actor="test", confirm=True)
    assert v2.version == 2
    assert compare_plans(v1, v1) == []
    changes = compare_plans(v1, v2)
    moved_expert = [(c.kind, c.who) for c in changes if c.kind == "expert"]
    assert moved_expert == [("expert", a), ("expert", b)]
    group = {
        m.participant_id: m.group.number
        for m in PlannedGroupMember.objects.filter(group__plan=v1).select_related("group")
    }
    expected_group_moves = sorted(
        [s.ref for s in (a, b) if group[s.pk] != group[b.pk if s == a else a.pk]]
    )
    assert sorted(c.who.ref for c in changes if c.kind == "group") == expected_group_moves
    room_changes = [c for c in changes if c.kind == "morning_room"]
    assert room_changes == []  # rooms follow the experts


def test_compare_shows_a_new_chair_and_a_move():
    edition, _students, _ = plannable_edition()
    v1, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    group = v1.groups.order_by("number").first()
    new_chair = next(
        m.participant
        for m in group.memberships.select_related("participant")
        if m.participant.role == "expert" and m.participant_id != group.chair_id
    )
    mover = next(
        m.participant
        for m in PlannedGroupMember.objects.filter(group__plan=v1)
        .exclude(group=group)
        .select_related("participant")
        if m.participant.role == "student"
    )
    v1.status = "withdrawn"
    v1.save()
    v2 = change_chair(v1, group_number=group.number, chair=new_chair, actor="test", confirm=True)
    v2 = move_member(v2, participant=mover, group_number=group.number, actor="test", confirm=True)
    changes = compare_plans(v1, v2)
    assert [(c.kind, c.who) for c in changes] == [("group", mover), ("chair", new_chair)]
    assert changes[1].subject == group.name
