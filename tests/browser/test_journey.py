"""The coordinator's whole journey in one browser session: log in, upload a roster
with an error, read the report, upload the fixed file, make a plan, lock and swap, re-plan,
publish — with axe-core on every page visited."""

from __future__ import annotations

import re

import pytest

from ontmoeting.editions.models import Participant
from ontmoeting.planning.models import Plan
from tests.editions.roster.roster_helpers import STUDENT_HEADER, student
from tests.web.plans_factories import plannable_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


DOMAINS = ("addiction", "disability", "divorce")


def _roster(path, *, broken: bool) -> None:
    rows = [
        student(
            ref=f"S{i:03d}",
            first_name=f"Student{i}",
            email="not-an-address" if broken and i == 4 else f"student{i}@example.org",
            class_group=f"1{'AB'[i % 2]}",
            interests=DOMAINS[i % 3],
        )
        for i in range(12)
    ]
    path.write_text("\n".join([STUDENT_HEADER, *rows]) + "\n")


def test_roster_to_published_plan(live_server, task_worker, page, make_staff, axe, settings, tmp_path):
    edition, students, _experts = plannable_edition(n_pairs=12, chairs=3)
    Participant.objects.filter(pk__in=[s.pk for s in students]).delete()  # they come by roster
    bad, good = tmp_path / "studenten.csv", tmp_path / "studenten-verbeterd.csv"
    _roster(bad, broken=True)
    _roster(good, broken=False)
    coordinator = make_staff("coordinator")

    page.goto(f"{live_server.url}/login/", timeout=60_000)
    axe(page)
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/editions/$"))
    axe(page)

    # Upload a roster with an error: the report names row, column, value; nothing is written.
    page.goto(f"{live_server.url}/editions/{edition.pk}/roster/")
    axe(page)
    page.check("#id_kind_0")
    page.set_input_files("#id_file", str(bad))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=report-errors]")
    cells = page.locator("[data-testid=report-errors] tbody tr").first.locator("td")
    assert cells.all_inner_texts()[:3] == ["email", "not-an-address", "1: 6"]
    axe(page)
    assert edition.participants.filter(role="student").count() == 0

    # The fixed file: preview, then confirm.
    page.check("#id_kind_0")
    page.set_input_files("#id_file", str(good))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=report-changes]")
    axe(page)
    page.click("[data-testid=confirm-import]")
    page.wait_for_url(re.compile(r"/participants/$"))
    axe(page)
    assert edition.participants.filter(role="student").count() == 12

    # Make a plan in the background; the progress page redirects to version 1.
    plans = f"{live_server.url}/editions/{edition.pk}/plans/"
    page.goto(plans)
    axe(page)
    page.click("[data-testid=advanced-settings] summary")  # the advanced settings are folded
    page.fill("#id_time_limit", "1")
    page.click("#make-plan")
    page.locator("[data-testid=job-status]").wait_for()
    axe(page)
    page.wait_for_url(re.compile(r"/plans/1/$"), timeout=60_000)
    axe(page)
    assert page.locator("[data-testid=pairs] tbody tr").count() == 12

    # Lock a pair, then swap two other students' experts.
    page.click("[data-testid=lock-pair-S000]")
    page.locator("[data-testid=unlock-pair-S000]").wait_for()
    axe(page)
    plan = Plan.objects.get(edition=edition, version=1)
    expert_of = dict(plan.pairs.values_list("student__ref", "expert_id"))
    ids = dict(edition.participants.filter(role="student").values_list("ref", "pk"))
    other = next(r for r in sorted(ids)[2:] if expert_of[r] != expert_of["S001"])
    page.click("[data-testid=swap-pair-S001] summary")
    page.fill(f"#swap-with-{ids['S001']}", other)
    page.click("[data-testid=swap-pair-S001] button[type=submit]")
    page.wait_for_load_state()
    if page.locator("#confirm-edit").count():
        axe(page)
        page.click("#confirm-edit")
        page.wait_for_load_state()
    axe(page)
    edited = Plan.objects.filter(edition=edition).order_by("-version").first()
    swapped = dict(edited.pairs.values_list("student__ref", "expert_id"))
    assert swapped["S001"] == expert_of[other]

    # Re-plan around the lock: the locked pair is kept in the new version.
    page.click("#replan")
    page.locator("[data-testid=job-status]").wait_for()
    page.wait_for_url(re.compile(r"/plans/\d+/$"), timeout=60_000)
    axe(page)
    newest = Plan.objects.filter(edition=edition).order_by("-version").first()
    assert dict(newest.pairs.values_list("student__ref", "expert_id"))["S000"] == expert_of["S000"]

    # Publish it.
    assert newest.feasible
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish")
    page.wait_for_load_state()
    axe(page)
    newest.refresh_from_db()
    edition.refresh_from_db()
    assert (newest.status, edition.status) == ("published", "published")
