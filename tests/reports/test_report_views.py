"""Pages under /reports/: who may see what, no identities for researchers, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ontmoeting.privacy.models import AuditEntry
from tests.reports.survey_data import (
    SECRET_EMAIL_DOMAIN,
    SECRET_NAME,
    SECRET_SURNAME,
    make_survey_edition,
)

pytestmark = pytest.mark.django_db

PAGES = [
    ("web:reports", []),
    ("web:report_trends", []),
    ("web:report_edition", [2026]),
    ("web:report_exports", [2026]),
    ("web:report_codebook", [2026, "html"]),
]


def _no_identity(text: str) -> None:
    for secret in (SECRET_NAME, SECRET_SURNAME, SECRET_EMAIL_DOMAIN):
        assert secret not in text


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_report_pages_ask_visitors_to_log_in(client, name, args):
    make_survey_edition(n_students=2)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_report_pages_are_forbidden_to_admins(client, make_staff, name, args):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("admin"))
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_researchers_see_report_pages_without_identities(client, make_staff, name, args):
    make_survey_edition(n_students=6)
    client.force_login(make_staff("researcher"))
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    text = response.content.decode()
    _no_identity(text)


def test_researcher_report_shows_no_study_codes_or_open_answers(client, make_staff):
    data = make_survey_edition(n_students=6)
    client.force_login(make_staff("researcher"))
    html = client.get(reverse("web:report_edition", args=[2026])).content.decode()
    for code in data.codes:
        assert code.code not in html
    assert "thoughts pre" not in html


def test_unknown_year_is_404(client, make_staff):
    client.force_login(make_staff("researcher"))
    assert client.get(reverse("web:report_edition", args=[1999])).status_code == 404
    assert client.get(reverse("web:report_exports", args=[1999])).status_code == 404


def test_researcher_downloads_deidentified_csv_and_it_is_audited(client, make_staff):
    data = make_survey_edition(n_students=3)
    researcher = make_staff("researcher")
    client.force_login(researcher)
    response = client.post(
        reverse("web:report_exports", args=[2026]), {"format": "csv", "audience": "students"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ontmoeting-2026-students.csv"'
    content = response.content.decode("utf-8-sig")
    _no_identity(content)
    assert data.codes[0].code not in content
    assert content.count("\n") == 1 + len(data.codes)
    entry = AuditEntry.objects.get(action="surveys.export")
    assert (entry.actor, entry.data["profile"]) == (researcher, "deidentified")


def test_researcher_asking_for_open_answers_without_a_reason_gets_the_form_back(client, make_staff):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("researcher"))
    response = client.post(
        reverse("web:report_exports", args=[2026]),
        {"format": "csv", "audience": "students", "open_answers": "on", "language": "nl"},
    )
    assert response.status_code == 200
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "Geef een reden van minstens 10 tekens." in response.content.decode()
    assert not AuditEntry.objects.filter(action="surveys.export").exists()


def test_researcher_cannot_export_identified_or_label_subgroups(client, make_staff):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("researcher"))
    identified = client.post(
        reverse("web:report_export_identified", args=[2026]),
        {
            "identified-format": "csv",
            "identified-audience": "students",
            "identified-reason": "I would like to know who answered",
        },
    )
    assert identified.status_code == 403
    assert client.post(reverse("web:report_covariates", args=[2026])).status_code == 403
    assert not AuditEntry.objects.filter(action="surveys.export").exists()


def test_researcher_export_page_has_no_coordinator_forms(client, make_staff):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("researcher"))
    html = client.get(reverse("web:report_exports", args=[2026])).content.decode()
    assert 'data-testid="export-form"' in html
    assert 'data-testid="identified-form"' not in html


def test_coordinator_identified_export_needs_a_reason(client, make_staff):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("coordinator"))
    url = reverse("web:report_export_identified", args=[2026])
    refused = client.post(url, {"identified-format": "csv", "identified-audience": "students"})
    assert refused.status_code == 400
    reason = "to send the prize draw winner a voucher"
    response = client.post(
        url,
        {
            "identified-format": "csv",
            "identified-audience": "students",
            "identified-reason": reason,
        },
    )
    assert response.status_code == 200
    assert f"{SECRET_NAME}0" in response.content.decode("utf-8-sig")
    assert AuditEntry.objects.get(action="surveys.export").data["reason"] == reason


def test_coordinator_labels_subgroups(client, make_staff):
    make_survey_edition(n_students=2)
    client.force_login(make_staff("coordinator"))
    response = client.post(reverse("web:report_covariates", args=[2026]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:report_exports", args=[2026])


def test_report_pdf_download(client, make_staff):
    make_survey_edition(n_students=4)
    client.force_login(make_staff("researcher"))
    response = client.get(reverse("web:report_edition_pdf", args=[2026]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("n_editions", [1, 3])
def test_report_index_query_count(client, make_staff, django_assert_max_num_queries, n_editions):
    for year in range(2024, 2024 + n_editions):
        make_survey_edition(year, n_students=2)
    client.force_login(make_staff("researcher"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("web:reports"))
    assert response.content.decode().count("/reports/20") >= n_editions


@pytest.mark.parametrize("n_students", [1, 3])
def test_edition_report_query_count(client, make_staff, django_assert_max_num_queries, n_students):
    make_survey_edition(n_students=n_students)
    client.force_login(make_staff("researcher"))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("web:report_edition", args=[2026])).status_code == 200


@pytest.mark.parametrize("n_editions", [1, 3])
def test_trends_query_count(client, make_staff, django_assert_max_num_queries, n_editions):
    for year in range(2024, 2024 + n_editions):
        make_survey_edition(year, n_students=2)
    client.force_login(make_staff("researcher"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("web:report_trends")).status_code == 200
