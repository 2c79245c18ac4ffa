"""An invitee answers the pre survey on a phone: partial save, come back, submit; axe on each page."""

from __future__ import annotations

import pytest

from ontmoeting.surveys import services, vault
from tests.surveys.helpers import edition_with_debriefing, open_wave, students, token_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _invite():
    edition = edition_with_debriefing()
    students(edition, 1)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    (invitee,) = vault.invitees(wave)
    return edition, wave, token_for(invitee.invite)


def test_invitee_answers_the_pre_survey_on_a_phone(live_server, page, axe):
    from ontmoeting.surveys.models import Response

    _edition, wave, token = _invite()
    page.set_viewport_size({"width": 375, "height": 740})
    url = f"{live_server.url}/research/s/{token}/"
    page.goto(url)
    axe(page)
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.check("#id-att_1-4")
    page.check("#id-att_2-2")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=saved]")
    axe(page)
    response = Response.objects.get(wave=wave)
    assert response.completed_at is None
    assert response.answers.count() == 2
    # Come back later with the same link: the answers are still there.
    page.goto(url)
    assert page.is_checked("#id-att_1-4")
    page.check("#id-crit_1-5")
    page.fill("#id-item-open_thoughts", "Nieuwsgierig")
    page.fill("#sc_mother", "Ma")
    page.fill("#sc_day", "7")
    page.fill("#sc_town", "Ge")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=thanks]")
    axe(page)
    response.refresh_from_db()
    assert response.completed_at is not None
    assert response.self_code == "MA07GE"
    assert response.answers.count() == 4


def test_staff_survey_pages_pass_axe(live_server, page, axe, make_staff):
    edition, wave, _token = _invite()
    coordinator = make_staff("coordinator")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("form:not(.lang):not(.logout) button[type=submit]")
    page.wait_for_load_state()
    for path in [
        f"/research/editions/{edition.pk}/waves/",
        f"/research/editions/{edition.pk}/waves/{wave.pk}/paper/",
        f"/research/editions/{edition.pk}/waves/{wave.pk}/paper-form/",
        f"/research/editions/{edition.pk}/flagged-experts/",
        "/research/",
        f"/research/editions/{edition.pk}/",
        f"/research/editions/{edition.pk}/coding/",
        f"/research/editions/{edition.pk}/coding/?text=original",
        "/research/instruments/",
        f"/research/instruments/{wave.instrument_id}/",
        "/research/instruments/import/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.set_viewport_size({"width": 800, "height": 1000})  # a tablet
    page.goto(f"{live_server.url}/research/editions/{edition.pk}/waves/")
    axe(page)
