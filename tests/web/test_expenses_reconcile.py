"""The reconcile page: upload a statement, read the report, see which entry paid each claim."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import BankStatement, Claim
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.reconcile import end_to_end_id_of
from ontmoeting.expenses.services import approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


@pytest.fixture
def batch(make_staff):
    edition = EditionFactory(year=2026)
    approver = make_staff("coordinator", "approver")
    for amount in ("12.40", "31.90"):
        approve_claim(
            claim=submitted(expert(edition), ticket_amount=Decimal(amount)), actor=approver
        )
    finance = make_staff("finance", "maker")
    return create_batch(edition=edition, actor=finance, execution_date=dt.date(2026, 12, 14))


def statement_file(batch, name="afschrift.xml") -> SimpleUploadedFile:
    claims = batch.claims.select_related("edition").order_by("pk")
    content = camt053_batch(
        statement_id="2026-250",
        iban="BE68539007547034",
        booked=dt.date(2026, 12, 15),
        batch_message_id=batch.message_id,
        payments=[Paid(end_to_end_id_of(c), c.total, "x") for c in claims],
    )
    return SimpleUploadedFile(name, content, content_type="application/xml")


def url(batch) -> str:
    return reverse("web:expenses-reconcile", args=[batch.edition_id])


def test_upload_pays_the_claims_and_shows_the_report(client, make_staff, batch):
    client.force_login(make_staff("finance"))
    page = client.get(reverse("web:expenses-batches", args=[batch.edition_id]))
    assert url(batch).encode() in page.content
    assert b'data-testid="reconcile-link"' in page.content
    page = client.get(url(batch))
    assert page.status_code == 200
    assert b'data-testid="reconcile-upload"' in page.content
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post(url(batch), {"statement": statement_file(batch)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="reconcile-report"' in html
    assert html.count('data-testid="report-matched"') == 1
    assert 'data-testid="batch-claims"' in html
    assert html.count('data-testid="claim-paid"') == 2
    assert 'data-testid="batch-reconciled"' in html
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.PAID}
    for claim in Claim.objects.select_related("edition"):
        assert end_to_end_id_of(claim) in html


def test_the_same_file_twice_and_a_wrong_kind_are_refused(client, make_staff, batch):
    client.force_login(make_staff("finance"))
    assert client.post(url(batch), {"statement": statement_file(batch)}).status_code == 200
    again = client.post(url(batch), {"statement": statement_file(batch, "again.xml")})
    assert again.status_code == 400
    assert BankStatement.objects.count() == 1
    pdf = SimpleUploadedFile("afschrift.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert client.post(url(batch), {"statement": pdf}).status_code == 400


def test_a_stranger_is_kept_out(client, make_staff, batch, django_user_model):
    response = client.get(url(batch))
    assert response.status_code == 302  # to the login
    client.force_login(make_staff("researcher"))
    assert client.get(url(batch)).status_code == 403
    assert client.post(url(batch), {"statement": statement_file(batch)}).status_code == 403
    assert BankStatement.objects.count() == 0
    plain = django_user_model.objects.create_user("someone", password="x" * 20)
    client.force_login(plain)
    assert client.get(url(batch)).status_code in (302, 403)


def test_post_without_csrf_token_is_refused(make_staff, batch):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff("finance"))
    assert client.post(url(batch), {"statement": statement_file(batch)}).status_code == 403
    assert BankStatement.objects.count() == 0
