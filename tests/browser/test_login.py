"""Logging in, in a real browser, on accessible pages."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_and_sees_the_editions(live_server, page, login, make_staff, axe):
    page.goto(f"{live_server.url}/login/")
    axe(page)
    login(make_staff("coordinator"))
    assert page.get_by_role("heading", level=1).inner_text() == "Edities"
    axe(page)


def test_wrong_password_shows_an_error(live_server, page, make_staff):
    make_staff("coordinator")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("alert").is_visible()
