"""Reading a bank statement: a camt.053.001.02 file (XML) or a Belgian bank's CSV export.

Pure parsing: nothing is stored here (``reconcile.py`` stores and matches). Only the debits are
kept (money that left the account); credits are skipped. A file that cannot be read raises
:class:`InvalidStatement` listing every problem, with the row and column of a CSV cell, so the
person can fix the file; nothing of it is used.

camt.053 (ISO 20022 BankToCustomerStatement): ``Document/BkToCstmrStmt/Stmt`` with ``Id``,
``Acct/Id/IBAN`` and ``Ntry`` elements; an entry has ``Amt``, ``CdtDbtInd``, ``BookgDt/Dt`` and
``NtryDtls/TxDtls`` with ``Refs/EndToEndId``, ``RltdPties/Cdtr/Nm`` and ``RmtInf/Ustrd``. A SEPA
batch the bank books as one entry has one ``TxDtls`` per payment, each with its own
``AmtDtls/TxAmt/Amt``. The XML is parsed without entities, DTDs or network access.

CSV (KBC, BNP Paribas Fortis, Belfius style): ``;`` separated, decimal comma (``-1.234,56``),
dates ``dd/mm/yyyy``; the columns are found by their header (:data:`COLUMNS`); a debit has a
negative amount.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.utils.translation import gettext as _
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types

CAMT = "camt053"
CSV = "csv"
CAMT_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
#: "not provided": what banks put where a payment had no end-to-end id.
NOT_PROVIDED = "NOTPROVIDED"


class InvalidStatement(ValueError):
    """The file is not a statement we can read; ``problems`` says what and where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    """One debit: ``amount`` euro (positive) left the account on ``booking_date``."""

    booking_date: dt.date
    amount: Decimal
    end_to_end_id: str
    counterparty: str
    remittance: str


@dataclass(frozen=True)
class Statement:
    """What a statement file holds: its id, the account (IBAN) and the debits."""

    format: str
    statement_id: str
    account: str
    entries: tuple[Entry, ...]


def parse_statement(file_name: str, content: bytes) -> Statement:
    """The statement in ``content``, read as camt.053 (``.xml``) or CSV (``.csv``)."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xml":
        return parse_camt053(content)
    if suffix == ".csv":
        return parse_csv(content, statement_id=PurePath(file_name).stem)
    raise InvalidStatement([_("Only a camt.053 file (.xml) or a bank CSV (.csv) can be read.")])


# camt.053 --------------------------------------------------------------------------------------


def _xml(content: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise InvalidStatement(
            [_("The file is not readable XML (%(error)s).") % {"error": error}]
        ) from error
    namespace = etree.QName(root).namespace or ""
    if not namespace.startswith(CAMT_NAMESPACE):
        raise InvalidStatement([_("The XML file is not a camt.053 bank statement.")])
    return root


def _text(element: etree._Element | None, path: str, ns: dict[str, str]) -> str:
    if element is None:
        return ""
    return " ".join((element.findtext(path, default="", namespaces=ns) or "").split())


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _booking_date(entry: etree._Element, ns: dict[str, str]) -> dt.date | None:
    text = _text(entry, "c:BookgDt/c:Dt", ns) or _text(entry, "c:BookgDt/c:DtTm", ns)[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _camt_entry(
    entry: etree._Element, number: int, ns: dict[str, str]
) -> tuple[list[Entry], list[str]]:
    """The debits of one ``Ntry`` (one per ``TxDtls``), or the problems that keep it out."""
    problems: list[str] = []
    total = _amount(_text(entry, "c:Amt", ns))
    day = _booking_date(entry, ns)
    currency = entry.find("c:Amt", ns)
    if total is None:
        problems.append(_("Entry %(n)s: the amount is missing or not a number.") % {"n": number})
    if day is None:
        problems.append(_("Entry %(n)s: the booking date is missing.") % {"n": number})
    if currency is not None and currency.get("Ccy", "EUR") != "EUR":
        problems.append(_("Entry %(n)s: the amount is not in euro.") % {"n": number})
    details = entry.findall("c:NtryDtls/c:TxDtls", ns)
    if problems or total is None or day is None:
        return [], problems
    if not details:
        return [Entry(day, total, "", "", "")], []
    entries = []
    for detail in details:
        own = _amount(_text(detail, "c:AmtDtls/c:TxAmt/c:Amt", ns))
        if own is None and len(details) > 1:
            problems.append(
                _("Entry %(n)s: a payment of the batch has no amount of its own.") % {"n": number}
            )
            continue
        e2e = _text(detail, "c:Refs/c:EndToEndId", ns)
        entries.append(
            Entry(
                booking_date=day,
                amount=total if own is None else own,
                end_to_end_id="" if e2e == NOT_PROVIDED else e2e,
                counterparty=_text(detail, "c:RltdPties/c:Cdtr/c:Nm", ns)[:140],
                remittance=" ".join(
                    " ".join(u.text.split())
                    for u in detail.findall("c:RmtInf/c:Ustrd", ns)
                    if u.text
                )[:140],
            )
        )
    if sum((e.amount for e in entries), Decimal(0)) != total and not problems:
        problems.append(
            _("Entry %(n)s: the payments of the batch do not add up to its amount.") % {"n": number}
        )
    return entries, problems


def parse_camt053(content: bytes) -> Statement:
    """The debits of a camt.053 statement (every ``Stmt`` of the file)."""
    root = _xml(content)
    ns = {"c": etree.QName(root).namespace}
    statements = root.findall("c:BkToCstmrStmt/c:Stmt", ns)
    if not statements:
        raise InvalidStatement([_("The camt.053 file holds no statement.")])
    entries: list[Entry] = []
    problems: list[str] = []
    number = 0
    for statement in statements:
        for entry in statement.findall("c:Ntry", ns):
            number += 1
            if _text(entry, "c:CdtDbtInd", ns) != "DBIT":
                continue
            found, wrong = _camt_entry(entry, number, ns)
            entries.extend(found)
            problems.extend(wrong)
    if problems:
        raise InvalidStatement(problems)
    first = statements[0]
    return Statement(
        format=CAMT,
        statement_id=_text(first, "c:Id", ns)[:35],
        account=_text(first, "c:Acct/c:Id/c:IBAN", ns),
        entries=tuple(entries),
    )


# CSV -------------------------------------------------------------------------------------------

#: Column → the header names it goes by (compared without case, accents, spaces or signs), the
#: first found wins. "Valuta" is a value date in a KBC export, so it is not a currency.
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("boekingsdatum", "datum", "datecomptable", "date", "bookingdate", "uitvoeringsdatum"),
    "amount": ("bedrag", "montant", "amount"),
    "currency": ("munt", "devise", "currency"),
    "counterparty": (
        "naamtegenpartij",
        "tegenpartij",
        "nomdelacontrepartie",
        "contrepartie",
        "counterparty",
    ),
    "remittance": ("mededeling", "vrijemededeling", "communication", "omschrijving", "details"),
    "end_to_end_id": (
        "endtoendreferentie",
        "endtoendreference",
        "endtoendid",
        "referencedeboutenbout",
        "e2ereferentie",
    ),
    "account": ("rekeningnummer", "rekening", "numerodecompte", "compte", "account"),
}
REQUIRED = ("date", "amount", "end_to_end_id")
AMOUNT = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$")
DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _key(header: str) -> str:
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for column, names in COLUMNS.items():
        for name in names:
            if name in keys:
                found[column] = keys.index(name)
                break
    missing = [c for c in REQUIRED if c not in found]
    if not missing:
        return found, []
    labels = {"date": _("date"), "amount": _("amount"), "end_to_end_id": _("end-to-end reference")}
    return found, [
        _("The CSV has no column for the %(what)s (its columns: %(columns)s).")
        % {"what": labels[c], "columns": ", ".join(header)}
        for c in missing
    ]


def csv_amount(text: str) -> Decimal | None:
    """``-1.234,56`` → ``Decimal("-1234.56")``; None when it is not an amount with a decimal
    comma."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if not AMOUNT.match(compact):
        return None
    return Decimal(compact.replace(".", "").replace(",", "."))


def csv_date(text: str) -> dt.date | None:
    """``31/01/2026`` → ``date(2026, 1, 31)``; None when it is not a day in that form."""
    match = DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return " ".join(row[index].split())


def _csv_row(
    row: list[str], number: int, columns: dict[str, int], header: list[str]
) -> tuple[Entry | None, list[str]]:
    """The debit of one data row (None for a credit), or the problems of its cells."""
    problems = []
    amount_text = _cell(row, columns["amount"])
    date_text = _cell(row, columns["date"])
    amount = csv_amount(amount_text)
    day = csv_date(date_text)
    where = {"row": number}
    if amount is None:
        problems.append(
            _('Row %(row)s, column "%(column)s": "%(value)s" is not an amount (like -12,40).')
            % {**where, "column": header[columns["amount"]], "value": amount_text}
        )
    if day is None:
        problems.append(
            _('Row %(row)s, column "%(column)s": "%(value)s" is not a date (like 31/01/2026).')
            % {**where, "column": header[columns["date"]], "value": date_text}
        )
    currency = _cell(row, columns.get("currency")).upper()
    if currency not in ("", "EUR"):
        problems.append(
            _('Row %(row)s, column "%(column)s": "%(value)s" is not euro.')
            % {**where, "column": header[columns["currency"]], "value": currency}
        )
    if problems or amount is None or day is None or amount >= 0:
        return None, problems
    e2e = _cell(row, columns["end_to_end_id"])
    return Entry(
        booking_date=day,
        amount=-amount,
        end_to_end_id="" if e2e.upper() == NOT_PROVIDED else e2e,
        counterparty=_cell(row, columns.get("counterparty"))[:140],
        remittance=_cell(row, columns.get("remittance"))[:140],
    ), []


def parse_csv(content: bytes, *, statement_id: str = "") -> Statement:
    """The debits of a bank's CSV export; every row must be readable."""
    rows = list(csv.reader(io.StringIO(_decode(content)), delimiter=";"))
    if not rows:
        raise InvalidStatement([_("The CSV file is empty.")])
    header = [h.strip() for h in rows[0]]
    columns, problems = _columns(header)
    if problems:
        raise InvalidStatement(problems)
    entries: list[Entry] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        entry, wrong = _csv_row(row, number, columns, header)
        problems.extend(wrong)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise InvalidStatement(problems)
    account = next(
        (a for row in rows[1:] if (a := _cell(row, columns.get("account")).replace(" ", ""))), ""
    )
    return Statement(
        format=CSV, statement_id=statement_id[:35], account=account, entries=tuple(entries)
    )
