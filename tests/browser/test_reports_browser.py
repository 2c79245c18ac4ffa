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


def test_researcher_opens_the_2025_report_and_exports_deidentified_data_and_codebook(
    live_server, page, make_staff, tmp_path
):
    """The researcher's journey in Dutch: report, linkage table, de-identified CSV, codebook."""
    import csv
    import io

    from openpyxl import load_workbook

    from tests.reports.survey_data import SECRET_NAME, SECRET_SURNAME, add_paper_forms

    data = make_survey_edition(2025, n_students=8, seed=3)
    add_paper_forms(
        data, [("pre", "MA07GE"), ("post", "MA07GE"), ("pre", "EL17OO"), ("post", "EL11OO")]
    )
    _login(page, live_server, make_staff("researcher"))
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Rapport 2025").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reports/2025/")
    linkage = page.locator("[data-testid=linkage]")
    assert linkage.locator("[data-testid=link-study_code] td").inner_text() == "8"
    assert linkage.locator("[data-testid=link-self_code] td").inner_text() == "1"
    assert linkage.locator("[data-testid=link-self_code_tolerant] td").inner_text() == "1"
    assert linkage.locator("[data-testid=link-total] td").inner_text() == "10"
    check_accessibility(page)

    page.get_by_role("link", name="De gegevens exporteren").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reports/2025/export/")
    form = page.locator("[data-testid=export-form]")
    form.locator("select[name=format]").select_option("csv")
    form.locator("input[name=open_answers]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        "Geef een reden van minstens 10 tekens."
        in page.locator("[data-testid=export-form]").inner_text()
    )

    form = page.locator("[data-testid=export-form]")
    form.locator("select[name=format]").select_option("csv")
    form.locator("input[name=open_answers]").uncheck()
    with page.expect_download() as download_info:
        form.locator("button[type=submit]").click()
    path = tmp_path / "export.csv"
    download_info.value.save_as(path)
    content = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 8 + 2
    assert all(row["pseudonym"].startswith("R-") for row in rows)
    assert (
        sum(1 for row in rows if row["pre_complete"] == "1" and row["post_complete"] == "1") == 10
    )
    for secret in (SECRET_NAME, SECRET_SURNAME, "MA07GE", "S2025000", "open_thoughts"):
        assert secret not in content

    with page.expect_download() as download_info:
        page.locator("[data-testid=codebook-xlsx]").click()
    book = tmp_path / "codebook.xlsx"
    download_info.value.save_as(book)
    header = next(load_workbook(book)["codebook"].iter_rows(values_only=True))
    assert header[:3] == ("variabele", "label", "type")

    page.locator("[data-testid=codebook-html]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Codeboek 2025")
    assert page.locator("th code", has_text="link_method").count() == 1
