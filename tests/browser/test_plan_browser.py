"""A coordinator makes a plan in the background, edits it, re-plans around the locks, compares
and publishes — in a real browser, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

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


def _version(page, edition) -> int:
    page.wait_for_url(re.compile(rf"/editions/{edition.pk}/plans/\d+/"))
    return int(re.search(r"/plans/(\d+)/", page.url).group(1))


def test_coordinator_makes_edits_undoes_replans_compares_and_publishes(
    live_server, task_worker, page, make_staff, axe, settings
):
    """In Dutch, as coordinators use it: every edit is a new version, one can be undone, the
    findings read as sentences with names, and the plan the engine made is published."""
    edition, students, _experts = plannable_edition(n_pairs=12, chairs=3)
    _login(page, live_server, make_staff("coordinator"))
    base = f"{live_server.url}/editions/{edition.pk}/plans/"

    page.goto(base)
    axe(page)
    page.click("[data-testid=advanced-settings] summary")  # the advanced settings are folded
    page.fill("#id_time_limit", "1")
    page.fill("#id_seed", "1")
    page.click("#make-plan")
    _make_run(page, axe, edition, 1)
    axe(page)
    assert page.locator("[data-testid=pairs] tbody tr").count() == 12
    assert "Alle harde regels zijn nageleefd." in page.content()
    assert (
        "zit voor het eerst een groep voor" in page.locator("[data-testid=warnings]").inner_text()
    )

    page.click("[data-testid=lock-pair-S000]")
    page.locator("[data-testid=unlock-pair-S000]").wait_for()
    assert _version(page, edition) == 2
    assert "Bewaard als versie 2." in page.content()
    axe(page)

    v1 = Plan.objects.get(edition=edition, version=1)
    expert = dict(v1.pairs.values_list("student__ref", "expert_id"))
    other = next(s for s in students[2:] if expert[s.ref] != expert[students[1].ref])
    page.click(f"[data-testid=swap-pair-{students[1].ref}] summary")
    page.fill(f"#swap-with-{students[1].pk}", f"{other.ref} — {other.person.full_name}")
    page.click(f"[data-testid=swap-pair-{students[1].ref}] button[type=submit]")
    page.wait_for_load_state()
    if page.locator("#confirm-edit").count():
        axe(page)
        page.click("#confirm-edit")
        page.wait_for_load_state()
    assert _version(page, edition) == 3
    axe(page)
    v3 = Plan.objects.get(edition=edition, version=3)
    swapped = dict(v3.pairs.values_list("student__ref", "expert_id"))
    assert swapped[students[1].ref] == expert[other.ref]
    assert "ervaringsdeskundigen van" in page.locator("[data-testid=plan-change]").inner_text()

    page.click("#undo")
    page.wait_for_load_state()
    assert _version(page, edition) == 2
    assert "Wijziging ongedaan gemaakt: terug naar versie 2." in page.content()
    assert Plan.objects.get(pk=v3.pk).status == "undone"
    axe(page)

    page.click("#replan")
    _make_run(page, axe, edition, 4)
    axe(page)
    page.locator("[data-testid=unlock-pair-S000]").wait_for()

    page.goto(base)
    axe(page)
    assert page.locator("text=Versie 3").count() == 0  # undone versions leave the list
    page.select_option("#compare-a", "1")
    page.select_option("#compare-b", "4")
    page.click("#compare")
    page.locator("[data-testid=changes]").wait_for()
    axe(page)

    page.goto(f"{base}4/")
    assert Plan.objects.get(edition=edition, version=4).feasible
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish")
    page.wait_for_load_state()
    assert (
        page.locator("[data-testid=plan-status]")
        .get_attribute("class")
        .endswith("status-published")
    )
    assert "Versie 4 is gepubliceerd." in page.content()
    axe(page)
    assert Plan.objects.get(edition=edition, version=4).status == "published"
    edition.refresh_from_db()
    assert edition.status == "published"
