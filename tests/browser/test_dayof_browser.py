"""A helper at the check-in desk on a phone, in Dutch: search, one tap, undo, the board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_helper_checks_someone_in_on_a_phone_and_the_board_follows(
    live_server, page, make_staff, axe
):
    from ontmoeting.editions.enums import EditionStatus, ParticipantRole, ParticipantStatus

    helper = make_staff("helper")
    edition = EditionFactory(year=2026, status=EditionStatus.PUBLISHED)
    lotte = ParticipantFactory(
        edition=edition,
        person=PersonFactory(first_name="Lotte", last_name="Mertens"),
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.CONFIRMED,
        ref="E001",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", helper.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/day/$"))
    axe(page)

    page.click(f"[data-testid=board-{edition.year}]")
    expect(page.get_by_test_id("call-expert")).to_contain_text("1 ervaringsdeskundige ontbreekt")
    axe(page)

    page.goto(f"{live_server.url}/day/{edition.pk}/desk/")
    page.fill("[data-testid=desk-q]", "mertens")
    expect(page.get_by_test_id("arrive-E001")).to_be_visible()  # the search answers as one types
    axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # the desk fits the phone: no sideways scrolling
    box = page.get_by_test_id("arrive-E001").bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a large touch target
    page.get_by_test_id("arrive-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Lotte Mertens is aanwezig.")
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.PRESENT

    page.get_by_test_id("undo-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Ongedaan gemaakt voor Lotte Mertens.")
    page.get_by_test_id("arrive-E001").click()
    expect(page.locator(".desk-messages")).to_contain_text("Lotte Mertens is aanwezig.")
    page.goto(f"{live_server.url}/day/{edition.pk}/board/")
    expect(page.get_by_test_id("board-counts")).to_contain_text("1")
    assert page.get_by_test_id("call-expert").count() == 0
