"""The "Tables" pages of a co-creation meeting: coordinator-only, run a plan, see the tables
and the findings with names, keep and export the harvest, download the PDFs. In Dutch."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ontmoeting.cocreation.models import TableNote, TablePlan
from ontmoeting.cocreation.tables import plan_tables
from ontmoeting.editions.enums import Format
from ontmoeting.privacy.models import AuditEntry
from tests.cocreation.tables_data import co_creation_edition
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    return cc, plan


def _urls(plan):
    e, v = plan.edition_id, plan.version
    return [
        reverse("web:tables", args=[e]),
        reverse("web:tables-detail", args=[e, v]),
        reverse("web:tables-harvest", args=[e, v]),
        reverse("web:tables-harvest-export", args=[e, v, "csv"]),
        reverse("web:tables-document", args=[e, v, "table-cards"]),
    ]


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_tables_pages_are_for_coordinators_only(client, make_staff, planned, role):
    _, plan = planned
    client.force_login(make_staff(role))
    for url in _urls(plan):
        assert client.get(url).status_code == 403
    assert client.post(reverse("web:tables-make", args=[plan.edition_id])).status_code == 403


def test_an_encounter_day_has_no_tables(client, make_staff):
    edition = EditionFactory(year=2031, format=Format.ENCOUNTER_DAY)
    client.force_login(make_staff("coordinator"))
    assert client.get(reverse("web:tables", args=[edition.pk])).status_code == 404


def test_coordinator_plans_two_rounds_and_sees_every_table_with_names(client, make_staff):
    cc = co_creation_edition()
    client.force_login(make_staff("coordinator"))
    page = client.get(reverse("web:tables", args=[cc.edition.pk]))
    assert page.status_code == 200
    assert 'data-testid="nav-tables"' in page.content.decode()
    response = client.post(
        reverse("web:tables-make", args=[cc.edition.pk]),
        {"rounds": 2, "min_size": 4, "max_size": 6, "co_facilitator": "on"},
    )
    plan = TablePlan.objects.get(edition=cc.edition)
    assert response.status_code == 302
    assert response.url == reverse("web:tables-detail", args=[cc.edition.pk, plan.version])
    assert plan.options["co_facilitator"] is True
    html = client.get(response.url).content.decode()
    assert 'data-testid="round-1"' in html
    assert 'data-testid="round-2"' in html
    for p in cc.experts + cc.professionals:
        assert html.count(p.person.full_name) >= 2  # once per round at least
    assert "PC Sint-Jan" in html
    assert AuditEntry.objects.filter(action="tables.view").count() == 1


def test_findings_are_worded_with_names_and_tables(client, make_staff):
    cc = co_creation_edition(experts=3, professionals=4, chairs=3)
    client.force_login(make_staff("coordinator"))
    plan, result = plan_tables(cc.edition, actor="test", rounds=2, min_size=3, max_size=4)
    html = client.get(reverse("web:tables-detail", args=[cc.edition.pk, plan.version])).content
    text = html.decode()
    met = [v for v in result.violations if v.code == "met_before"]
    assert met  # 7 people at tables of 3-4 over two rounds cannot all meet new people
    a, b = met[0].params["pairs"][0][:2]
    names = {p.ref: p.person.full_name for p in cc.experts + cc.professionals}
    assert f"{names[a]} ({a})" in text
    assert f"{names[b]} ({b})" in text


def test_bad_sizes_are_refused_with_the_form(client, make_staff):
    cc = co_creation_edition(experts=2, professionals=2)
    client.force_login(make_staff("coordinator"))
    response = client.post(
        reverse("web:tables-make", args=[cc.edition.pk]),
        {"rounds": 2, "min_size": 7, "max_size": 5},
    )
    assert response.status_code == 400
    assert not TablePlan.objects.exists()


def test_harvest_notes_are_saved_and_exported(client, make_staff, planned):
    _, plan = planned
    client.force_login(make_staff("coordinator"))
    url = reverse("web:tables-harvest", args=[plan.edition_id, plan.version])
    response = client.post(url, {"round": 1, "table": 2, "text": "Meer tijd voor het verhaal"})
    assert response.status_code == 302
    assert response.url.endswith("#notes-1-2")
    assert list(TableNote.objects.values_list("round", "table", "text")) == [
        (1, 2, "Meer tijd voor het verhaal")
    ]
    assert "Meer tijd voor het verhaal" in client.get(url).content.decode()
    xlsx = client.get(
        reverse("web:tables-harvest-export", args=[plan.edition_id, plan.version, "xlsx"])
    )
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert (1, 2) in [(r[0], r[1]) for r in rows]
    assert [r[5] for r in rows if (r[0], r[1]) == (1, 2)] == ["Meer tijd voor het verhaal"]
    assert client.post(url, {"round": 1, "table": 99, "text": "x"}).status_code == 404


def test_table_cards_download_as_pdf(client, make_staff, planned):
    _, plan = planned
    client.force_login(make_staff("coordinator"))
    response = client.get(
        reverse("web:tables-document", args=[plan.edition_id, plan.version, "table-cards"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="tafelkaarten-2026-v1.pdf"' in response["Content-Disposition"]
    missing = reverse("web:tables-document", args=[plan.edition_id, plan.version, "nothing"])
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"round": "9" * 40, "table": "1", "text": "x"},
        {"round": "-1", "table": "x"},
        {"round": "1", "table": "1", "text": "x" * 30_000},
        {},
    ],
)
def test_junk_harvest_posts_never_fail(client, make_staff, planned, data):
    _, plan = planned
    client.force_login(make_staff("coordinator"))
    url = reverse("web:tables-harvest", args=[plan.edition_id, plan.version])
    assert client.post(url, data).status_code in (200, 302, 404)
    assert not TableNote.objects.exists()


def test_tables_page_queries_do_not_grow_with_the_people(client, make_staff):
    client.force_login(make_staff("coordinator"))
    counts = []
    for year, (experts, pros) in ((2040, (3, 4)), (2041, (8, 16))):
        cc = co_creation_edition(year, experts=experts, professionals=pros, chairs=3)
        plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=3, max_size=8)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("web:tables-detail", args=[cc.edition.pk, plan.version]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
