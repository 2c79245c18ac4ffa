"""Publishing a version: only without hard violations, one at a time, audited; and an edition
is published only when one of its plan versions is."""

from __future__ import annotations

import pytest

from ontmoeting.editions.models import Edition, InvalidTransition
from ontmoeting.editions.services import transition_edition
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.planning.publish import CannotPublish, publish_plan
from ontmoeting.planning.services import plan_edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, KnowsLinkFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def _clean(plan):
    assert plan.feasible, plan.violations  # the engine's plan of this edition holds
    return plan


def test_publish_refuses_a_plan_that_breaks_a_rule_now_and_names_it():
    """The guard runs the engine's check on the plan as it stands: a knows link recorded after
    planning breaks a pair, whatever the stored verdict said."""
    edition, students, _ = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", settings=QUICK)
    assert plan.feasible
    expert = plan.pairs.get(student=students[0]).expert
    a, b = sorted((students[0], expert), key=lambda p: p.pk)
    KnowsLinkFactory(edition=edition, a=a, b=b)
    with pytest.raises(CannotPublish) as refused:
        publish_plan(plan, actor="test")
    assert [(v["code"], sorted(v["refs"])) for v in refused.value.violations] == [
        ("knows", sorted([students[0].ref, expert.ref]))
    ]
    plan.refresh_from_db()
    assert (plan.status, plan.feasible) == (PlanStatus.DRAFT, False)
    assert not AuditEntry.objects.filter(action="plan.publish").exists()


def test_publish_refuses_a_group_without_a_room():
    edition, *_ = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", settings=QUICK)
    plan.groups.filter(number=1).update(room=None)
    with pytest.raises(CannotPublish) as refused:
        publish_plan(plan, actor="test")
    assert [(v["code"], v["group"]) for v in refused.value.violations] == [("no_room", 0)]


def test_publish_withdraws_the_previous_version_and_moves_the_edition():
    edition, *_ = plannable_edition()
    v1 = _clean(plan_edition(edition, actor="test", settings=QUICK)[0])
    v2 = _clean(plan_edition(edition, actor="test", seed=2, settings=QUICK)[0])
    publish_plan(v1, actor="test")
    assert Edition.objects.get(pk=edition.pk).status == "published"
    publish_plan(v2, actor="test")
    publish_plan(v2, actor="test")
    statuses = dict(Plan.objects.filter(edition=edition).values_list("version", "status"))
    assert statuses == {1: PlanStatus.WITHDRAWN, 2: PlanStatus.PUBLISHED}
    assert list(
        AuditEntry.objects.filter(action="plan.publish")
        .order_by("pk")
        .values_list("data__version", flat=True)
    ) == [1, 2]


def test_edition_is_published_only_with_a_published_plan():
    edition = EditionFactory(year=2026, status="planned")
    Plan.objects.create(edition=edition, version=1, status=PlanStatus.DRAFT)
    with pytest.raises(InvalidTransition) as error:
        transition_edition(edition, to="published", actor="test")
    assert "publiceer eerst een planningsversie" in error.value.messages[0]
    assert "ontmoeting plan publish 2026" in error.value.messages[0]
    assert Edition.objects.get(pk=edition.pk).status == "planned"
    assert not AuditEntry.objects.filter(action="edition.transition").exists()

    Plan.objects.create(edition=edition, version=2, status=PlanStatus.PUBLISHED)
    transition_edition(edition, to="published", actor="test")
    assert Edition.objects.get(pk=edition.pk).status == "published"


def test_a_withdrawn_plan_does_not_let_the_edition_be_published():
    edition = EditionFactory(year=2026, status="planned")
    Plan.objects.create(edition=edition, version=1, status=PlanStatus.WITHDRAWN)
    with pytest.raises(InvalidTransition):
        transition_edition(edition, to="published", actor="test")
