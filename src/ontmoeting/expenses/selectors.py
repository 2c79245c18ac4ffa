"""Reading claims: lists, one claim with everything, the budget of an edition, a person's year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import (
    BankStatement,
    Claim,
    PaymentBatch,
    Rate,
    Receipt,
    StatementEntry,
)
from ontmoeting.expenses.rates import MissingRates, rates_for
from ontmoeting.expenses.rules import YearCheck, check_year


def edition_claims(edition: Edition, *, status: str | None = None) -> QuerySet[Claim]:
    """The claims of ``edition`` for the coordinator list (one query)."""
    claims = Claim.objects.filter(edition=edition).select_related(
        "participant__person", "entered_by", "decided_by", "batch"
    )
    if status:
        claims = claims.filter(status=status)
    return claims.order_by("participant__person__last_name", "participant__person__first_name")


def claim_in_edition(edition_id: int, claim_id: int) -> Claim | None:
    """One claim with its lines, receipts and events, looked up through its edition."""
    return (
        Claim.objects.filter(edition_id=edition_id, pk=claim_id)
        .select_related("edition", "participant__person", "entered_by", "decided_by", "batch")
        .prefetch_related("lines__receipt", "events__actor")
        .first()
    )


def claim_of(participant: Participant) -> Claim | None:
    """The participant's own claim for their edition, if any."""
    return (
        Claim.objects.filter(participant=participant, edition_id=participant.edition_id)
        .prefetch_related("lines__receipt")
        .first()
    )


def own_receipt(participant: Participant, receipt_id: int) -> Receipt | None:
    """A receipt of the participant's own claim; None for anyone else's."""
    return Receipt.objects.filter(pk=receipt_id, claim__participant=participant).first()


def receipt_in_edition(edition_id: int, claim_id: int, receipt_id: int) -> Receipt | None:
    return Receipt.objects.filter(
        pk=receipt_id, claim_id=claim_id, claim__edition_id=edition_id
    ).first()


def experts_without_claim(edition: Edition) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(edition=edition, role="expert")
        .exclude(claims__edition=edition)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


@dataclass(frozen=True)
class Budget:
    """Money of an edition: committed (sent + approved), approved, paid, and counts."""

    committed: Decimal
    submitted: Decimal
    approved: Decimal
    paid: Decimal
    drafts: int
    waiting: int


def edition_budget(edition: Edition) -> Budget:
    """The edition's budget in one query."""
    zero = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))

    def total(*statuses: str) -> Coalesce:
        return Coalesce(Sum("total", filter=Q(status__in=statuses)), zero)

    row = Claim.objects.filter(edition=edition).aggregate(
        submitted=total(ClaimStatus.SUBMITTED),
        approved=total(ClaimStatus.APPROVED),
        paid=total(ClaimStatus.PAID),
        drafts=Count("pk", filter=Q(status=ClaimStatus.DRAFT)),
        waiting=Count("pk", filter=Q(status=ClaimStatus.SUBMITTED)),
    )
    return Budget(
        committed=row["submitted"] + row["approved"],
        submitted=row["submitted"],
        approved=row["approved"],
        paid=row["paid"],
        drafts=row["drafts"],
        waiting=row["waiting"],
    )


def year_check(claim: Claim) -> YearCheck | None:
    """The yearly check of a stored claim (for the coordinator's decision)."""
    try:
        rates = rates_for(claim.edition.date)
    except MissingRates:
        return None
    return check_year(claim, regime=claim.regime, lines=list(claim.lines.all()), rates=rates)


def all_rates() -> QuerySet[Rate]:
    """Every figure, by kind and then newest period first."""
    return Rate.objects.order_by("kind", "-valid_from")


def unconfirmed_rates() -> QuerySet[Rate]:
    """The figures not checked against an official source (the rates page warns about them)."""
    return Rate.objects.filter(confirmed=False).order_by("kind", "valid_from")


def edition_batches(edition: Edition) -> QuerySet[PaymentBatch]:
    return PaymentBatch.objects.filter(edition=edition).select_related("created_by", "paid_by")


def batch_in_edition(edition_id: int, batch_id: int) -> PaymentBatch | None:
    return PaymentBatch.objects.filter(edition_id=edition_id, pk=batch_id).first()


def finance_claims(edition: Edition) -> QuerySet[Claim]:
    """Approved and paid claims with their lines, for the finance export."""
    return (
        Claim.objects.filter(edition=edition, status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID])
        .select_related("participant__person", "decided_by", "edition")
        .prefetch_related("lines")
        .order_by("participant__person__last_name", "participant__person__first_name")
    )


def count_waiting(edition: Edition) -> int:
    return Claim.objects.filter(
        edition=edition, status=ClaimStatus.APPROVED, batch__isnull=True
    ).count()


def finance_rows(edition: Edition) -> QuerySet[Claim]:
    """Approved and paid claims with their lines and payment file, for the finance export."""
    return finance_claims(edition).select_related("batch")


def batches_with_claims(edition: Edition) -> QuerySet[PaymentBatch]:
    """The edition's batches, each with its claims and the statement entries that paid them."""
    return (
        PaymentBatch.objects.filter(edition=edition)
        .select_related("created_by", "paid_by")
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=Claim.objects.select_related("participant__person", "edition")
                .prefetch_related(
                    Prefetch(
                        "statement_entries",
                        queryset=StatementEntry.objects.select_related("statement"),
                    )
                )
                .order_by("pk"),
            )
        )
        .order_by("created", "pk")
    )


def recent_statements(limit: int = 10) -> QuerySet[BankStatement]:
    """The statements uploaded last, with who uploaded them."""
    return BankStatement.objects.select_related("uploaded_by").order_by("-uploaded_at")[:limit]
