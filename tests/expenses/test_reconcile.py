"""Reconciling batches with a bank statement: matched claims are paid, the rest is reported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User

from ontmoeting.cli import main
from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import BankStatement, Claim, ClaimEvent, StatementEntry
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.reconcile import StatementRefused, end_to_end_id_of, reconcile_statement
from ontmoeting.expenses.services import ClaimError, approve_claim
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]
BOOKED = dt.date(2026, 12, 15)


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


@pytest.fixture
def finance(make_staff):
    return make_staff("finance", "finance")


@pytest.fixture
def batch(make_staff, finance):
    """A batch of three approved claims (12.40, 20.00, 7.35 euro)."""
    edition = EditionFactory(year=2026)
    approver = make_staff("coordinator")
    for amount in ("12.40", "20.00", "7.35"):
        claim = submitted(expert(edition), ticket_amount=Decimal(amount))
        approve_claim(claim=claim, actor=approver)
    return create_batch(edition=edition, actor=finance, execution_date=dt.date(2026, 12, 14))


def claims_of(batch) -> list[Claim]:
    return list(batch.claims.select_related("edition").order_by("pk"))


def statement(payments, statement_id="2026-250") -> bytes:
    return camt053_batch(
        statement_id=statement_id,
        iban="BE68539007547034",
        booked=BOOKED,
        batch_message_id="M",
        payments=payments,
    )


def paid(claim, amount=None) -> Paid:
    return Paid(end_to_end_id_of(claim), amount or claim.total, "X")


def test_every_claim_matched_is_paid_and_the_batch_reconciled(batch, finance):
    claims = claims_of(batch)
    report = reconcile_statement(
        file_name="a.xml", content=statement([paid(c) for c in claims]), actor=finance
    )
    assert report.all_matched
    assert [e.claim_id for e in report.matched] == [c.pk for c in claims]
    for claim in claims_of(batch):
        assert claim.status == ClaimStatus.PAID
        assert claim.paid_at.date() == BOOKED
        event = claim.events.last()
        assert (event.from_status, event.to_status, event.actor) == ("approved", "paid", finance)
        assert "2026-250" in event.note
    batch.refresh_from_db()
    assert batch.reconciled_at is not None
    assert batch.paid_at.date() == BOOKED
    assert AuditEntry.objects.filter(action="expenses.statement_reconciled").count() == 1
    assert AuditEntry.objects.filter(action="expenses.claim_paid").count() == 3


def test_the_stored_end_to_end_id_wins_over_the_formula(batch, finance):
    claim = claims_of(batch)[0]
    Claim.objects.filter(pk=claim.pk).update(end_to_end_id="E2E-STORED-1")
    formula = Paid(f"ONT-{claim.edition.year}-{claim.pk}", claim.total, "X")
    report = reconcile_statement(file_name="a.xml", content=statement([formula]), actor=finance)
    assert (len(report.matched), len(report.unknown)) == (0, 1)
    stored = Paid("E2E-STORED-1", claim.total, "X")
    report = reconcile_statement(file_name="b.xml", content=statement([stored], "2"), actor=finance)
    assert [e.claim_id for e in report.matched] == [claim.pk]


def test_an_amount_mismatch_is_reported_and_not_paid(batch, finance):
    claim = claims_of(batch)[0]
    report = reconcile_statement(
        file_name="a.xml",
        content=statement([paid(claim, claim.total + Decimal("0.01"))]),
        actor=finance,
    )
    assert not report.all_matched
    assert [m.claim.pk for m in report.mismatches] == [claim.pk]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert claim.paid_at is None
    assert StatementEntry.objects.get().claim is None


def test_the_same_file_twice_is_refused_and_changes_nothing(batch, finance):
    content = statement([paid(c) for c in claims_of(batch)])
    reconcile_statement(file_name="a.xml", content=content, actor=finance)
    events = ClaimEvent.objects.count()
    with pytest.raises(StatementRefused) as refused:
        reconcile_statement(file_name="again.xml", content=content, actor=finance)
    assert refused.value.code == "duplicate"
    assert (BankStatement.objects.count(), ClaimEvent.objects.count()) == (1, events)


def test_an_entry_seen_again_in_another_file_changes_nothing(batch, finance):
    claims = claims_of(batch)
    reconcile_statement(file_name="a.xml", content=statement([paid(claims[0])]), actor=finance)
    events = ClaimEvent.objects.count()
    report = reconcile_statement(
        file_name="b.xml", content=statement([paid(claims[0])], "2026-251"), actor=finance
    )
    assert (len(report.matched), len(report.already_paid)) == (0, 1)
    assert ClaimEvent.objects.count() == events


def test_an_unknown_entry_is_reported(batch, finance):
    report = reconcile_statement(
        file_name="a.xml",
        content=statement([Paid("INVOICE-118", Decimal("35.00"), "Drukkerij")]),
        actor=finance,
    )
    assert [e.end_to_end_id for e in report.unknown] == ["INVOICE-118"]
    assert not report.all_matched


def test_a_batch_partly_paid_stays_open(batch, finance):
    claims = claims_of(batch)
    report = reconcile_statement(
        file_name="a.xml", content=statement([paid(c) for c in claims[:2]]), actor=finance
    )
    assert [c.pk for c in report.open_claims] == [claims[2].pk]
    batch.refresh_from_db()
    assert batch.reconciled_at is None
    assert batch.paid_at is None
    report = reconcile_statement(
        file_name="b.xml", content=statement([paid(claims[2])], "2026-251"), actor=finance
    )
    assert report.all_matched
    batch.refresh_from_db()
    assert batch.reconciled_at is not None


def test_a_csv_with_a_bad_row_stores_nothing(batch, finance):
    claim = claims_of(batch)[0]
    amount = f"-{claim.total}".replace(".", ",")
    content = (
        "Datum;Bedrag;Munt;Tegenpartij;Mededeling;End-to-end referentie\n"
        f"15/12/2026;{amount};EUR;X;;{end_to_end_id_of(claim)}\n"
        "15/12/2026;twaalf;EUR;Y;;ONT-0-0\n"
    ).encode()
    with pytest.raises(StatementRefused) as refused:
        reconcile_statement(file_name="kbc.csv", content=content, actor=finance)
    assert refused.value.code == "invalid"
    assert (BankStatement.objects.count(), StatementEntry.objects.count()) == (0, 0)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_a_good_csv_pays_the_claim(batch, finance):
    claim = claims_of(batch)[0]
    amount = f"-{claim.total}".replace(".", ",")
    content = (
        "Datum;Bedrag;Munt;Tegenpartij;Mededeling;End-to-end referentie\n"
        f"15/12/2026;{amount};EUR;X;;{end_to_end_id_of(claim)}\n"
    ).encode()
    report = reconcile_statement(file_name="kbc.csv", content=content, actor=finance)
    assert [e.claim_id for e in report.matched] == [claim.pk]


def test_cli_exit_codes(batch, finance, tmp_path, capsys):
    claims = claims_of(batch)
    partial = tmp_path / "partial.xml"
    partial.write_bytes(statement([paid(claims[0])]))
    assert main(["expenses", "reconcile", str(partial)]) == 3
    assert main(["expenses", "reconcile", str(partial)]) == 2  # read before
    rest = tmp_path / "rest.xml"
    rest.write_bytes(statement([paid(c) for c in claims[1:]], "2026-251"))
    assert main(["expenses", "reconcile", str(rest)]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Datum;Bedrag;End-to-end referentie\n1/1/2026;x;y\n")
    assert main(["expenses", "reconcile", str(bad)]) == 2
    assert "x" in capsys.readouterr().out


def test_the_approver_may_not_reconcile_the_claims_they_approved(batch, make_staff):
    approver = User.objects.get(username="coordinator")
    approver.groups.add(Group.objects.get(name="finance"))
    content = statement([paid(c) for c in claims_of(batch)])
    with pytest.raises(ClaimError) as refused:
        reconcile_statement(file_name="a.xml", content=content, actor=approver)
    assert refused.value.code == "separation_of_duties"
    assert not BankStatement.objects.exists()
    assert {c.status for c in claims_of(batch)} == {ClaimStatus.APPROVED}


def test_a_coordinator_without_the_finance_role_may_not_reconcile(batch, make_staff):
    coordinator = make_staff("coordinator", "other")
    with pytest.raises(ClaimError) as refused:
        reconcile_statement(
            file_name="a.xml",
            content=statement([paid(c) for c in claims_of(batch)]),
            actor=coordinator,
        )
    assert refused.value.code == "separation_of_duties"
