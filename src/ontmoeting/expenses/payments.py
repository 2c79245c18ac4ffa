"""Payment batches: a SEPA file of the approved claims of an edition, then marking it paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.expenses import duties, sepa, target2
from ontmoeting.expenses.account_checks import bad_accounts
from ontmoeting.expenses.crypto import decrypt, decrypt_bytes, encrypt_bytes
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.iban import bic_of, needs_bic_and_address
from ontmoeting.expenses.models import Claim, ClaimEvent, PaymentBatch
from ontmoeting.expenses.services import ClaimError
from ontmoeting.privacy.audit import record


@transaction.atomic
def create_batch(
    *, edition: Edition, actor: User, execution_date: dt.date | None = None
) -> PaymentBatch:
    """Put every approved claim of ``edition`` that is in no batch yet into one SEPA file.

    Claims whose stored account the bank would refuse are left out (account_checks.py; the
    batches page names them); ClaimError when no claim is left. The file gets its own message
    id and payment-information id, each claim its end-to-end id (stored on the claim), and the
    execution date is the next TARGET2 business day unless given.
    """
    claims = list(
        Claim.objects.select_for_update()
        .filter(edition=edition, status=ClaimStatus.APPROVED, batch__isnull=True)
        .select_related("participant__person")
        .order_by("pk")
    )
    if not claims:
        raise ClaimError(_("There are no approved claims waiting for payment."), code="empty")
    duties.check_payer(actor, [claim.pk for claim in claims])
    left_out = {bad.claim.pk for bad in bad_accounts(claims)}
    claims = [claim for claim in claims if claim.pk not in left_out]
    if not claims:
        raise ClaimError(
            _(
                "No payment file was made: the bank would refuse the account of every approved "
                "claim. Ask the people concerned for a correct account."
            ),
            code="bad_accounts",
        )
    execution_date = execution_date or target2.next_business_day(timezone.localdate())
    batch = PaymentBatch.objects.create(
        edition=edition,
        message_id="",
        created_by=actor,
        execution_date=execution_date,
        count=len(claims),
        total=sum((claim.total for claim in claims), Decimal("0.00")),
        sepa_encrypted="",
    )
    stem = f"ONT{edition.year}B{batch.pk}"
    for claim in claims:
        claim.end_to_end_id = f"{stem}C{claim.pk}"
    message_id, xml = sepa.credit_transfer(
        [_payment(claim, edition) for claim in claims],
        execution_date=execution_date,
        message_id=_unique_message_id(stem),
        payment_info_id=f"{stem}P1",
    )
    batch.message_id = message_id
    batch.sepa_encrypted = encrypt_bytes(xml)
    batch.save(update_fields=["message_id", "sepa_encrypted"])
    for claim in claims:
        claim.batch = batch
    Claim.objects.bulk_update(claims, ["batch", "end_to_end_id"])
    _steps(claims, to_status=ClaimStatus.APPROVED, actor=actor, note=batch.message_id)
    record(
        "expenses.batch_created",
        actor=actor,
        obj=batch,
        count=batch.count,
        total=str(batch.total),
        left_out=sorted(left_out),
    )
    return batch


def _unique_message_id(stem: str) -> str:
    """``{stem}T{YYYYmmddHHMMSS}`` (local time, 24-hour clock), unique among the batches."""
    base = f"{stem}T{timezone.localtime():%Y%m%d%H%M%S}"
    candidate, number = base, 1
    while PaymentBatch.objects.filter(message_id=candidate).exists():
        number += 1
        candidate = f"{base}N{number}"
    return candidate


def _payment(claim: Claim, edition: Edition) -> sepa.Payment:
    """The transfer of ``claim``: BIC as given (or known from the IBAN); the address for an
    account outside the EEA."""
    iban = decrypt(claim.iban_encrypted)
    address = None
    if needs_bic_and_address(iban):
        address = sepa.Address(
            street=claim.holder_street,
            postcode=claim.holder_postcode,
            town=claim.holder_town,
            country=claim.holder_country,
        )
    return sepa.Payment(
        holder=claim.account_holder,
        iban=iban,
        bic=claim.bic or bic_of(iban),
        amount=claim.total,
        reference=f"Onkosten ontmoetingsdag {edition.year} - claim {claim.pk}",
        end_to_end_id=claim.end_to_end_id,
        address=address,
    )


def _steps(claims: list[Claim], *, to_status: str, actor: User, note: str) -> None:
    """One event per approved claim of a batch: put into the file, or paid."""
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            from_status=ClaimStatus.APPROVED,
            to_status=to_status,
            actor=actor,
            actor_label=actor.get_username(),
            note=note,
        )
        for claim in claims
    )


def batch_file(batch: PaymentBatch) -> bytes:
    """The SEPA XML of ``batch`` as it was made (stored encrypted)."""
    return decrypt_bytes(batch.sepa_encrypted)


@transaction.atomic
def mark_batch_paid(*, batch: PaymentBatch, actor: User) -> PaymentBatch:
    """The bank paid the file: every claim in it moves to paid (a second call changes nothing)."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.paid_at is not None:
        return batch
    duties.check_payer(actor, batch.claims.values_list("pk", flat=True))
    now = timezone.now()
    claims = list(
        Claim.objects.select_for_update().filter(batch=batch, status=ClaimStatus.APPROVED)
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        status=ClaimStatus.PAID, paid_at=now, updated=now
    )
    _steps(claims, to_status=ClaimStatus.PAID, actor=actor, note=batch.message_id)
    batch.paid_at = now
    batch.paid_by = actor
    batch.save(update_fields=["paid_at", "paid_by"])
    record("expenses.batch_paid", actor=actor, obj=batch, count=len(claims))
    return batch
