"""Reading bank statements: the camt.053 golden file, a Belgian bank CSV, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontmoeting.demo.bank import Paid, camt053_batch
from ontmoeting.expenses.statements import (
    CAMT,
    CSV,
    InvalidStatement,
    csv_amount,
    parse_csv,
    parse_statement,
)

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "statements" / "camt053_batch.xml"
HEADER = "Datum;Bedrag;Munt;Tegenpartij;Mededeling;End-to-end referentie\n"


def test_camt053_golden_file_gives_every_debit_and_splits_the_batch():
    statement = parse_statement("afschrift.xml", GOLDEN.read_bytes())
    assert (statement.format, statement.statement_id, statement.account) == (
        CAMT,
        "2025-243",
        "BE68539007547034",
    )
    rows = [(e.booking_date, e.amount, e.end_to_end_id, e.counterparty) for e in statement.entries]
    assert rows == [
        (dt.date(2025, 12, 15), Decimal("45.53"), "ONT-2025-17", "Marleen Peeters"),
        (dt.date(2025, 12, 15), Decimal("12.40"), "ONT-2025-18", "Jan De Smet"),
        (dt.date(2025, 12, 16), Decimal("8.60"), "ONT-2025-19", "Els Wouters"),
        (dt.date(2025, 12, 16), Decimal("35.00"), "", "Drukkerij Vanhove"),  # NOTPROVIDED
    ]
    assert statement.entries[0].remittance == "Onkosten ontmoetingsdag 2025 - claim 17"


def test_the_generated_statement_reads_back_as_written():
    payments = [
        Paid("ONT-2025-1", Decimal("21.50"), "Annelies Maes", "claim 1"),
        Paid("ONT-2025-2", Decimal("1250.00"), "Koen Jacobs"),
    ]
    xml = camt053_batch(
        statement_id="2025-12",
        iban="BE68539007547034",
        booked=dt.date(2025, 12, 15),
        batch_message_id="M1",
        payments=payments,
    )
    statement = parse_statement("x.XML", xml)
    assert [(e.end_to_end_id, e.amount, e.counterparty) for e in statement.entries] == [
        (p.end_to_end_id, p.amount, p.name) for p in payments
    ]


def test_a_batch_whose_payments_do_not_add_up_is_refused():
    xml = GOLDEN.read_bytes().replace(b'<Amt Ccy="EUR">57.93</Amt>', b'<Amt Ccy="EUR">57.94</Amt>')
    with pytest.raises(InvalidStatement) as refused:
        parse_statement("a.xml", xml)
    assert "Entry 1" in str(refused.value) or "1" in refused.value.problems[0]


def test_entities_are_not_expanded():
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'
        b"<Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>"
    )
    statement = parse_statement("a.xml", xml)
    assert "root:" not in statement.statement_id


def test_another_xml_is_not_a_statement():
    with pytest.raises(InvalidStatement):
        parse_statement(
            "a.xml", b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'
        )
    with pytest.raises(InvalidStatement):
        parse_statement("a.xml", b"<not xml")
    with pytest.raises(InvalidStatement):
        parse_statement("a.pdf", b"%PDF")


def test_belgian_csv_with_decimal_comma_and_day_first_dates():
    content = (
        "Rekeningnummer;Boekingsdatum;Bedrag;Munt;Naam tegenpartij;Vrije mededeling;"
        "End-to-end referentie\n"
        "BE68 5390 0754 7034;15/12/2025;-1.045,53;EUR;Jan De Smet;claim 7;ONT-2025-7\n"
        "BE68 5390 0754 7034;16/12/2025;250,00;EUR;Stad Gent;subsidie;\n"
        "BE68 5390 0754 7034;16/12/2025;-8,6;EUR;Els Wouters;;NOTPROVIDED\n"
    ).encode("cp1252")
    statement = parse_statement("export.csv", content)
    assert (statement.format, statement.statement_id, statement.account) == (
        CSV,
        "export",
        "BE68539007547034",
    )
    assert [(e.booking_date, e.amount, e.end_to_end_id) for e in statement.entries] == [
        (dt.date(2025, 12, 15), Decimal("1045.53"), "ONT-2025-7"),
        (dt.date(2025, 12, 16), Decimal("8.6"), ""),
    ]


def test_csv_with_a_bad_amount_names_the_row_and_the_column():
    content = (HEADER + "15/12/2025;-12,40;EUR;A;;ONT-1\n16/12/2025;-12.4O;EUR;B;;ONT-2\n").encode()
    with pytest.raises(InvalidStatement) as refused:
        parse_csv(content)
    assert len(refused.value.problems) == 1
    problem = refused.value.problems[0]
    assert "3" in problem
    assert "Bedrag" in problem
    assert "-12.4O" in problem


def test_csv_with_a_bad_date_and_a_missing_column():
    with pytest.raises(InvalidStatement) as refused:
        parse_csv((HEADER + "2025-12-15;-1,00;EUR;A;;X\n").encode())
    assert "Datum" in refused.value.problems[0]
    with pytest.raises(InvalidStatement) as refused:
        parse_csv(b"Datum;Bedrag\n15/12/2025;-1,00\n")
    assert "Datum, Bedrag" in refused.value.problems[0]


@given(st.decimals(min_value=-(10**8), max_value=10**8, places=2, allow_nan=False))
def test_csv_amount_reads_what_a_belgian_bank_writes(value):
    whole, _dot, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    assert csv_amount(f"{sign}{grouped},{cents}") == value
    assert csv_amount(f"{sign}{whole},{cents}") == value
