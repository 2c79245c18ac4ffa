"""Saving, sending, approving and rejecting claims; receipts and bank details at rest."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ontmoeting.expenses import receipts
from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, ClaimEvent, ClaimLine, Receipt
from ontmoeting.expenses.services import (
    ClaimError,
    approve_claim,
    reject_claim,
    save_claim,
)
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, PersonFactory
from tests.web.expenses_factories import (
    GOOD_IBAN,
    checked,
    claim_input,
    expert,
    png_bytes,
    private_receipts,
    submitted,
)

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def test_save_claim_prices_lines_with_the_rates_of_the_year():
    participant = expert(EditionFactory(year=2026))
    claim, check = save_claim(
        participant=participant,
        data=claim_input(
            travel_mode="car",
            km=Decimal("50"),
            ticket_receipt=None,
            parking_amount=Decimal("4.50"),
            parking_receipt=checked("parking.png"),
            lunch_paid=True,
            lunch_amount=Decimal("22.00"),
            lunch_receipt=checked("lunch.png"),
        ),
        actor="portal",
    )
    lines = {line.kind: line.total for line in claim.lines.all()}
    # 50 km at 0.4265 (Q4 2026 seed) = 21.325 → 21.33; lunch capped at 15.00; parking 4.50.
    assert lines == {
        "car": Decimal("21.33"),
        "parking": Decimal("4.50"),
        "lunch": Decimal("15.00"),
    }
    assert claim.total == Decimal("40.83")
    assert claim.status == ClaimStatus.DRAFT
    assert check is None


def test_iban_is_stored_encrypted_and_shown_masked():
    claim = submitted(expert())
    assert GOOD_IBAN not in claim.iban_encrypted
    assert decrypt(claim.iban_encrypted) == GOOD_IBAN
    assert claim.iban_masked == "BE•• •••• •••• 7034"
    raw = Claim.objects.filter(pk=claim.pk).values_list("iban_encrypted", "iban_masked").get()
    assert all(GOOD_IBAN not in value for value in raw)


def test_receipt_is_stored_privately_encrypted_under_a_random_name(private_receipts):
    claim = submitted(expert())
    receipt = Receipt.objects.get(claim=claim)
    path = receipts.path_of(receipt.stored_name)
    assert path.parent == private_receipts
    assert path.stat().st_mode & 0o777 == 0o600
    stored = path.read_bytes()
    assert stored.startswith(b"gAAAAA")  # a Fernet token, with the bank accounts' key
    assert b"PNG" not in stored
    assert receipts.read_file(receipt.stored_name) == png_bytes()
    assert "ticket" not in receipt.stored_name
    assert len(receipt.stored_name) == 48


def test_submit_logs_an_event_and_an_audit_entry():
    claim = submitted(expert())
    assert list(claim.events.values_list("from_status", "to_status", "actor_label")) == [
        ("", "draft", "portal"),
        ("draft", "submitted", "portal"),
    ]
    assert (
        AuditEntry.objects.filter(
            action="expenses.claim_submitted", object_id=str(claim.pk)
        ).count()
        == 1
    )


def test_double_submit_is_refused_and_changes_nothing():
    participant = expert()
    claim = submitted(participant)
    before = (ClaimLine.objects.count(), Receipt.objects.count(), ClaimEvent.objects.count())
    with pytest.raises(ClaimError) as error:
        submitted(participant, ticket_amount=Decimal("99"))
    assert error.value.code == "locked"
    claim.refresh_from_db()
    assert claim.total == Decimal("12.40")
    assert (
        ClaimLine.objects.count(),
        Receipt.objects.count(),
        ClaimEvent.objects.count(),
    ) == before


def test_submit_without_a_receipt_is_refused_and_stores_nothing():
    with pytest.raises(ClaimError) as error:
        submitted(expert(), ticket_receipt=None)
    assert "ticket_receipt" in error.value.message_dict
    assert Claim.objects.count() == 0


def test_negative_amount_is_refused_by_the_service_too():
    with pytest.raises(ClaimError) as error:
        submitted(expert(), ticket_amount=Decimal("-5"))
    assert "ticket_amount" in error.value.message_dict
    assert Claim.objects.count() == 0


def test_students_cannot_claim():
    from tests.factories import ParticipantFactory

    with pytest.raises(ClaimError):
        submitted(ParticipantFactory())
    assert Claim.objects.count() == 0


def test_replacing_a_receipt_deletes_the_old_file(django_capture_on_commit_callbacks):
    participant = expert()
    claim, _ = save_claim(participant=participant, data=claim_input(), actor="portal")
    old = Receipt.objects.get(claim=claim).stored_name
    with django_capture_on_commit_callbacks(execute=True):
        save_claim(
            participant=participant,
            data=claim_input(ticket_receipt=checked("new.png")),
            actor="portal",
        )
    assert list(Receipt.objects.values_list("original_name", flat=True)) == ["new.png"]
    assert not receipts.path_of(old).exists()


def test_approver_cannot_be_who_entered_the_claim(make_staff):
    first = make_staff("coordinator", "first")
    second = make_staff("coordinator", "second")
    claim = submitted(expert(), actor=first, on_behalf=True)
    assert (claim.on_behalf, claim.entered_by) == (True, first)
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=first)
    assert error.value.code == "four_eyes"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    approve_claim(claim=claim, actor=second)
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, second)


def test_any_coordinator_approves_a_claim_the_expert_entered(make_staff):
    coordinator = make_staff("coordinator")
    claim = approve_claim(claim=submitted(expert()), actor=coordinator)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.events.last().actor == coordinator


def test_a_second_approval_is_refused(make_staff):
    claim = submitted(expert())
    approve_claim(claim=claim, actor=make_staff("coordinator", "a"))
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=make_staff("coordinator", "b"))
    assert error.value.code == "state"
    assert claim.events.filter(to_status="approved").count() == 1


def test_reject_needs_a_reason_and_keeps_it(make_staff):
    coordinator = make_staff("coordinator")
    claim = submitted(expert())
    with pytest.raises(ClaimError):
        reject_claim(claim=claim, actor=coordinator, reason="  ")
    claim = reject_claim(claim=claim, actor=coordinator, reason="No ticket on the day.")
    assert (claim.status, claim.rejection_reason) == ("rejected", "No ticket on the day.")


def test_a_portal_claim_is_not_approved_by_the_claimant_themself(make_staff):
    """Issue 12: a coordinator who is also the expert cannot approve their own claim."""
    coordinator = make_staff("coordinator")
    coordinator.email = "Marleen@Example.org"
    coordinator.save()
    claim = submitted(expert(person=PersonFactory(email="marleen@example.org")))
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=coordinator)
    assert error.value.code == "four_eyes"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    approve_claim(claim=claim, actor=make_staff("coordinator", "other"))


def test_a_portal_claim_into_the_approvers_own_account_is_refused(make_staff):
    """Issue 12: a claim sent as another expert, paying into the coordinator's own IBAN (known
    from the coordinator's own claim as an expert), is not approved by that coordinator."""
    coordinator = make_staff("coordinator")
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    own_iban = "BE71 0961 2345 6769"
    edition = EditionFactory()
    submitted(expert(edition, person=PersonFactory(email="coordinator@example.org")), iban=own_iban)
    claim = submitted(expert(edition), iban=own_iban)
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=coordinator)
    assert error.value.code == "four_eyes"
    with pytest.raises(ClaimError):
        reject_claim(claim=claim, actor=coordinator, reason="mine")
    approve_claim(claim=claim, actor=make_staff("coordinator", "other"))


def test_the_coordinator_who_sent_a_claim_does_not_approve_it(make_staff):
    first = make_staff("coordinator", "first")
    claim = submitted(expert(), actor=first, on_behalf=True)
    assert claim.submitted_by == first
    with pytest.raises(ClaimError):
        approve_claim(claim=claim, actor=first)
