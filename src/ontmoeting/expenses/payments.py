"""Payment batches: a SEPA file of the approved claims of an edition, then marking it paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.expenses import duties, sepa
from ontmoeting.expenses.crypto import decrypt, decrypt_bytes, encrypt_bytes
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.iban import bic_of
from ontmoeting.expenses.models import Claim, ClaimEvent, PaymentBatch
from ontmoeting.expenses.services import ClaimError
from ontmoeting.privacy.audit import record


def next_business_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@transaction.atomic
def create_batch(
    *, edition: Edition, actor: User, execution_date: dt.date | None = None
) -> PaymentBatch:
    """Put every approved claim of ``edition`` that is in no batch yet into one SEPA file."""
    claims = list(
        Claim.objects.select_for_update()
        .filter(edition=edition, status=ClaimStatus.APPROVED, batch__isnull=True)
        .select_related("participant__person")
        .order_by("pk")
    )
    if not claims:
        raise ClaimError(_("There are no approved claims waiting for payment."), code="empty")
    duties.check_payer(actor, [claim.pk for claim in claims])
    execution_date = execution_date or next_business_day(timezone.localdate())
    payments = []
    for claim in claims:
        iban = decrypt(claim.iban_encrypted)
        payments.append(
            sepa.Payment(
                holder=claim.account_holder,
                iban=iban,
                bic=bic_of(iban),
                amount=claim.total,
                reference=f"Onkosten ontmoetingsdag {edition.year} - claim {claim.pk}",
                end_to_end_id=f"ONT-{edition.year}-{claim.pk}",
            )
        )
    message_id, xml = sepa.credit_transfer(payments, execution_date=execution_date)
    batch = PaymentBatch.objects.create(
        edition=edition,
        message_id=message_id,
        created_by=actor,
        execution_date=execution_date,
        count=len(claims),
        total=sum((claim.total for claim in claims), Decimal("0.00")),
        sepa_encrypted=encrypt_bytes(xml),
    )
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).update(batch=batch)
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            from_status=ClaimStatus.APPROVED,
            to_status=ClaimStatus.APPROVED,
            actor=actor,
            actor_label=actor.get_username(),
            note=batch.message_id,
        )
        for claim in claims
    )
    record(
        "expenses.batch_created", actor=actor, obj=batch, count=batch.count, total=str(batch.total)
    )
    return batch


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
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            from_status=ClaimStatus.APPROVED,
            to_status=ClaimStatus.PAID,
            actor=actor,
            actor_label=actor.get_username(),
            note=batch.message_id,
        )
        for claim in claims
    )
    batch.paid_at = now
    batch.paid_by = actor
    batch.save(update_fields=["paid_at", "paid_by"])
    record("expenses.batch_paid", actor=actor, obj=batch, count=len(claims))
    return batch
