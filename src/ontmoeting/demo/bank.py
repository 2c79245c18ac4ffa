"""A bank statement as the bank would send it: camt.053.001.02 with a SEPA batch as one entry.

The demo uses it to reconcile its first payment batch; the tests use it to reconcile theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


@dataclass(frozen=True)
class Paid:
    """One payment of the batch as the bank booked it."""

    end_to_end_id: str
    amount: Decimal
    name: str
    remittance: str = ""


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _path(parent: etree._Element, tags: str, text: str) -> etree._Element:
    """``_path(x, "Tp/CdOrPrtry/Cd", "OPBD")``: nested elements, the last with ``text``."""
    element = parent
    for tag in tags.split("/"):
        element = _add(element, tag)
    element.text = text
    return element


def _balance(stmt: etree._Element, code: str, amount: Decimal, day: dt.date) -> None:
    balance = _add(stmt, "Bal")
    _path(balance, "Tp/CdOrPrtry/Cd", code)
    _add(balance, "Amt", f"{abs(amount):.2f}", Ccy="EUR")
    _add(balance, "CdtDbtInd", "CRDT" if amount >= 0 else "DBIT")
    _path(balance, "Dt/Dt", day.isoformat())


def _detail(details: etree._Element, payment: Paid) -> None:
    tx = _add(details, "TxDtls")
    _path(tx, "Refs/EndToEndId", payment.end_to_end_id)
    _add(_path(tx, "AmtDtls/TxAmt", ""), "Amt", f"{payment.amount:.2f}", Ccy="EUR")
    _path(_add(tx, "RltdPties"), "Cdtr/Nm", payment.name[:70])
    if payment.remittance:
        _path(tx, "RmtInf/Ustrd", payment.remittance[:140])


def camt053_batch(
    *,
    statement_id: str,
    iban: str,
    booked: dt.date,
    batch_message_id: str,
    payments: Sequence[Paid],
    opening: Decimal = Decimal("10000.00"),
) -> bytes:
    """A statement of ``iban`` with one debit entry on ``booked``: the batch ``payments``."""
    total = sum((p.amount for p in payments), Decimal("0.00"))
    moment = dt.datetime.combine(booked + dt.timedelta(days=1), dt.time(6, 0)).isoformat()
    root = etree.Element(f"{{{NAMESPACE}}}Document", nsmap={None: NAMESPACE})
    message = _add(root, "BkToCstmrStmt")
    header = _add(message, "GrpHdr")
    _add(header, "MsgId", f"STMT-{statement_id}"[:35])
    _add(header, "CreDtTm", moment)
    stmt = _add(message, "Stmt")
    _add(stmt, "Id", statement_id[:35])
    _add(stmt, "CreDtTm", moment)
    account = _add(stmt, "Acct")
    _path(account, "Id/IBAN", iban)
    _add(account, "Ccy", "EUR")
    _balance(stmt, "OPBD", opening, booked)
    _balance(stmt, "CLBD", opening - total, booked)
    entry = _add(stmt, "Ntry")
    _add(entry, "Amt", f"{total:.2f}", Ccy="EUR")
    _add(entry, "CdtDbtInd", "DBIT")
    _add(entry, "Sts", "BOOK")
    _path(entry, "BookgDt/Dt", booked.isoformat())
    _path(entry, "ValDt/Dt", booked.isoformat())
    domain = _add(_add(entry, "BkTxCd"), "Domn")
    _add(domain, "Cd", "PMNT")
    family = _add(domain, "Fmly")
    _add(family, "Cd", "ICDT")
    _add(family, "SubFmlyCd", "ESCT")
    details = _add(entry, "NtryDtls")
    batch = _add(details, "Btch")
    _add(batch, "MsgId", batch_message_id[:35])
    _add(batch, "NbOfTxs", str(len(payments)))
    _add(batch, "TtlAmt", f"{total:.2f}", Ccy="EUR")
    _add(batch, "CdtDbtInd", "DBIT")
    for payment in payments:
        _detail(details, payment)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
