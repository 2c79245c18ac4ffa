"""The report pages in a real browser, checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.utils import translation

from ontmoeting.reports.analysis import edition_report
from ontmoeting.reports.templatetags.report_tags import ci, num
from tests.browser.conftest import check_accessibility
from tests.reports.survey_data import make_survey_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_load_state()
    assert "/login/" not in page.url


def test_researcher_report_pages_are_accessible(live_server, page, make_staff):
    covariates = [{"expert_experience": "veteran"}] * 6 + [{"expert_experience": "newcomer"}] * 2
    make_survey_edition(2025, n_students=8, covariates=covariates, seed=2)
    data = make_survey_edition(2026, n_students=8, covariates=covariates)
    _login(page, live_server, make_staff("researcher"))
    for path in ("/reports/", "/reports/2026/", "/reports/trends/", "/reports/2026/export/"):
        page.goto(f"{live_server.url}{path}")
        assert page.url == f"{live_server.url}{path}"
        assert page.locator("h1").count() == 1
        check_accessibility(page)
    page.goto(f"{live_server.url}/reports/2026/")
    assert page.locator("[data-testid=prepost] tbody tr").count() == 3
    assert page.locator("figure img").count() == 2
    # change = post - pre, stated once and read in words per subscale
    assert page.locator("[data-testid=sign-convention]").count() == 1
    assert page.locator("[data-testid=changes-in-words] li").count() == 3
    scale = next(s for s in edition_report(data.edition).scales if s.code == "attitudes")
    assert scale.change is not None
    with translation.override("nl"):
        shown = f"{num(scale.change.mean)} {ci(scale.change.ci)}"
    assert page.locator("[data-testid=change-attitudes]").inner_text().strip() == shown


def test_coordinator_export_page_is_accessible(live_server, page, make_staff):
    make_survey_edition(n_students=3)
    _login(page, live_server, make_staff("coordinator"))
    page.goto(f"{live_server.url}/reports/2026/export/")
    assert page.locator("[data-testid=identified-form]").count() == 1
    check_accessibility(page)
    page.click("[data-testid=covariates-form] button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/reports/2026/export/")
    check_accessibility(page)
