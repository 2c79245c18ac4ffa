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
from tests.factories import EditionFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def _clean(plan):
    plan.violations = [v for v in plan.violations if not v["hard"]]
    plan.feasible = True
    plan.save()
    return plan


def test_publish_refuses_a_version_with_a_hard_violation():
    edition, *_ = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", settings=QUICK)
    plan.violations = [
        {"rule": "knows", "refs": ["S000", "E001"], "message": "x", "hard": True, "group": None}
    ]
    plan.feasible = False
    plan.save()
    with pytest.raises(CannotPublish):
        publish_plan(plan, actor="test")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not AuditEntry.objects.filter(action="plan.publish").exists()


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
    assert "publish a plan version first" in error.value.messages[0]
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
