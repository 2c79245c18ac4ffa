"""The participant list's bulk actions: status (all or none), message with preview, export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.models import Venue
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.w1_helpers import expert, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def _edition(year, days_from_now):
    day = timezone.localdate() + dt.timedelta(days=days_from_now)
    venue, _created = Venue.objects.get_or_create(name="Campus Zuid", town="Gent")
    return EditionFactory(
        year=year,
        date=day,
        window_start=day - dt.timedelta(days=10),
        window_end=day + dt.timedelta(days=10),
        venue=venue,
    )


@pytest.fixture
def edition():
    """An edition ten days from now (so 'present' is not allowed yet)."""
    return _edition(2026, 10)


def _bulk(client, edition, **data):
    return client.post(f"/editions/{edition.pk}/participants/bulk/", data)


def test_bulk_status_changes_the_ticked_rows_and_says_how_many(coordinator, edition):
    a = student(edition, ref="S1", name="Anna Smet", status=ParticipantStatus.INVITED)
    b = student(edition, ref="S2", name="Bart Claes", status=ParticipantStatus.INVITED)
    c = student(edition, ref="S3", name="Cas Wouters", status=ParticipantStatus.INVITED)
    elsewhere = student(EditionFactory(year=2025), ref="S9", name="Dirk Maes")
    response = _bulk(
        coordinator,
        edition,
        action="status",
        new_status="confirmed",
        participant=[a.pk, b.pk, elsewhere.pk],
        role="student",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?role=student")
    statuses = {p.ref: p.status for p in (a, b, c, elsewhere) if not p.refresh_from_db()}
    assert statuses == {"S1": "confirmed", "S2": "confirmed", "S3": "invited", "S9": "confirmed"}
    page = coordinator.get(response["Location"]).content.decode()
    assert "2 deelnemers hebben nu de status bevestigd." in page
    changes = AuditEntry.objects.filter(action="participant.change").order_by("object_id")
    assert [e.object_id for e in changes] == sorted([str(a.pk), str(b.pk)])


def test_bulk_status_refuses_all_when_one_row_is_refused_and_names_it(coordinator):
    past, future = _edition(2025, -1), _edition(2026, 10)
    done = expert(past, ref="E1", name="Els Peeters", status=ParticipantStatus.CONFIRMED)
    assert _bulk(coordinator, past, action="status", new_status="present", participant=[done.pk])
    done.refresh_from_db()
    assert done.status == ParticipantStatus.PRESENT  # on or after the day: allowed

    a = student(future, ref="S1", name="Anna Smet", status=ParticipantStatus.CONFIRMED)
    b = student(future, ref="S2", name="Bart Claes", status=ParticipantStatus.CONFIRMED)
    response = _bulk(
        coordinator, future, action="status", new_status="absent", participant=[a.pk, b.pk]
    )
    page = coordinator.get(response["Location"]).content.decode()
    assert "Er is niets veranderd. Geweigerd: Bart Claes: Aanwezig of afwezig" in page
    assert "Anna Smet: Aanwezig of afwezig" in page
    for p in (a, b):
        p.refresh_from_db()
        assert p.status == ParticipantStatus.CONFIRMED
    assert not AuditEntry.objects.filter(action="participant.change", object_id=str(a.pk))


def test_the_single_edit_obeys_the_same_rule(coordinator, edition):
    a = student(edition, ref="S1", name="Anna Smet", status=ParticipantStatus.CONFIRMED)
    url = f"/editions/{edition.pk}/participants/{a.pk}/edit/"
    form = coordinator.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and v != []}
    data["status"] = "present"
    response = coordinator.post(url, data)
    assert response.status_code == 200
    assert "Aanwezig of afwezig kan pas vanaf de dag zelf" in response.content.decode()
    a.refresh_from_db()
    assert a.status == ParticipantStatus.CONFIRMED


def test_message_to_the_selection_goes_to_the_send_page_with_preview(coordinator, edition):
    chosen = [
        student(edition, ref=f"S{i}", name=f"Student{i} Naam{i}", status="confirmed")
        for i in range(3)
    ]
    student(edition, ref="S9", name="Niet Gekozen", status="confirmed")
    response = _bulk(coordinator, edition, action="message", participant=[p.pk for p in chosen])
    assert response.status_code == 302
    url = response["Location"]
    assert urlsplit(url).path == f"/editions/{edition.pk}/messages/send/"
    ids = parse_qs(urlsplit(url).query)["participants"][0]
    page = coordinator.get(url)
    assert page.context["form"].initial["selection"] == "chosen"
    assert "de 3 deelnemers die u aanvinkte" in page.content.decode()
    form = {"kind": "confirmation", "selection": "chosen", "participants": ids}
    preview = coordinator.post(url, {**form, "action": "preview"}).context["preview"]
    assert sorted(p.pk for p in preview.recipients) == sorted(p.pk for p in chosen)
    assert not OutboxMessage.objects.exists()  # a preview stores nothing
    coordinator.post(url, {**form, "action": "confirm"})
    sent_to = sorted(OutboxMessage.objects.values_list("participant_id", flat=True))
    assert sent_to == sorted(p.pk for p in chosen)


def test_message_to_the_selection_ignores_another_editions_people(coordinator, edition):
    mine = student(edition, ref="S1", name="Anna Smet", status="confirmed")
    other = student(EditionFactory(year=2025), ref="S2", name="Bart Claes", status="confirmed")
    url = f"/editions/{edition.pk}/messages/send/"
    form = {"kind": "confirmation", "selection": "chosen", "participants": f"{mine.pk},{other.pk}"}
    coordinator.post(url, {**form, "action": "confirm"})
    assert list(OutboxMessage.objects.values_list("participant_id", flat=True)) == [mine.pk]


def _rows_on_the_page(client, edition, query):
    """The rows the list shows for ``query`` (every page), as the page renders them."""
    response = client.get(f"/editions/{edition.pk}/participants/", query)
    return [p.ref for p in response.context["page"]]


def test_export_holds_exactly_what_the_list_shows(coordinator, edition):
    for i, name in enumerate(["Anna Smet", "Bart Claes", "Cas Wouters", "Dana Aerts"]):
        student(edition, ref=f"S{i}", name=name, class_group="1A" if i % 2 else "1B")
    expert(edition, ref="E1", name="Els Peeters")
    query = {"role": "student", "sort": "-name", "q": "a"}
    shown = _rows_on_the_page(coordinator, edition, query)
    assert len(shown) >= 3

    csv_file = _bulk(coordinator, edition, action="export-csv", **query)
    assert csv_file["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    header, rows = table[0], table[1:]
    page = coordinator.get(f"/editions/{edition.pk}/participants/", query).content.decode()
    assert len(header) == 8
    assert all(f">{label}<" in page for label in header)  # the page's own column headers
    assert [r[0] for r in rows] == shown

    xlsx_file = _bulk(coordinator, edition, action="export-xlsx", **query)
    sheet = load_workbook(io.BytesIO(xlsx_file.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == header
    assert [r[0] for r in values[1:]] == shown
    assert [[v or "" for v in r] for r in values[1:]] == rows  # the same cells in both

    exports = AuditEntry.objects.filter(action="participant.export").order_by("pk")
    assert [e.data["format"] for e in exports] == ["csv", "xlsx"]
    refs = dict(edition.participants.values_list("pk", "ref"))
    assert [refs[pk] for pk in exports[0].data["participants"]] == shown


def test_export_cells_are_never_formulas(coordinator, edition):
    student(edition, ref="S1", name='Anna =HYPERLINK("http://evil.test","x")')
    student(edition, ref="+32", name="Bart @SUM(1+1)")
    text = _bulk(coordinator, edition, action="export-csv").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'+32" in cells
    assert not [c for c in cells if c and c[0] in "=+-@"]
    sheet = load_workbook(io.BytesIO(_bulk(coordinator, edition, action="export-xlsx").content))
    for row in sheet.active.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"  # never a formula
            assert not (cell.value and str(cell.value)[0] in "=+-@")


def test_bulk_actions_are_post_only_and_for_coordinators(client, make_staff, edition):
    a = student(edition, ref="S1", name="Anna Smet", status=ParticipantStatus.INVITED)
    url = f"/editions/{edition.pk}/participants/bulk/"
    for role in ("researcher", "admin", "helper"):
        client.force_login(make_staff(role))
        for action in ("status", "message", "export-csv"):
            response = client.post(
                url, {"action": action, "new_status": "confirmed", "participant": [a.pk]}
            )
            assert response.status_code == 403
            assert b"Smet" not in response.content
    client.force_login(make_staff("coordinator", username="c2"))
    assert client.get(url).status_code == 405
    assert client.post(url, {"action": "nonsense"}).status_code == 404
    a.refresh_from_db()
    assert a.status == ParticipantStatus.INVITED
