"""A coordinator imports the professionals of a co-creation meeting in a real browser (in Dutch)
and sees them counted per sector against the targets; no student wording on the way."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ontmoeting.editions.enums import Format
from ontmoeting.editions.services import create_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROSTER = Path(__file__).parents[1] / "data" / "rosters" / "professionals_cocreatie.csv"
STUDENT_WORDS = re.compile(r"student|\bduo", re.IGNORECASE)


def test_coordinator_imports_professionals_and_sees_them_per_sector(
    live_server, page, make_staff, axe
):
    coordinator = make_staff("coordinator")
    meeting = create_edition(
        year=2026,
        date=dt.date(2026, 12, 17),
        window_start=dt.date(2026, 12, 14),
        window_end=dt.date(2026, 12, 18),
        format=Format.CO_CREATION,
        title="Cocreatiemoment 2026",
        actor="test",
    )
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    # The first request loads every URL module of the project: give it time on a busy machine.
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()

    base = f"{live_server.url}/editions/{meeting.pk}"
    page.goto(f"{base}/")
    expect(page.get_by_test_id("count-professionals")).to_have_text("0")
    assert not STUDENT_WORDS.search(page.content())
    axe(page)

    # The targets per sector, on the edition's settings page.
    page.click("[data-testid=edit-targets]")
    page.wait_for_url(re.compile(r"/settings/"))
    page.fill("#id_sector_ggz", "3")
    page.fill("#id_sector_verslavingszorg", "3")
    page.fill("#id_sector_jeugdhulp", "4")
    axe(page)
    page.click("[data-testid=save-targets]")
    page.wait_for_url(re.compile(rf"/editions/{meeting.pk}/$"))

    page.click(f'.edition-nav a[href="/editions/{meeting.pk}/roster/"]')
    page.wait_for_url(re.compile(r"/roster/$"))
    assert not STUDENT_WORDS.search(page.content())
    # Only the rosters a co-creation meeting takes: experts and professionals (and "recognise").
    expect(page.locator("input[name=kind]")).to_have_count(3)
    expect(page.get_by_test_id("template-professionals-xlsx")).to_be_visible()
    expect(page.get_by_test_id("template-students-csv")).to_have_count(0)
    axe(page)

    page.set_input_files("#id_file", str(ROSTER))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=report-changes]")
    expect(page.locator("[data-testid=report-changes] tbody tr")).to_have_count(8)
    assert meeting.participants.count() == 0  # a preview writes nothing
    assert not STUDENT_WORDS.search(page.content())
    axe(page)

    page.click("[data-testid=confirm-import]")
    page.wait_for_url(re.compile(r"/participants/$"))
    refs = page.locator("[data-testid=participant-table] tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.ref)"
    )
    assert sorted(refs) == [f"P0{n}" for n in range(1, 9)]
    assert not STUDENT_WORDS.search(page.content())

    page.goto(f"{base}/")
    # By hand from the roster: three GGZ, three addiction care, two youth care.
    for code, count, target in (("ggz", 3, 3), ("verslavingszorg", 3, 3), ("jeugdhulp", 2, 4)):
        expect(page.get_by_test_id(f"sector-{code}-professionals")).to_have_text(str(count))
        expect(page.get_by_test_id(f"sector-{code}-target")).to_have_text(str(target))
    expect(page.get_by_test_id("count-professionals")).to_contain_text("8")
    expect(page.locator("[data-testid=warnings] li[data-code=sector_short]")).to_have_count(1)
    assert not STUDENT_WORDS.search(page.content())
    axe(page)
    assert violations == []
