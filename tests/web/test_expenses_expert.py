"""The expert's own claim: filling it in, bad input changing nothing, and never another's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, ClaimEvent, ClaimLine, Receipt
from ontmoeting.privacy.uploads import max_bytes
from tests.factories import EditionFactory, ParticipantFactory
from tests.hostile_files import fake_pdf
from tests.web.expenses_factories import (
    GOOD_IBAN,
    exe_bytes,
    expert,
    held,
    pdf_bytes,
    png_bytes,
    private_receipts,
    submitted,
    upload,
)
from tests.web.portal_factories import sign_in

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]

URL = "/me/expenses/"


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def form(**overrides):
    data = {
        "travel_mode": "public_transport",
        "ticket_amount": "12.40",
        "ticket_receipt": upload("ticket.pdf", pdf_bytes(), "application/pdf"),
        "lunch": "provided",
        "regime": "real",
        "iban": "BE68 5390 0754 7034",
        "account_holder": "Marleen Peeters",
        "other_received": "no",
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def snapshot():
    return (
        Claim.objects.count(),
        ClaimLine.objects.count(),
        Receipt.objects.count(),
        ClaimEvent.objects.count(),
        list(Claim.objects.values_list("status", "total")),
    )


@pytest.fixture
def signed_in(client):
    participant = expert(held(EditionFactory()))
    sign_in(client, participant)
    return participant


def test_expert_sends_a_claim_with_a_receipt(client, signed_in, private_receipts):
    assert client.get(URL).status_code == 200
    response = client.post(URL, form())
    assert response.status_code == 302
    claim = Claim.objects.get(participant=signed_in)
    assert (claim.status, claim.total, claim.on_behalf, claim.entered_by) == (
        ClaimStatus.SUBMITTED,
        Decimal("12.40"),
        False,
        None,
    )
    page = client.get(URL).content.decode()
    assert "BE•• •••• •••• 7034" in page
    assert GOOD_IBAN not in page
    receipt = Receipt.objects.get(claim=claim)
    download = client.get(f"{URL}receipts/{receipt.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content == pdf_bytes()


def test_save_for_later_keeps_a_draft(client, signed_in):
    assert client.post(URL, form(action="save", iban="", account_holder="")).status_code == 302
    assert Claim.objects.get().status == ClaimStatus.DRAFT


def test_live_total_prices_the_answers_without_storing(client, signed_in):
    response = client.post(
        f"{URL}total/", {"travel_mode": "car", "km": "100", "lunch": "provided", "regime": "real"}
    )
    assert response.status_code == 200
    # 100 km at € 0.4265 (the Q4 2026 seed rate), Dutch format
    assert "42,65" in response.content.decode()
    assert Claim.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"iban": "BE68 5390 0754 7035"}, "iban", "klopt niet"),
        ({"ticket_amount": "-3"}, "ticket_amount", ""),
        (
            {"ticket_receipt": upload("ticket.pdf", exe_bytes(), "application/pdf")},
            "ticket_receipt",
            "We kunnen dit bestand niet lezen",
        ),
        (
            {"ticket_receipt": upload("ticket.pdf", pdf_bytes() + b"0" * max_bytes("receipt"))},
            "ticket_receipt",
            "te groot",
        ),
        (
            {"ticket_receipt": upload("ticket.pdf", fake_pdf(), "application/pdf")},
            "ticket_receipt",
            "Dit bestand gaat niet open",
        ),
        (
            {"ticket_receipt": upload("ticket.pdf", png_bytes(), "application/pdf")},
            "ticket_receipt",
            "Dit bestand is niet wat de naam zegt (ticket.pdf)",
        ),
    ],
)
def test_bad_input_shows_a_clear_error_and_changes_nothing(
    client, signed_in, overrides, field, message, private_receipts
):
    before = snapshot()
    response = client.post(URL, form(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert snapshot() == before
    assert not private_receipts.exists() or not any(private_receipts.iterdir())


def test_double_submit_shows_an_error_and_changes_nothing(client, signed_in):
    client.post(URL, form())
    before = snapshot()
    response = client.post(URL, form(ticket_amount="99"))
    assert response.status_code == 409
    assert "al verstuurd" in response.content.decode()
    assert snapshot() == before


def test_students_have_no_expense_page(client):
    student = ParticipantFactory()
    sign_in(client, student)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form()).status_code == 404
    assert Claim.objects.count() == 0


def test_not_signed_in_goes_to_the_new_link_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/me/new-link/"


def test_one_expert_never_sees_another_claim_or_receipt(client, make_staff):
    edition = EditionFactory()
    mine, theirs = expert(edition), expert(edition)
    my_claim = submitted(mine, account_holder="Mine")
    their_claim = submitted(theirs, account_holder="Theirs Secret")
    their_receipt = Receipt.objects.get(claim=their_claim)
    my_receipt = Receipt.objects.get(claim=my_claim)
    sign_in(client, mine)
    assert client.get(f"{URL}receipts/{my_receipt.pk}/").status_code == 200
    assert client.get(f"{URL}receipts/{their_receipt.pk}/").status_code == 404
    assert "Theirs Secret" not in client.get(URL).content.decode()
    # The coordinator URLs with the other's ids: a signed-in expert is no staff member.
    for path in (
        f"/editions/{edition.pk}/expenses/{their_claim.pk}/",
        f"/editions/{edition.pk}/expenses/{their_claim.pk}/receipts/{their_receipt.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_sending_needs_the_answer_about_other_organisations(client, signed_in):
    assert client.post(URL, form(other_received=None)).status_code == 400
    assert not Claim.objects.filter(status=ClaimStatus.SUBMITTED).exists()
    response = client.post(
        URL, form(other_received="yes", other_allowances="120.00", other_km="300")
    )
    assert response.status_code == 302
    claim = Claim.objects.get(participant=signed_in)
    assert (claim.other_declared, claim.other_allowances, claim.other_km) == (
        True,
        Decimal("120.00"),
        Decimal("300.0"),
    )
