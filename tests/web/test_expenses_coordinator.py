"""Coordinator pages: list and budget, four eyes, paper claims, exports, rates, and roles."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ontmoeting.expenses import sepa
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, PaymentBatch, Rate, Receipt
from ontmoeting.expenses.services import approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import (
    GOOD_IBAN,
    expert,
    held,
    pdf_bytes,
    private_receipts,
    submitted,
    upload,
)

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def base(edition):
    return f"/editions/{edition.pk}/expenses/"


def paper_form(participant, **overrides):
    data = {
        "participant": participant.pk,
        "travel_mode": "car",
        "km": "40",
        "lunch": "paid",
        "lunch_amount": "11.20",
        "lunch_receipt": upload("lunch.pdf", pdf_bytes(), "application/pdf"),
        "regime": "real",
        "iban": GOOD_IBAN,
        "account_holder": "J. Janssens",
        "other_received": "no",
        "action": "submit",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_other_roles_get_403_on_every_coordinator_page(client, make_staff, role):
    edition = EditionFactory()
    claim = submitted(expert(edition))
    receipt = Receipt.objects.get(claim=claim)
    client.force_login(make_staff(role))
    root = base(edition)
    for path in (
        root,
        f"{root}new/",
        f"{root}finance.xlsx",
        f"{root}rates/",
        f"{root}batches/",
        f"{root}{claim.pk}/",
        f"{root}{claim.pk}/receipts/{receipt.pk}/",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post(f"{root}{claim.pk}/approve/").status_code == 403
    assert client.post(f"{root}batches/").status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_ids_of_another_edition_are_not_found(client, make_staff):
    edition, other = EditionFactory(year=2026), EditionFactory(year=2025)
    claim = submitted(expert(other))
    receipt = Receipt.objects.get(claim=claim)
    client.force_login(make_staff("coordinator"))
    assert client.get(f"{base(edition)}{claim.pk}/").status_code == 404
    assert client.get(f"{base(edition)}{claim.pk}/receipts/{receipt.pk}/").status_code == 404
    assert client.post(f"{base(edition)}{claim.pk}/approve/").status_code == 404
    assert client.get(f"{base(other)}{claim.pk}/receipts/{receipt.pk}/").status_code == 200


def test_paper_claim_needs_a_second_coordinator(client, make_staff):
    edition = held(EditionFactory())
    participant = expert(edition)
    first, second = make_staff("coordinator", "first"), make_staff("coordinator", "second")
    client.force_login(first)
    assert client.get(f"{base(edition)}new/").status_code == 200
    response = client.post(f"{base(edition)}new/", paper_form(participant))
    claim = Claim.objects.get()
    assert response.status_code == 302
    # 40 km x € 0.4265 (Q4 2026 seed) = 17.06, lunch 11.20.
    assert (claim.on_behalf, claim.entered_by, claim.total) == (True, first, Decimal("28.26"))
    page = client.get(f"{base(edition)}{claim.pk}/").content.decode()
    assert 'data-testid="four-eyes"' in page
    client.post(f"{base(edition)}{claim.pk}/approve/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    client.force_login(second)
    assert client.post(f"{base(edition)}{claim.pk}/approve/").status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, second)
    history = client.get(f"{base(edition)}{claim.pk}/").content.decode()
    assert "verstuurd, wacht op goedkeuring → goedgekeurd" in history  # labels, not codes


def test_reject_without_reason_changes_nothing(client, make_staff):
    edition = EditionFactory()
    claim = submitted(expert(edition))
    client.force_login(make_staff("coordinator"))
    assert client.post(f"{base(edition)}{claim.pk}/reject/", {"reason": ""}).status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    client.post(f"{base(edition)}{claim.pk}/reject/", {"reason": "Wrong day"})
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == (ClaimStatus.REJECTED, "Wrong day")


def test_budget_counts_committed_approved_and_paid(client, make_staff):
    edition = EditionFactory()
    coordinator = make_staff("coordinator")
    submitted(expert(edition), ticket_amount=Decimal("10.00"))
    approve_claim(
        claim=submitted(expert(edition), ticket_amount=Decimal("20.00")), actor=coordinator
    )
    client.force_login(coordinator)
    budget = client.get(base(edition)).context["budget"]
    assert (budget.committed, budget.approved, budget.paid) == (
        Decimal("30.00"),
        Decimal("20.00"),
        Decimal("0.00"),
    )


def test_batch_sepa_download_and_paid(client, make_staff):
    edition = EditionFactory()
    coordinator = make_staff("coordinator")
    claim = approve_claim(claim=submitted(expert(edition)), actor=coordinator)
    client.force_login(make_staff("finance"))  # a finance user pays (separation of duties)
    assert client.post(f"{base(edition)}batches/").status_code == 302
    batch = PaymentBatch.objects.get()
    response = client.get(f"{base(edition)}batches/{batch.pk}/sepa.xml")
    assert response.status_code == 200
    sepa.validate(response.content)
    assert sepa.totals(response.content).control_sum == claim.total
    client.post(f"{base(edition)}batches/{batch.pk}/paid/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_finance_xlsx_has_one_row_per_approved_claim(client, make_staff):
    edition = EditionFactory()
    coordinator = make_staff("coordinator")
    approved = approve_claim(claim=submitted(expert(edition)), actor=coordinator)
    submitted(expert(edition))  # not approved: not in the sheet
    client.force_login(coordinator)
    response = client.get(f"{base(edition)}finance.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # the header, the claim, the totals row
    header, row, totals = rows
    values = dict(zip(header, row, strict=True))
    assert dict(zip(header, totals, strict=True))["Totaal"] == float(approved.total)
    assert values["IBAN"] == GOOD_IBAN
    assert values["Totaal"] == float(approved.total)
    assert values["Achternaam"] == approved.participant.person.last_name
    assert values["Goedgekeurd door"] == coordinator.username


def test_rates_page_saves_and_refuses_negative_rates(client, make_staff):
    edition = EditionFactory()
    client.force_login(make_staff("coordinator"))
    assert client.get(f"{base(edition)}rates/").status_code == 200
    data = {
        "kind": "bicycle_km",
        "valid_from": "2027-01-01",
        "valid_to": "2027-12-31",
        "value": "-0.1",
        "source": "https://example.org/official",
    }
    assert client.post(f"{base(edition)}rates/", data).status_code == 400
    assert not Rate.objects.filter(kind="bicycle_km", valid_from__year=2027).exists()
    data["value"] = "0.38"
    assert client.post(f"{base(edition)}rates/", data).status_code == 302
    assert Rate.objects.get(kind="bicycle_km", valid_from__year=2027).value == Decimal("0.38")


@pytest.mark.parametrize("count", [1, 3])
def test_claim_list_query_count_does_not_grow(
    client, make_staff, django_assert_max_num_queries, count
):
    edition = EditionFactory()
    coordinator = make_staff("coordinator", "lister")
    entering = make_staff("coordinator", "entering")
    for index in range(count):
        claim = submitted(expert(edition), actor=entering, on_behalf=True)
        if index:
            approve_claim(claim=claim, actor=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(base(edition))
    assert response.status_code == 200
    assert len(response.context["claims"]) == count


def test_a_paper_claims_fake_pdf_receipt_is_refused_and_nothing_is_stored(
    client, make_staff, private_receipts
):
    from tests.hostile_files import fake_pdf

    edition = EditionFactory()
    participant = expert(edition)
    client.force_login(make_staff("coordinator"))
    fake = upload("lunch.pdf", fake_pdf(), "application/pdf")
    response = client.post(f"{base(edition)}new/", paper_form(participant, lunch_receipt=fake))
    assert response.status_code == 400
    assert "Dit bestand gaat niet open" in " ".join(
        response.context["form"].errors["lunch_receipt"]
    )
    assert not Claim.objects.exists()
    assert not private_receipts.exists() or not any(private_receipts.iterdir())


def test_rates_page_warns_about_unconfirmed_figures_and_refuses_overlaps(client, make_staff):
    edition = EditionFactory()
    client.force_login(make_staff("coordinator"))
    page = client.get(f"{base(edition)}rates/").content.decode()
    assert 'data-testid="unconfirmed-rates"' in page
    overlapping = {
        "kind": "car_km",
        "valid_from": "2024-02-01",
        "valid_to": "2024-02-29",
        "value": "0.40",
        "source": "https://example.org",
    }
    assert client.post(f"{base(edition)}rates/", overlapping).status_code == 400
    assert not Rate.objects.filter(valid_from=dt.date(2024, 2, 1)).exists()


def test_ceiling_override_form_then_a_third_coordinator_approves(client, make_staff):
    Rate.objects.filter(kind="flat_yearly", valid_from__year=2026).update(value=Decimal("50"))
    edition = held(EditionFactory())
    claim = submitted(
        expert(edition),
        regime="flat",
        travel_mode="none",
        ticket_receipt=None,
        other_allowances=Decimal("20"),
    )
    first, second = make_staff("coordinator", "first"), make_staff("coordinator", "second")
    client.force_login(first)
    page = client.get(f"{base(edition)}{claim.pk}/").content.decode()
    assert 'data-testid="ceiling-override"' in page
    assert 'data-testid="approve"' not in page
    client.post(f"{base(edition)}{claim.pk}/approve/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert client.post(f"{base(edition)}{claim.pk}/override/", {"reason": ""}).status_code == 400
    client.post(f"{base(edition)}{claim.pk}/override/", {"reason": "agreed"})
    claim.refresh_from_db()
    assert claim.override_by == first
    client.post(f"{base(edition)}{claim.pk}/approve/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED  # the overrider cannot approve
    client.force_login(second)
    client.post(f"{base(edition)}{claim.pk}/approve/")
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, second)
