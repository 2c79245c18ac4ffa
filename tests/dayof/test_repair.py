"""Repair on the day: the published plan without the absent people, with the fewest changes,
saved as a new version, published, and the people whose day changed are told."""

from __future__ import annotations

import pytest

from ontmoeting.dayof.repair import CannotRepair, apply_repair, propose_repair
from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """A published plan of twelve pairs and three willing chairs."""
    edition, students, experts = plannable_edition(n_pairs=12, chairs=3)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    return edition, students, experts, plan


def test_nothing_to_repair_without_a_published_plan_or_without_anyone_absent(day):
    edition, _students, experts, plan = day
    with pytest.raises(CannotRepair):
        propose_repair(edition, absent=[])
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.WITHDRAWN)
    with pytest.raises(CannotRepair):
        propose_repair(edition, absent=[experts[0]])


def _not_chairing(plan):
    chairs = set(plan.groups.values_list("chair", flat=True))
    return next(p.expert for p in plan.pairs.order_by("pk") if p.expert_id not in chairs)


def test_the_students_of_an_absent_expert_are_the_only_pairs_that_change(day):
    edition, _students, _experts, plan = day
    absent_expert = _not_chairing(plan)
    their_students = {p.student.ref for p in plan.pairs.filter(expert=absent_expert)}
    proposal = propose_repair(edition, absent=[absent_expert])
    pair_changes = [c for c in proposal.result.changes if c.kind == "repair_pair"]
    # The minimum: only the absent expert's students need another expert; nobody else moves.
    assert {c.ref for c in pair_changes} == their_students
    assert proposal.feasible
    assert all(text for _ref, text in proposal.sentences)
    assert Plan.objects.filter(edition=edition).count() == 1  # a proposal writes nothing


def test_applying_saves_publishes_and_tells_the_people_concerned(day):
    edition, _students, _experts, plan = day
    absent_expert = _not_chairing(plan)
    their_students = [p.student for p in plan.pairs.filter(expert=absent_expert)]
    repaired = apply_repair(edition, absent=[absent_expert], actor="test")
    assert repaired.status == PlanStatus.PUBLISHED
    assert repaired.based_on_id == plan.pk
    assert repaired.change["action"] == "plan.repair"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.WITHDRAWN
    absent_expert.refresh_from_db()
    assert absent_expert.status == ParticipantStatus.ABSENT
    assert not repaired.pairs.filter(expert=absent_expert).exists()
    assert {p.student_id for p in repaired.pairs.all()} >= {s.pk for s in their_students}
    told = set(
        OutboxMessage.objects.filter(kind__startswith="plan_changed").values_list(
            "participant", flat=True
        )
    )
    assert {s.pk for s in their_students} <= told
    assert absent_expert.pk not in told


def test_a_repair_that_would_break_a_hard_rule_is_refused_and_writes_nothing():
    """Six pairs in two groups of at least six: without one of the two chairs no two groups can
    be made; the repair says so and leaves the published plan and everyone's status as they are."""
    edition, _students, _experts = plannable_edition(n_pairs=6, chairs=2)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    chair = plan.groups.first().chair
    proposal = propose_repair(edition, absent=[chair])
    assert not proposal.feasible
    assert proposal.problems
    with pytest.raises(CannotRepair):
        apply_repair(edition, absent=[chair], actor="test")
    chair.refresh_from_db()
    assert chair.status != ParticipantStatus.ABSENT
    assert list(Plan.objects.filter(edition=edition).values_list("version", "status")) == [
        (1, PlanStatus.PUBLISHED)
    ]


def test_the_coordinator_repairs_from_the_board(client, make_staff, day):
    edition, _students, _experts, plan = day
    absent_expert = _not_chairing(plan)
    client.force_login(make_staff("coordinator"))
    board = client.get(f"/day/{edition.pk}/board/").content.decode()
    assert f'data-testid="absent-{absent_expert.ref}"' in board
    proposal = client.post(
        f"/day/{edition.pk}/repair/", {"absent": [absent_expert.pk], "action": "preview"}
    )
    html = proposal.content.decode()
    assert "praat nu met" in html
    assert Plan.objects.filter(edition=edition).count() == 1
    applied = client.post(
        f"/day/{edition.pk}/repair/", {"absent": [absent_expert.pk], "action": "apply"}, follow=True
    )
    assert "Versie 2 is gepubliceerd" in applied.content.decode()
    assert Plan.objects.get(edition=edition, status=PlanStatus.PUBLISHED).version == 2


def test_a_helper_cannot_repair(client, make_staff, day):
    edition, _students, _experts, plan = day
    client.force_login(make_staff("helper"))
    response = client.post(
        f"/day/{edition.pk}/repair/", {"absent": [plan.pairs.first().expert.pk], "action": "apply"}
    )
    assert response.status_code == 403
    assert Plan.objects.filter(edition=edition).count() == 1


def test_the_cli_prints_the_repair_and_applies_it(day, capsys):
    from ontmoeting.cli import main

    edition, _students, _experts, plan = day
    absent_expert = _not_chairing(plan)
    args = ["day", "repair", str(edition.year), "--absent", absent_expert.ref]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "praat nu met" in out
    assert "Er werd niets gewijzigd" in out
    assert main([*args, "--apply"]) == 0
    assert "Versie 2 is gepubliceerd" in capsys.readouterr().out
    assert main(["day", "repair", str(edition.year), "--absent", "X999"]) == 2


def test_a_cancellation_after_publishing_flags_the_plan_on_the_dashboard_and_offers_the_repair(
    client, make_staff, day
):
    from ontmoeting.dayof.repair import gone_from_plan

    edition, _students, _experts, plan = day
    cancelled = _not_chairing(plan)
    cancelled.status = ParticipantStatus.CANCELLED
    cancelled.save()
    assert gone_from_plan(edition) == [cancelled]
    client.force_login(make_staff("coordinator"))
    html = client.get(f"/editions/{edition.pk}/").content.decode()
    assert 'data-testid="gone-from-plan"' in html
    assert f'name="absent" value="{cancelled.pk}"' in html
    client.post(f"/day/{edition.pk}/repair/", {"absent": [cancelled.pk], "action": "apply"})
    cancelled.refresh_from_db()
    assert cancelled.status == ParticipantStatus.CANCELLED  # a cancellation stays one
    assert gone_from_plan(edition) == []
    assert Plan.objects.get(edition=edition, status=PlanStatus.PUBLISHED).version == 2


def test_someone_who_came_without_being_planned_gets_a_partner_and_a_group_and_nobody_else_moves(
    client, make_staff, day
):
    from ontmoeting.dayof.board import board
    from ontmoeting.dayof.checkin import tap
    from tests.factories import ParticipantFactory

    edition, students, _experts, plan = day
    walk_in = ParticipantFactory(
        edition=edition,
        role=students[0].role,
        status=ParticipantStatus.CONFIRMED,
        ref="S999",
        class_group=students[0].class_group,
    )
    tap(edition, participant_id=walk_in.pk, kind="arrive", actor="test")
    assert [p.ref for p in board(edition).unplanned] == ["S999"]
    client.force_login(make_staff("coordinator"))
    page = client.get(f"/day/{edition.pk}/board/").content.decode()
    assert 'data-testid="board-unplanned"' in page
    assert 'data-testid="repair-unplanned"' in page

    proposal = propose_repair(edition, absent=[])
    assert proposal.feasible
    old_pairs = {
        (p.student.ref, p.expert.ref) for p in plan.pairs.select_related("student", "expert")
    }
    new_pairs = {(p.student, p.expert) for p in proposal.result.plan.pairs}
    assert old_pairs < new_pairs  # every planned conversation stays
    assert [s for s, _e in new_pairs - old_pairs] == ["S999"]
    assert any("S999" in g.members for g in proposal.result.plan.groups)
    texts = [text for ref, text in proposal.sentences if ref == "S999"]
    assert any("was niet in de planning" in t for t in texts)
    assert not any("None" in t or "—" in t for t in texts)
