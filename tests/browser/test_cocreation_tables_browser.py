"""A coordinator plans a co-creation meeting with two rounds of mixed tables, reads the tables
and prints the table cards — in Dutch, in a real browser, with axe-core on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ontmoeting.cocreation.enums import SeatRole
from ontmoeting.cocreation.models import TablePlan
from tests.cocreation.tables_data import co_creation_edition
from tests.documents.builders import flat, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_plans_two_rounds_and_prints_the_table_cards(
    live_server, page, make_staff, axe, login
):
    cc = co_creation_edition(experts=6, professionals=12, chairs=4)
    login(make_staff("coordinator"))
    page.goto(f"{live_server.url}/editions/{cc.edition.pk}/")
    page.click("[data-testid=nav-tables]")
    page.wait_for_url(re.compile(rf"/editions/{cc.edition.pk}/tables/$"))
    axe(page)
    assert page.input_value("#id_rounds") == "2"  # two rounds by default
    page.fill("#id_min_size", "4")
    page.fill("#id_max_size", "6")
    page.check("#id_co_facilitator")
    page.click("#make-tables")
    page.wait_for_url(re.compile(rf"/editions/{cc.edition.pk}/tables/1/$"))
    axe(page)

    plan = TablePlan.objects.get(edition=cc.edition)
    for rnd in (1, 2):
        tables = page.locator(f"[data-testid=round-{rnd}] table")
        assert tables.count() == plan.seats.filter(round=rnd).values("table").distinct().count()
        shown = page.locator(f"[data-testid=round-{rnd}] tbody th").all_inner_texts()
        everyone = [p.person.full_name for p in cc.experts + cc.professionals]
        assert sorted(shown) == sorted(everyone)
    facilitator = plan.seats.get(round=1, table=1, role=SeatRole.FACILITATOR)
    first_table = page.locator("[data-testid=table-1-1]")
    assert first_table.locator("tr[data-role=facilitator] th").inner_text() == (
        facilitator.participant.person.full_name
    )

    with page.expect_download() as cards:
        page.click("[data-testid=doc-table-cards]")
    pages = [flat(p) for p in pdf_text(Path(cards.value.path()).read_bytes())]
    slots = sorted(set(plan.seats.values_list("round", "table")))
    assert len(pages) == len(slots)
    for text, (rnd, table) in zip(pages, slots, strict=True):
        for seat in plan.seats.filter(round=rnd, table=table).select_related("participant__person"):
            assert seat.participant.person.full_name in text
    assert re.search(r"(Tafel|Table) 1", pages[0])
