"""The finance workbook: a totals row that adds up, real dates, text never a formula and shown
without an apostrophe; read back by openpyxl and, independently, by pandas."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook

from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.expenses.finance_xlsx import finance_workbook
from ontmoeting.expenses.payments import create_batch
from ontmoeting.expenses.reconcile import end_to_end_id_of, reconcile_statement
from ontmoeting.expenses.selectors import finance_rows
from ontmoeting.expenses.services import approve_claim
from tests.factories import EditionFactory, PersonFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]
INJECTIONS = ('=HYPERLINK("http://x")', "+32 9 123", "-1+1", "@SUM(A1)")


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


@pytest.fixture
def edition_with_claims(make_staff):
    """Four approved claims of people named like formulas; a batch pays them, a statement the
    first two."""
    edition = EditionFactory(year=2026)
    approver = make_staff("coordinator")
    for number, name in enumerate(INJECTIONS):
        person = PersonFactory(last_name=name, first_name="Jo")
        claim = submitted(
            expert(edition, person=person),
            ticket_amount=Decimal("10.15") + number,
            account_holder=name,
        )
        approve_claim(claim=claim, actor=approver)
    finance = make_staff("finance", "finance")
    batch = create_batch(edition=edition, actor=finance, execution_date=dt.date(2026, 12, 14))
    claims = list(batch.claims.select_related("edition").order_by("pk"))
    content = camt053_batch(
        statement_id="S",
        iban="BE68539007547034",
        booked=dt.date(2026, 12, 15),
        batch_message_id=batch.message_id,
        payments=[Paid(end_to_end_id_of(c), c.total, "x") for c in claims[:2]],
    )
    reconcile_statement(file_name="s.xml", content=content, actor=finance)
    return edition, batch


def test_totals_row_dates_and_text_cells(edition_with_claims):
    edition, batch = edition_with_claims
    sheet = load_workbook(io.BytesIO(finance_workbook(finance_rows(edition)))).active
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    data, totals = rows[1:-1], rows[-1]
    column = {name: header.index(name) for name in header}
    total_col = column["Totaal"]
    assert len(data) == 4
    assert totals[1].value == 4
    assert Decimal(str(totals[total_col].value)) == sum(
        Decimal(str(r[total_col].value)) for r in data
    )
    assert all(c.data_type != "f" for row in rows for c in row)
    names = sorted(r[0].value for r in data)
    assert names == sorted(INJECTIONS)
    for row in data:
        for cell in (row[0], row[2]):
            assert cell.data_type == "s"
            assert not cell.value.startswith("'")
            assert cell.quotePrefix
        execution, _paid_on = row[-2], row[-1]
        assert execution.is_date
        assert execution.value.date() == dt.date(2026, 12, 14)
        assert "yy" in execution.number_format
        assert row[-4].value == batch.message_id
        assert row[-3].value in {claim.end_to_end_id for claim in batch.claims.all()}
    paid_dates = sorted((r[-1].value.date() if r[-1].value else None) for r in data if r[-1].value)
    assert paid_dates == [dt.date(2026, 12, 15)] * 2
    assert rows[-1][-1].value is None or rows[-1][-1].is_date is False


def test_pandas_reads_the_same_values(edition_with_claims):
    edition, _batch = edition_with_claims
    frame = pd.read_excel(io.BytesIO(finance_workbook(finance_rows(edition))), engine="openpyxl")
    body, totals = frame.iloc[:-1], frame.iloc[-1]
    assert sorted(body.iloc[:, 0]) == sorted(INJECTIONS)
    assert sorted(body["Rekeninghouder"]) == sorted(INJECTIONS)
    assert round(body["Totaal"].sum(), 2) == round(totals["Totaal"], 2)
    assert totals.iloc[1] == len(body)
    assert pd.api.types.is_datetime64_any_dtype(body.iloc[:, -2])


def test_an_empty_edition_has_a_zero_totals_row():
    edition = EditionFactory(year=2026)
    rows = list(load_workbook(io.BytesIO(finance_workbook(finance_rows(edition)))).active.values)
    assert len(rows) == 2
    assert rows[1][1] == 0
