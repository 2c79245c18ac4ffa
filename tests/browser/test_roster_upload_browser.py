"""A coordinator imports a roster in a real browser: report, fix, preview, confirm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.editions.roster.roster_helpers import STUDENT_HEADER, student
from tests.factories import EditionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_fixes_a_roster_and_imports_it(live_server, page, make_staff, axe, tmp_path):
    coordinator = make_staff("coordinator")
    edition = EditionFactory(year=2026)
    bad = tmp_path / "studenten.csv"
    bad.write_text(
        "\n".join([STUDENT_HEADER, student(ref="S001"), student(ref="S002", email="geen-adres")])
        + "\n"
    )
    good = tmp_path / "studenten-verbeterd.csv"
    good.write_text(
        "\n".join(
            [
                STUDENT_HEADER,
                student(ref="S001"),
                student(ref="S002", first_name="Bart", email="bart@example.org"),
            ]
        )
        + "\n"
    )
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    # The first request loads every URL module of the project: give it time on a busy machine.
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/editions/")
    axe(page)
    page.click(f'a[href="/editions/{edition.pk}/"]')
    page.wait_for_url(re.compile(rf"/editions/{edition.pk}/$"))
    assert page.get_by_test_id("next-step").is_visible()
    axe(page)

    page.click(f'.edition-nav a[href="/editions/{edition.pk}/participants/"]')
    page.wait_for_url(re.compile(r"/participants/$"))
    axe(page)
    page.click("#import-roster")
    page.wait_for_url(re.compile(r"/roster/$"))
    axe(page)

    page.check("#id_kind_1")
    page.set_input_files("#id_file", str(bad))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=report-errors]")
    rows = page.locator("[data-testid=report-errors] tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[:3] == ["email", "geen-adres", "1: 3"]
    assert page.locator("[data-testid=confirm-import]").count() == 0
    axe(page)

    page.check("#id_kind_1")
    page.set_input_files("#id_file", str(good))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=report-changes]")
    assert page.locator("[data-testid=report-changes] tbody tr").count() == 2
    assert edition.participants.count() == 0
    axe(page)

    page.click("[data-testid=confirm-import]")
    page.wait_for_url(re.compile(r"/participants/$"))
    refs = page.locator("[data-testid=participant-table] tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.ref)"
    )
    assert sorted(refs) == ["S001", "S002"]
    axe(page)

    # The HTMX filter updates the table in place and the address bar.
    page.fill("#id_q", "Bart")
    expect(page.locator("[data-testid=participant-table] tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=Bart"))
    axe(page)
    assert violations == []


def test_every_other_page_of_an_edition_is_accessible(live_server, page, make_staff, axe):
    from ontmoeting.editions.enums import ParticipantRole
    from tests.factories import (
        ExpertProfileFactory,
        MembershipFactory,
        ParticipantFactory,
        ProgrammeBlockFactory,
        RoomFactory,
        VenueFactory,
    )

    coordinator = make_staff("coordinator")
    edition = EditionFactory(year=2026, venue=VenueFactory())
    RoomFactory(venue=edition.venue)
    ProgrammeBlockFactory(edition=edition)
    profile = ExpertProfileFactory()
    MembershipFactory(expert=profile)
    expert = ParticipantFactory(edition=edition, person=profile.person, role=ParticipantRole.EXPERT)
    # The first request loads every URL module of the project: give it time on a busy machine.
    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    base = f"{live_server.url}/editions/{edition.pk}"
    for path in (
        f"/participants/{expert.pk}/",
        f"/participants/{expert.pk}/edit/",
        f"/participants/{expert.pk}/cancel/",
        f"/participants/new/?lookup={profile.person.email}",
        "/programme/",
        f"/programme/{edition.blocks.get().pk}/",
        "/venue/",
        f"/venue/rooms/{edition.venue.rooms.get().pk}/",
    ):
        page.goto(base + path)
        assert page.get_by_role("heading", level=1).count() == 1
        axe(page)
    # A form with errors is accessible too.
    page.goto(f"{base}/programme/new/")
    page.fill("#id_starts", "12:00")
    page.fill("#id_ends", "11:00")
    page.click("#save-block")
    page.wait_for_selector(".has-error")
    axe(page)
    page.goto(f"{live_server.url}/editions/new/")
    page.click("#create-edition")
    page.wait_for_selector(".has-error")
    axe(page)


def test_coordinator_maps_a_word_and_settles_a_possible_match(
    live_server, page, make_staff, axe, tmp_path
):
    """The golden expert roster, one word unknown and one namesake of an earlier year: the
    coordinator uploads with the kind left to the app, says once what the word means, says the
    namesake is someone else, and imports all 60 experts."""
    import datetime as dt

    from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
    from ontmoeting.editions.models import ValueSynonym
    from ontmoeting.people.models import SelfHelpGroup
    from tests.factories import (
        ExpertProfileFactory,
        MembershipFactory,
        ParticipantFactory,
        PersonFactory,
    )

    coordinator = make_staff("coordinator")
    edition = EditionFactory(year=2027)
    namesake = PersonFactory(first_name="Ann", last_name="Van Damme", email="", phone="")
    MembershipFactory(
        expert=ExpertProfileFactory(person=namesake),
        group=SelfHelpGroup.objects.create(name="AA Gent"),
        since=dt.date(2015, 3, 1),
    )
    ParticipantFactory(
        edition=EditionFactory(year=2026),
        person=namesake,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.PRESENT,
        ref="E044",
    )
    # The golden roster with one coordinator's word the app does not know yet.
    source = Path(__file__).parents[1] / "data" / "rosters" / "ervaringsdeskundigen_2027.csv"
    golden = tmp_path / "ervaringsdeskundigen.csv"
    golden.write_text(
        source.read_text(encoding="utf-8-sig").replace(";beperking;", ";lotgenotencontact;", 1),
        encoding="utf-8",
    )

    page.goto(f"{live_server.url}/login/", timeout=60_000)
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/editions/{edition.pk}/roster/")
    expect(page.locator("#id_kind_0")).to_be_checked()  # "Herken het aan de kolommen"
    page.set_input_files("#id_file", str(golden))
    page.click("#check-roster")
    page.wait_for_selector("[data-testid=map-words]")
    expect(page.get_by_test_id("report-errors").locator("tbody tr")).to_have_count(1)
    axe(page)

    page.select_option("[data-testid='map-lotgenotencontact']", label="Handicap")
    page.click("[data-testid=apply-words]")
    page.wait_for_selector("[data-testid=confirm-form]")
    assert ValueSynonym.objects.get().code == "disability"
    expect(page.get_by_test_id("report-matches")).to_contain_text("Ann Van Damme")
    axe(page)

    page.click("[data-testid=confirm-import]")  # nothing chosen yet: the browser asks
    assert edition.participants.count() == 0
    page.get_by_test_id("match-6").get_by_label("iemand anders: een nieuwe persoon").check()
    page.click("[data-testid=confirm-import]")
    page.wait_for_url(re.compile(r"/participants/$"))
    assert edition.participants.count() == 60
    assert not edition.participants.filter(person=namesake).exists()
