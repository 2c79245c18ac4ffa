"""Roster upload in the web app: the CLI's importer, a report, a preview, then one confirm."""

from __future__ import annotations

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ontmoeting.editions.models import Participant
from ontmoeting.privacy.models import AuditEntry
from tests.editions.roster.roster_helpers import STUDENT_HEADER, student, table_counts
from tests.factories import EditionFactory
from tests.hostile_files import entities_xlsx, zip_bomb_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def edition():
    return EditionFactory(year=2026)


def csv_file(*lines: str, name: str = "students.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


GOOD = (
    STUDENT_HEADER,
    student(ref="S001"),
    student(ref="S002", first_name="Bart", email="bart@example.org"),
)
BAD = (
    STUDENT_HEADER,
    student(ref="S001"),
    student(ref="S002", first_name="Bart", email="not-an-email"),
)


def upload(client, edition, file, kind="students"):
    return client.post(f"/editions/{edition.pk}/roster/", {"kind": kind, "file": file})


def uploads(media):
    folder = media / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_roster_pages_are_forbidden_for_researchers_and_admins(client, make_staff, edition, role):
    client.force_login(make_staff(role))
    assert client.get(f"/editions/{edition.pk}/roster/").status_code == 403
    assert upload(client, edition, csv_file(*GOOD)).status_code == 403
    assert client.post(f"/editions/{edition.pk}/roster/confirm/").status_code == 403
    assert client.get(f"/editions/{edition.pk}/roster/template/students.csv").status_code == 403
    assert not Participant.objects.exists()


def test_upload_page_renders_with_template_links(coordinator, edition):
    html = coordinator.get(f"/editions/{edition.pk}/roster/").content.decode()
    for kind in ("students", "experts"):
        for fmt in ("xlsx", "csv"):
            assert f'href="/editions/{edition.pk}/roster/template/{kind}.{fmt}"' in html


def test_invalid_file_shows_the_report_rows_and_writes_nothing(coordinator, edition, media):
    before = table_counts()
    response = upload(coordinator, edition, csv_file(*BAD))
    assert response.status_code == 200
    report = response.context["report"]
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "email", "not-an-email")]
    html = response.content.decode()
    assert 'data-testid="report-errors"' in html
    assert "<code>not-an-email</code>" in html
    assert report.errors[0].reason in html
    assert response.context["confirm"] is None
    assert table_counts() == before
    assert uploads(media) == []


def test_valid_file_shows_a_preview_and_writes_nothing_until_confirm(coordinator, edition, media):
    before = table_counts()
    response = upload(coordinator, edition, csv_file(*GOOD))
    report = response.context["report"]
    assert [(c.ref, c.action) for c in report.changes] == [
        ("S001", "created"),
        ("S002", "created"),
    ]
    assert 'data-testid="confirm-import"' in response.content.decode()
    assert table_counts() == before
    assert len(uploads(media)) == 1
    token = response.context["confirm"].initial["token"]

    confirmed = coordinator.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    assert confirmed.status_code == 302
    assert confirmed.url == f"/editions/{edition.pk}/participants/"
    assert sorted(edition.participants.values_list("ref", flat=True)) == ["S001", "S002"]
    assert AuditEntry.objects.filter(action="roster.import").count() == 1
    assert uploads(media) == []

    # A double submit of the confirm button writes nothing more.
    again = coordinator.post(
        f"/editions/{edition.pk}/roster/confirm/", {"token": token}, follow=True
    )
    assert "niet meer beschikbaar" in again.content.decode()
    assert edition.participants.count() == 2
    assert AuditEntry.objects.filter(action="roster.import").count() == 1


def test_reupload_shows_updated_fields_in_the_preview(coordinator, edition):
    token = upload(coordinator, edition, csv_file(*GOOD)).context["confirm"].initial["token"]
    coordinator.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    changed = (GOOD[0], GOOD[1], student(ref="S002", first_name="Bert", email="bart@example.org"))
    report = upload(coordinator, edition, csv_file(*changed)).context["report"]
    assert [(c.ref, c.action, c.fields) for c in report.changes] == [
        ("S001", "unchanged", ()),
        ("S002", "updated", ("first_name",)),
    ]


def test_stale_or_foreign_token_writes_nothing(coordinator, client, make_staff, edition, media):
    response = upload(coordinator, edition, csv_file(*GOOD))
    token = response.context["confirm"].initial["token"]
    # The file vanished (cleaned up, server restarted): a clear message, nothing written.
    for path in (media / "uploads").iterdir():
        path.unlink()
    stale = coordinator.post(
        f"/editions/{edition.pk}/roster/confirm/", {"token": token}, follow=True
    )
    assert "niet meer beschikbaar" in stale.content.decode()
    # Another edition, a made-up token: nothing either.
    other = EditionFactory(year=2025)
    assert (
        coordinator.post(f"/editions/{other.pk}/roster/confirm/", {"token": token}).status_code
        == 302
    )
    assert (
        coordinator.post(
            f"/editions/{edition.pk}/roster/confirm/", {"token": "../../etc/passwd"}
        ).status_code
        == 302
    )
    assert not Participant.objects.exists()


def test_another_session_cannot_confirm_an_upload(coordinator, client, make_staff, edition):
    token = upload(coordinator, edition, csv_file(*GOOD)).context["confirm"].initial["token"]
    from django.test import Client

    other = Client()
    other.force_login(make_staff("coordinator", username="second"))
    other.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    assert not Participant.objects.exists()


def test_wrong_extension_and_oversized_files_are_refused(coordinator, edition, media):
    response = upload(coordinator, edition, csv_file(*GOOD, name="students.xls"))
    assert "Alleen .xlsx- en .csv-bestanden" in response.context["form"].errors["file"][0]
    big = SimpleUploadedFile("big.csv", b"x" * (10 * 1024 * 1024 + 1), content_type="text/csv")
    response = upload(coordinator, edition, big)
    assert "10 MB" in response.context["form"].errors["file"][0]
    assert uploads(media) == []
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("kind", "fmt"), [("students", "csv"), ("experts", "xlsx")])
def test_template_downloads(coordinator, edition, kind, fmt):
    response = coordinator.get(f"/editions/{edition.pk}/roster/template/{kind}.{fmt}")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert header[:3] == ["ref", "first_name", "last_name"]
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        assert sheet["A1"].value == "ref"
    assert coordinator.get(f"/editions/{edition.pk}/roster/template/x.csv").status_code == 404


def test_uploads_left_unconfirmed_for_a_day_are_deleted(coordinator, edition, media):
    import os
    import time

    upload(coordinator, edition, csv_file(*GOOD))
    (old,) = (media / "uploads").iterdir()
    day_ago = time.time() - 25 * 60 * 60
    os.utime(old, (day_ago, day_ago))
    upload(coordinator, edition, csv_file(*GOOD))
    assert old.name not in uploads(media)
    assert len(uploads(media)) == 1


def xlsx_file(data: bytes, name: str = "studenten.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_a_zip_bomb_roster_gets_a_short_report_at_once_and_leaves_no_file(
    coordinator, edition, media
):
    bomb = zip_bomb_xlsx()  # ~150 KB unpacking to 41 MB of XML
    assert coordinator.get(f"/editions/{edition.pk}/roster/").status_code == 200  # warm up
    started = time.perf_counter()
    response = upload(coordinator, edition, xlsx_file(bomb))
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    (error,) = response.context["report"].errors
    assert (error.file, error.row) == ("studenten.xlsx", None)
    assert "verdacht sterk ingepakt" in error.reason
    assert len(response.content) < 50_000
    assert uploads(media) == []
    assert not Participant.objects.exists()


def test_a_roster_with_xml_entities_gets_a_clear_error_not_a_500(coordinator, edition, media):
    response = upload(coordinator, edition, xlsx_file(entities_xlsx()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "declareert een documenttype met entiteiten" in html
    assert "studenten.xlsx" in html
    assert uploads(media) == []


def test_a_staged_roster_is_removed_when_the_check_fails_unexpectedly(
    coordinator, edition, media, monkeypatch
):
    def broken_import(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("ontmoeting.web.views.roster_upload.import_roster", broken_import)
    with pytest.raises(RuntimeError):
        upload(coordinator, edition, csv_file(*GOOD))
    assert uploads(media) == []


def test_an_oversized_roster_is_refused_by_its_kinds_limit(coordinator, edition, media, settings):
    settings.ONTMOETING_UPLOAD_MAX_BYTES = {**settings.ONTMOETING_UPLOAD_MAX_BYTES, "roster": 50}
    response = upload(coordinator, edition, csv_file(*GOOD))
    assert response.context["form"].errors["file"] == [
        "Het bestand is groter dan 4.77e-05 MB; een lijst is veel kleiner. "
        "Is dit het juiste bestand?"
    ]
    assert uploads(media) == []
