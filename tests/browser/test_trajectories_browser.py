"""A team trajectory in a real browser, in Dutch; axe-core passes on every page visited.

A coordinator creates a team with its contact, a trajectory with two sessions and an action in
each, and makes the contact's personal link; the contact opens it on a phone, sees only their
team's actions and marks one done; the coordinator sees the progress (one done, one open).
"""

from __future__ import annotations

import pytest

from ontmoeting.cocreation.models import Action, Trajectory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _add_session(page, axe, date: str, place: str, action: str, owner: str, due: str) -> None:
    page.fill("#id_date", date)
    page.fill("#id_place", place)
    page.fill("#id_themes", "Taal die uitsluit")
    page.click("[data-testid=create-session]")
    page.wait_for_load_state()
    page.fill("#id_description", action)
    page.fill("#id_owner", owner)
    page.fill("#id_due", due)
    page.click("[data-testid=add-action]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=action-row]").count() == 1
    axe(page)
    page.click("[data-testid=back-to-trajectory]")
    page.wait_for_load_state()


def test_a_trajectory_with_two_sessions_and_the_contact_on_a_phone(
    live_server, browser, page, login, axe, make_staff, settings
):
    settings.SITE_URL = live_server.url
    login(make_staff("coordinator"))
    page.goto(f"{live_server.url}/teams/")
    axe(page)
    page.fill("#id_name", "Mobiel team volwassenen")
    page.fill("#id_organisation", "CGG Eclips")
    page.select_option("#id_sector", label="Geestelijke gezondheidszorg (GGZ)")
    page.click("[data-testid=create-team]")
    page.wait_for_load_state()
    page.fill("#id_contact-first_name", "Sofie")
    page.fill("#id_contact-last_name", "Vermeulen")
    page.fill("#id_contact-email", "sofie@eclips.example.org")
    page.click("[data-testid=save-contact]")
    page.wait_for_load_state()
    assert "Sofie Vermeulen" in page.inner_text("[data-testid=team-contact]")
    page.locator("details:has([data-testid=create-trajectory]) summary").click()
    page.fill("#id_trajectory-title", "Herstelgericht werken")
    page.click("[data-testid=create-trajectory]")
    page.wait_for_load_state()
    axe(page)
    _add_session(page, axe, "2026-02-10", "Gent", "Woordenlijst opstellen", "Lotte", "2026-03-15")
    _add_session(page, axe, "2026-05-19", "Gent", "Folder herschrijven", "Pieter", "2099-12-15")
    assert page.locator("[data-testid=timeline-session]").count() == 2
    assert page.inner_text("[data-testid=count-open]") == "2"
    axe(page)

    trajectory = Trajectory.objects.get()
    page.goto(f"{live_server.url}/teams/{trajectory.team_id}/")
    page.click("[data-testid=issue-link]")
    page.wait_for_load_state()
    link = page.get_attribute("[data-testid=team-link]", "href")
    axe(page)

    context = browser.new_context(locale="nl-BE", viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(link)
    assert phone.locator("[data-testid=contact-action]").count() == 2
    axe(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # no sideways scrolling on the phone
    first = Action.objects.get(description="Woordenlijst opstellen")
    card = phone.locator(f"[data-testid=contact-action][data-action='{first.pk}']")
    card.locator("select").select_option("done")
    card.locator("[data-testid=contact-save]").click()
    phone.wait_for_load_state()
    assert phone.locator(
        f"[data-action='{first.pk}'] [data-testid=contact-action-status]"
    ).inner_text()
    context.close()
    first.refresh_from_db()
    assert first.status == "done"

    page.goto(f"{live_server.url}/trajectories/{trajectory.pk}/")
    assert page.inner_text("[data-testid=count-done]") == "1"
    assert page.inner_text("[data-testid=count-open]") == "1"
    assert page.locator("[data-testid=progress-chart] rect").count() >= 2
