"""A coordinator works through an edition on a laptop (1366 px) and on a phone (390 px), in
Dutch: every page carries the breadcrumb and the grouped tabs, axe finds nothing, and a
status change asks for confirmation after saying what changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = (
    "",
    "participants/",
    "roster/",
    "plans/",
    "messages/",
    "documents/",
    "expenses/",
)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_coordinator_finds_the_same_frame_on_every_page(
    live_server, page, make_staff, login, axe, width
):
    from tests.web.plans_factories import plannable_edition

    edition, _students, _experts = plannable_edition(n_pairs=4, chairs=1)
    page.set_viewport_size({"width": width, "height": 900})
    login(make_staff("coordinator"))
    for path in PAGES:
        page.goto(f"{live_server.url}/editions/{edition.pk}/{path}")
        nav = page.get_by_test_id("edition-nav")
        expect(nav).to_be_visible()
        expect(nav).to_contain_text("Voorbereiden")
        expect(page.locator("p.crumbs").first).to_contain_text(str(edition))
        axe(page)
        header = page.locator("header.site").bounding_box()
        assert header is not None
        assert header["width"] <= width  # the header never pushes the page sideways

    page.goto(f"{live_server.url}/editions/{edition.pk}/")
    page.get_by_test_id("transition-planned").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("Planningen kunnen")
    axe(page)
    page.get_by_test_id("confirm-transition").click()
    expect(page.locator(".messages")).to_contain_text("De editie is nu gepland")
