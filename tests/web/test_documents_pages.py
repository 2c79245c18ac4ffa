"""The documents page of an edition and its downloads: coordinators only."""

from __future__ import annotations

import pytest

from ontmoeting.planning.models import PlanStatus
from ontmoeting.privacy.models import AuditEntry
from tests.documents.builders import build_edition

pytestmark = pytest.mark.django_db

KINDS = {
    "schedule_cards": "application/pdf",
    "badges": "application/pdf",
    "door_signs": "application/pdf",
    "chair_sheets": "application/pdf",
    "attendance": "application/pdf",
    "calendar": "text/calendar; charset=utf-8",
}


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_documents_forbidden_for_other_roles(client, make_staff, role):
    built = build_edition(pairs=1)
    client.force_login(make_staff(role))
    base = f"/editions/{built.edition.pk}/documents/"
    for url in (base, base + "badges/", base + "pack.zip"):
        assert client.get(url).status_code == 403


def test_documents_need_login(client):
    built = build_edition(pairs=1)
    response = client.get(f"/editions/{built.edition.pk}/documents/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_documents_page_lists_every_kind_and_the_pack(client, make_staff):
    built = build_edition(pairs=1)
    client.force_login(make_staff("coordinator"))
    response = client.get(f"/editions/{built.edition.pk}/documents/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="make-pack"' in html  # no pack made yet: a button to make it
    assert 'data-testid="download-pack"' not in html
    for kind in KINDS:
        assert f'data-testid="download-{kind}"' in html
    assert "style=" not in html


def test_documents_page_without_published_plan_says_so(client, make_staff):
    built = build_edition(pairs=1, status=PlanStatus.DRAFT)
    client.force_login(make_staff("coordinator"))
    base = f"/editions/{built.edition.pk}/documents/"
    html = client.get(base).content.decode()
    assert 'data-testid="no-plan"' in html
    assert 'data-testid="make-pack"' not in html
    assert client.get(base + "badges/").status_code == 404
    assert client.get(base + "pack.zip").status_code == 404


def test_documents_unknown_edition_or_kind_is_404(client, make_staff):
    built = build_edition(pairs=1)
    client.force_login(make_staff("coordinator"))
    assert client.get(f"/editions/{built.edition.pk + 99}/documents/").status_code == 404
    assert client.get(f"/editions/{built.edition.pk}/documents/nonsense/").status_code == 404


@pytest.mark.parametrize(("kind", "content_type"), KINDS.items())
def test_documents_download_content_types(client, make_staff, kind, content_type):
    built = build_edition(pairs=2)
    client.force_login(make_staff("coordinator"))
    response = client.get(f"/editions/{built.edition.pk}/documents/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('-2026-v1.pdf"') or kind == "calendar"
    magic = b"BEGIN:VCALENDAR" if kind == "calendar" else b"%PDF-"
    assert response.content.startswith(magic)
    assert AuditEntry.objects.filter(action="documents.download").count() == 1


def test_documents_pack_zip_is_never_made_in_the_request(client, make_staff):
    """Without a finished pack, pack.zip sends the coordinator to the page where it is made
    (the whole pack is made by the worker: tests/documents/test_pack_builds.py)."""
    built = build_edition(pairs=2)
    client.force_login(make_staff("coordinator"))
    response = client.get(f"/editions/{built.edition.pk}/documents/pack.zip")
    assert response.status_code == 302
    assert response["Location"] == f"/editions/{built.edition.pk}/documents/"
    assert not AuditEntry.objects.filter(action="documents.pack").exists()


@pytest.mark.parametrize("pairs", [1, 3])
def test_documents_page_queries_do_not_grow(
    client, make_staff, pairs, django_assert_max_num_queries
):
    built = build_edition(pairs=pairs)
    client.force_login(make_staff("coordinator"))
    with django_assert_max_num_queries(8):
        assert client.get(f"/editions/{built.edition.pk}/documents/").status_code == 200
