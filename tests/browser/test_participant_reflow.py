"""Elke pagina voor deelnemers past op een smalle telefoon (WCAG 1.4.10, herschikken).

Op 320 en 390 px breed mag geen enkele pagina van een ervaringsdeskundige of student
horizontaal scrollen: ``document.documentElement.scrollWidth`` blijft binnen de breedte van het
venster. axe draait op elke pagina (axe ziet horizontaal scrollen zelf niet).
"""

from __future__ import annotations

import pytest

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.invitations import create_invitation
from ontmoeting.editions.models import DEFAULT_PROGRAMME, ProgrammeBlock
from ontmoeting.messaging.services import ensure_default_templates
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedPair
from ontmoeting.privacy.consent import ensure_default_texts
from ontmoeting.privacy.tokens import issue_link
from tests.factories import ParticipantFactory, PersonFactory, RoomFactory, VenueFactory
from tests.web.portal_factories import open_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BREEDTES = (320, 390)
LANG_WOORD = "Hoofdgebouwvleugelzaalnummeraanduiding"  # een lange naam die niet mag uitsteken


@pytest.fixture
def dag(settings, live_server):
    """Een dag met een gepubliceerd plan: Marleen (expert, leidt groep 1) praat met Sofie."""
    ensure_default_templates()
    ensure_default_texts()
    settings.SITE_URL = live_server.url
    venue = VenueFactory(name="Campus Schoonmeersen", notes="De oude vleugel heeft geen lift.")
    edition = open_edition(
        venue=venue,
        contact_name="Sofie Claes, coördinator ontmoetingsdag",
        contact_phone="09 243 87 21",
        contact_email="ontmoetingsdag@example.org",
    )
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in DEFAULT_PROGRAMME
    )
    person = PersonFactory(first_name="Marleen", last_name="Peeters")
    expert = ParticipantFactory(edition=edition, person=person, role=ParticipantRole.EXPERT)
    student = ParticipantFactory(edition=edition, person=PersonFactory(first_name="Sofie"))
    plan = Plan.objects.create(edition=edition, version=1, status="published")
    room = RoomFactory(venue=venue, name=f"B.2.14 {LANG_WOORD}", step_free=False)
    PlannedPair.objects.create(plan=plan, student=student, expert=expert, room=room)
    group = PlannedGroup.objects.create(plan=plan, number=1, name="1", chair=expert, room=room)
    group.members.add(student)
    return edition, expert, student


def past(page, breedte: int, axe) -> None:
    """De pagina scrollt niet horizontaal en axe vindt niets ernstigs."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= breedte, f"{page.url}: {scroll} px breed bij een venster van {breedte} px"
    axe(page)


def aanmelden(page, base, deelnemer) -> None:
    page.goto(issue_link(deelnemer.person, participant=deelnemer))
    page.click("[data-testid=sign-in]")
    page.wait_for_url(f"{base}/me/")


@pytest.mark.parametrize("breedte", BREEDTES)
def test_elke_pagina_voor_deelnemers_past_op_een_smalle_telefoon(
    browser, live_server, axe, dag, breedte
):
    edition, expert, student = dag
    base = live_server.url
    context = browser.new_context(locale="nl-BE", viewport={"width": breedte, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        # Pagina's zonder aanmelding: een nieuwe link vragen, kapotte en oude links.
        for pad in ("/me/new-link/", "/me/link/kapot/", "/register/kapot/"):
            page.goto(base + pad)
            past(page, breedte, axe)
        page.fill("#id_email", "iemand@example.org")
        page.click("[data-testid=request-link]")
        page.wait_for_selector("[data-testid=link-sent]")
        past(page, breedte, axe)

        # De bevestiging van een student (vraag en antwoord).
        page.goto(issue_link(student.person, purpose="confirm", participant=student))
        past(page, breedte, axe)
        page.click("[data-testid=confirm-yes]")
        page.wait_for_selector("[data-testid=confirmed]")
        past(page, breedte, axe)

        # De inschrijving: elke stap, en de fouten bovenaan.
        _invitation, link = create_invitation(edition=edition, actor="test")
        page.goto(link)
        for _stap in range(4):
            past(page, breedte, axe)
            page.locator("section.step:not([hidden]) [data-testid=step-next]").click()
        past(page, breedte, axe)
        page.click("[data-testid=register]")
        page.wait_for_selector("#error-summary")
        past(page, breedte, axe)
        assert page.locator("#error-summary").is_visible()

        # De persoonlijke pagina en alles wat erbij hoort.
        aanmelden(page, base, expert)
        assert page.locator("[data-testid=programme] li").count() == len(DEFAULT_PROGRAMME)
        assert "09 243 87 21" in page.inner_text("[data-testid=contact]")
        past(page, breedte, axe)
        for pad in ("/me/needs/", "/me/consent/", "/me/cancel/", "/me/expenses/"):
            page.goto(base + pad)
            past(page, breedte, axe)
    finally:
        context.close()


def test_stappen_fouten_en_postadres_met_het_toetsenbord(browser, live_server, axe, dag):
    """Op 390 px: volgende en vorige stap, het postadres verschijnt zonder e-mailadres, en een
    link in de foutensamenvatting opent de stap met de vraag."""
    edition, _expert, _student = dag
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _invitation, link = create_invitation(edition=edition, actor="test")
        page.goto(link)
        assert page.locator("#step-1").is_visible()
        assert not page.locator("#step-2").is_visible()
        assert page.locator("[aria-current=step]").inner_text().endswith("Over u")
        page.fill("#id_email", "marleen@example.org")
        assert not page.locator("#id_street").is_visible()
        page.fill("#id_email", "")
        assert page.locator("#id_street").is_visible()
        page.fill("#id_first_name", "Marleen")
        page.locator("#step-1 [data-testid=step-next]").click()
        assert page.locator("#step-2").is_visible()
        assert not page.locator("#step-1").is_visible()
        assert page.evaluate("document.activeElement.id") == "step-2-title"
        page.locator("#step-2 [data-testid=step-back]").click()
        assert page.locator("#step-1").is_visible()
        for _stap in range(4):
            page.locator("section.step:not([hidden]) [data-testid=step-next]").click()
        page.click("[data-testid=register]")
        page.wait_for_selector("#error-summary")
        # De eerste fout (familienaam) staat in stap 1: die stap is open.
        assert page.locator("#step-1").is_visible()
        page.locator("#error-summary a[href='#id_travel_0']").click()
        assert page.locator("#step-4").is_visible()
        assert page.evaluate("document.activeElement.id") == "id_travel_0"
        axe(page)
    finally:
        context.close()
