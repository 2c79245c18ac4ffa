"""A coordinator makes the whole document pack in Dutch: the button queues it, the page follows
the worker's making by itself and then offers the ZIP, whose PDFs name the participants."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.documents.builders import build_edition, flat, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_makes_the_pack_and_downloads_it(
    live_server, task_worker, page, make_staff, login, axe, settings, tmp_path
):
    settings.VAR_DIR = tmp_path / "var"
    settings.ONTMOETING_PACK_PROCESSES = 1  # no fork beside the browser's threads in this test
    built = build_edition(pairs=2, names=[("Lotte", "Claes"), ("Mehdi", "Aerts")])
    login(make_staff("coordinator"))
    page.goto(f"{live_server.url}/editions/{built.edition.pk}/documents/")
    expect(page.get_by_test_id("download-pack")).to_have_count(0)
    axe(page)

    page.get_by_test_id("make-pack").click()
    status = page.get_by_test_id("pack-status")
    expect(status).to_have_attribute("data-status", "done", timeout=60_000)  # polled, no reload
    axe(page)
    link = page.get_by_test_id("download-pack")
    expect(link).to_contain_text("ZIP")
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename == "documents-2026-v1.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as archive:
        badges = pdf_text(archive.read("documents-2026-v1/badges.pdf"))
    assert "Lotte" in flat(badges[0])
    assert "Mehdi" in flat(badges[0])
