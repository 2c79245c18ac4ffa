"""The demo's expense claims: every state, two payment files, the first reconciled."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from ontmoeting.demo.figures import CURRENT_YEAR, TODAY
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import BankStatement, Claim, PaymentBatch, StatementEntry
from ontmoeting.expenses.rates import rates_for


@pytest.mark.django_db
def test_claims_of_past_editions_in_every_state(built):
    assert built.code == 0
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(ClaimStatus.values)
    years = set(Claim.objects.values_list("edition__year", flat=True))
    assert years
    assert max(years) < CURRENT_YEAR
    for claim in Claim.objects.select_related("edition").prefetch_related("lines"):
        assert claim.edition.date < TODAY
        assert claim.participant.role == "expert"
        assert claim.total == sum(line.total for line in claim.lines.all())
        lunch = [line for line in claim.lines.all() if line.kind == "lunch"]
        assert all(line.total <= rates_for(claim.edition.date).lunch_max for line in lunch)
    paper = Claim.objects.filter(on_behalf=True, decided_by__isnull=False)
    assert all(c.decided_by_id != c.entered_by_id for c in paper)


@pytest.mark.django_db
def test_two_batches_the_first_reconciled_the_second_waiting(built):
    first, second = PaymentBatch.objects.order_by("created", "pk")
    assert first.reconciled_at is not None
    assert first.paid_at is not None
    assert set(first.claims.values_list("status", flat=True)) == {ClaimStatus.PAID}
    assert second.reconciled_at is None
    assert second.paid_at is None
    assert set(second.claims.values_list("status", flat=True)) == {ClaimStatus.APPROVED}
    assert second.execution_date > TODAY - dt.timedelta(days=1)
    statement = BankStatement.objects.get()
    assert statement.uploaded_by.username == "finance"
    entries = StatementEntry.objects.filter(statement=statement)
    assert entries.count() == first.count
    assert all(e.claim is not None and e.claim.batch_id == first.pk for e in entries)
    assert Claim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True).exists()


@pytest.mark.django_db
def test_the_summary_has_a_line_about_the_claims(built):
    """One line names the count of every state (labels in the demo's language)."""
    counts = Counter(Claim.objects.values_list("status", flat=True))
    parts = [f"{counts[status]} {ClaimStatus(status).label}" for status in ClaimStatus.values]
    lines = [line for line in built.output.splitlines() if all(p in line for p in parts)]
    assert len(lines) == 1
