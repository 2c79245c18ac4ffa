"""In Dutch, in a real browser: tick three participants, message them after a preview, export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Venue
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import ensure_default_templates
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_tick_three_message_them_with_preview_and_export(live_server, page, make_staff, axe):
    ensure_default_templates()
    day = timezone.localdate() + dt.timedelta(days=20)
    venue = Venue.objects.create(name="Campus Zuid", town="Gent")
    edition = EditionFactory(
        year=day.year,
        date=day,
        window_start=day - dt.timedelta(days=5),
        window_end=day + dt.timedelta(days=5),
        venue=venue,
    )
    names = ["Aerts", "Bosmans", "Claes", "Dewitte", "Engels"]
    people = {
        name: ParticipantFactory(
            edition=edition,
            role=ParticipantRole.STUDENT,
            status=ParticipantStatus.CONFIRMED,
            ref=f"S{i}",
            person=PersonFactory(first_name="Student", last_name=name, email=f"{name}@x.test"),
        )
        for i, name in enumerate(names)
    }
    _login(page, live_server, make_staff("coordinator"))
    page.goto(f"{live_server.url}/editions/{edition.pk}/participants/")
    assert page.get_by_role("button", name="Bericht aan deze selectie").is_visible()
    axe(page)

    chosen = ["Aerts", "Claes", "Engels"]
    for name in chosen:
        page.get_by_label(f"Student {name} selecteren").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Bericht aan deze selectie").click()
    assert "/messages/send/" in page.url
    assert "de 3 deelnemers die u aanvinkte" in page.locator("#id_selection").inner_text()
    axe(page)
    with page.expect_navigation():
        page.click("#preview-button")
    assert page.get_by_test_id("preview-total").inner_text() == "3 personen"
    assert not OutboxMessage.objects.exists()  # the preview sent nothing
    axe(page)
    with page.expect_navigation():
        page.click("#confirm-button")
    sent = set(OutboxMessage.objects.values_list("participant_id", flat=True))
    assert sent == {people[name].pk for name in chosen}

    # Export the list as shown: filtered on a search, sorted by name descending.
    page.goto(f"{live_server.url}/editions/{edition.pk}/participants/?q=a&sort=-name")
    shown = page.locator("[data-testid=participant-table] tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.ref)"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV exporteren").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Ref.", "Naam"]
    assert [r[0] for r in rows[1:]] == shown
    assert shown == ["S2", "S1", "S0"]  # Claes, Bosmans, Aerts: the names with an "a"
