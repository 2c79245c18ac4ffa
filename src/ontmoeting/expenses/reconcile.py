"""Reconciling payment batches with a bank statement: which claim did the bank really pay?

:func:`reconcile_statement` stores the statement (a file is read once: a second upload of the
same bytes is refused), matches every debit to a claim by its SEPA end-to-end id, with the same
amount, and marks the matched claims paid on the booking date. A batch is reconciled once every
one of its claims was found on a statement. An entry whose claim was paid already (an
overlapping export) is linked and changes nothing: reconciling is idempotent per entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.expenses import duties, statements
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.iban import mask_iban
from ontmoeting.expenses.models import (
    BankStatement,
    Claim,
    ClaimEvent,
    PaymentBatch,
    StatementEntry,
)
from ontmoeting.expenses.services import ClaimError
from ontmoeting.privacy.audit import record

#: The largest statement file accepted (camt.053 of a month, or a CSV export).
MAX_STATEMENT_BYTES = 5 * 1024 * 1024
#: The end-to-end id payments.py gives a claim when none is stored on it.
FORMULA = re.compile(r"^ONT-(\d{4})-(\d+)$")


def end_to_end_id_of(claim: Claim) -> str:
    """The SEPA end-to-end id ``claim`` is (or will be) paid under."""
    return claim.end_to_end_id or f"ONT-{claim.edition.year}-{claim.pk}"


@dataclass(frozen=True)
class Mismatch:
    """A debit with a claim's end-to-end id but another amount: reported, not matched."""

    entry: StatementEntry
    claim: Claim


@dataclass
class Report:
    """What one statement did: matched entries, amount mismatches, unknown debits, and the
    claims of the batches it touched that no statement has paid yet."""

    statement: BankStatement
    matched: list[StatementEntry] = field(default_factory=list)
    already_paid: list[StatementEntry] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    unknown: list[StatementEntry] = field(default_factory=list)
    open_claims: list[Claim] = field(default_factory=list)
    reconciled_batches: list[PaymentBatch] = field(default_factory=list)

    @property
    def all_matched(self) -> bool:
        return not (self.mismatches or self.unknown or self.open_claims)


class StatementRefused(ClaimError):
    """The statement was not stored: unreadable, too big, or uploaded before (``code``:
    ``invalid``, ``too_big``, ``duplicate``); ``messages`` says why."""

    def __init__(self, messages: str | list[str], *, code: str) -> None:
        super().__init__(messages if isinstance(messages, list) else [messages])
        self.code = code


def _claim_for(end_to_end_id: str) -> Claim | None:
    """The claim in a batch paid under ``end_to_end_id`` (stored, else the formula)."""
    if not end_to_end_id:
        return None
    claims = Claim.objects.select_for_update().select_related("edition", "batch")
    claim = claims.filter(end_to_end_id=end_to_end_id, batch__isnull=False).first()
    match = FORMULA.match(end_to_end_id)
    if claim is None and match:
        year, pk = match.groups()
        claim = claims.filter(
            pk=int(pk), edition__year=int(year), end_to_end_id="", batch__isnull=False
        ).first()
    return claim


def _paid_moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _mark_paid(
    claim: Claim, entry: StatementEntry, *, statement: BankStatement, actor: User
) -> None:
    claim.status = ClaimStatus.PAID
    claim.paid_at = _paid_moment(entry.booking_date)
    claim.save(update_fields=["status", "paid_at", "updated"])
    ClaimEvent.objects.create(
        claim=claim,
        from_status=ClaimStatus.APPROVED,
        to_status=ClaimStatus.PAID,
        actor=actor,
        actor_label=actor.get_username(),
        note=_("paid (statement %(statement)s)") % {"statement": str(statement)},
    )
    record(
        "expenses.claim_paid",
        actor=actor,
        obj=claim,
        statement=statement.pk,
        booking_date=entry.booking_date.isoformat(),
    )


def _match(entry: StatementEntry, claim: Claim | None, report: Report, *, actor: User) -> None:
    if claim is None:
        report.unknown.append(entry)
        return
    if claim.total != entry.amount:
        report.mismatches.append(Mismatch(entry=entry, claim=claim))
        return
    entry.claim = claim
    entry.save(update_fields=["claim"])
    if claim.status == ClaimStatus.APPROVED:
        _mark_paid(claim, entry, statement=report.statement, actor=actor)
        report.matched.append(entry)
    else:
        report.already_paid.append(entry)


def _settle(batch: PaymentBatch, report: Report, *, actor: User) -> None:
    """Reconcile ``batch`` when every claim in it was found on a statement; otherwise its
    unfound claims are reported open."""
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    claims = list(batch.claims.select_related("participant__person", "edition").order_by("pk"))
    found = set(
        StatementEntry.objects.filter(claim__batch=batch).values_list("claim_id", flat=True)
    )
    unfound = [claim for claim in claims if claim.pk not in found]
    if unfound:
        report.open_claims.extend(unfound)
        return
    if batch.reconciled_at is not None:
        return
    if batch.paid_at is None:
        batch.paid_at = max(c.paid_at for c in claims if c.paid_at is not None)
        batch.paid_by = actor
    batch.reconciled_at = timezone.now()
    batch.save(update_fields=["paid_at", "paid_by", "reconciled_at"])
    record("expenses.batch_reconciled", actor=actor, obj=batch, statement=report.statement.pk)
    report.reconciled_batches.append(batch)


def read_statement(file_name: str, content: bytes) -> statements.Statement:
    """The parsed statement; StatementRefused (with every problem) when it cannot be read."""
    if len(content) > MAX_STATEMENT_BYTES:
        raise StatementRefused(
            _("The file is too big (at most %(mb)s MB).")
            % {"mb": MAX_STATEMENT_BYTES // (1024 * 1024)},
            code="too_big",
        )
    try:
        return statements.parse_statement(file_name, content)
    except statements.InvalidStatement as error:
        raise StatementRefused(error.problems, code="invalid") from error


@transaction.atomic
def reconcile_statement(*, file_name: str, content: bytes, actor: User) -> Report:
    """Store the statement in ``content`` and pay the claims it shows paid; the report."""
    parsed = read_statement(file_name, content)
    # One lookup per end-to-end id, used for the duties check and for matching.
    claims = {item.end_to_end_id: _claim_for(item.end_to_end_id) for item in parsed.entries}
    duties.check_payer(actor, [claim.pk for claim in claims.values() if claim is not None])
    digest = hashlib.sha256(content).hexdigest()
    earlier = BankStatement.objects.filter(sha256=digest).first()
    if earlier is not None:
        raise StatementRefused(
            _("This file was uploaded before (%(name)s, %(when)s).")
            % {
                "name": earlier.file_name,
                "when": timezone.localtime(earlier.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            },
            code="duplicate",
        )
    statement = BankStatement.objects.create(
        file_name=file_name[:200],
        sha256=digest,
        format=parsed.format,
        statement_id=parsed.statement_id,
        account_masked=mask_iban(parsed.account) if parsed.account else "",
        uploaded_by=actor,
    )
    report = Report(statement=statement)
    for item in parsed.entries:
        entry = StatementEntry.objects.create(
            statement=statement,
            booking_date=item.booking_date,
            amount=item.amount,
            end_to_end_id=item.end_to_end_id[:35],
            counterparty=item.counterparty,
            remittance=item.remittance,
        )
        _match(entry, claims[item.end_to_end_id], report, actor=actor)
    batch_ids = sorted(
        {
            e.claim.batch_id
            for e in report.matched + report.already_paid
            if e.claim and e.claim.batch_id
        }
    )
    for batch in PaymentBatch.objects.filter(pk__in=batch_ids).order_by("pk"):
        _settle(batch, report, actor=actor)
    record(
        "expenses.statement_reconciled",
        actor=actor,
        obj=statement,
        matched=len(report.matched),
        already_paid=len(report.already_paid),
        mismatches=len(report.mismatches),
        unknown=len(report.unknown),
        open_claims=len(report.open_claims),
    )
    return report
