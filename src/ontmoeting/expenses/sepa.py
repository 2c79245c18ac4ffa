"""The SEPA credit-transfer file (pain.001.001.03) of a payment batch, validated on the way out.

The debtor (the department's account) comes from settings ``ONTMOETING_DEBTOR_NAME``,
``ONTMOETING_DEBTOR_IBAN`` and ``ONTMOETING_DEBTOR_BIC``; the defaults are clearly fake demo
values (a checksum-valid test IBAN) so a file from a laptop can never pay anyone.

Every text field is written in the EPC's basic Latin character set (:data:`EPC_CHARACTERS`,
the SEPA Credit Transfer Implementation Guidelines, section 1.4): accents are taken off, a few
letters are spelled out (ß → ss, æ → ae, ø → o), ``&`` becomes ``+`` and anything else becomes a
space. The ids are ours: one message id (MsgId) and one payment-information id (PmtInfId) per
batch, one end-to-end id per claim. A creditor in a SEPA country outside the EEA gets the BIC
and a postal address (country and two address lines), as the scheme requires.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import sepaxml
from django.conf import settings
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types; lxml-stubs is not a dependency
from sepaxml import SepaTransfer

SCHEMA = "pain.001.001.03"
XSD_PATH = Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd"
NS = {"p": f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"}
#: The EPC basic Latin character set every text in a SEPA file must keep to.
EPC_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ "
)
#: Letters that do not decompose into a base letter and accents.
_SPELLED_OUT = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L",
    "ı": "i", "ħ": "h", "Ħ": "H", "&": "+", "‘": "'", "’": "'", "‚": "'", "´": "'",
    "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-",
}  # fmt: skip
_SPACES = re.compile(" {2,}")
MAX_ID = 35
MAX_NAME = 70
MAX_REMITTANCE = 140
MAX_ADDRESS_LINE = 70

DEMO_DEBTOR = {
    "name": "DEMO Onderzoeksgroep - NIET BETALEN",
    "IBAN": "BE68539007547034",
    "BIC": "GKCCBEBB",
}


class InvalidSepaFile(ValueError):
    """The file does not validate against the official XSD."""


def _spell(char: str, following: str) -> str:
    """``char`` spelled out; a capital before a small letter as in a name: Æbelø → Aebelo."""
    spelled = _SPELLED_OUT.get(char, char)
    if len(spelled) > 1 and spelled.isupper() and following.islower():
        return spelled.capitalize()
    return spelled


def transliterate(text: str) -> str:
    """``text`` in the EPC basic Latin set: ``'Café & Groß'`` → ``'Cafe + Gross'``."""
    spelled = "".join(
        _spell(char, following) for char, following in zip(text, [*text[1:], ""], strict=False)
    )
    decomposed = unicodedata.normalize("NFKD", spelled)
    kept = "".join(
        char if char in EPC_CHARACTERS else " "
        for char in decomposed
        if not unicodedata.combining(char)
    )
    return _SPACES.sub(" ", kept).strip()


def fit(text: str, length: int) -> str:
    """``text`` transliterated and cut to ``length`` characters (no trailing space)."""
    return transliterate(text)[:length].rstrip()


@dataclass(frozen=True)
class Address:
    """The creditor's postal address (required for accounts outside the EEA)."""

    street: str
    postcode: str
    town: str
    country: str

    def lines(self) -> list[str]:
        """The two address lines of the file: street, then postcode and town."""
        town = f"{self.postcode} {self.town}".strip()
        return [line for line in (fit(self.street, MAX_ADDRESS_LINE), fit(town, 70)) if line]


@dataclass(frozen=True)
class Payment:
    """One transfer: to ``holder`` at ``iban``, ``amount`` euro, with a reference."""

    holder: str
    iban: str
    bic: str | None
    amount: Decimal
    reference: str
    end_to_end_id: str
    address: Address | None = None


def debtor() -> dict[str, str]:
    return {
        "name": getattr(settings, "ONTMOETING_DEBTOR_NAME", DEMO_DEBTOR["name"]),
        "IBAN": getattr(settings, "ONTMOETING_DEBTOR_IBAN", DEMO_DEBTOR["IBAN"]),
        "BIC": getattr(settings, "ONTMOETING_DEBTOR_BIC", DEMO_DEBTOR["BIC"]),
    }


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def parse(xml: bytes) -> etree._Element:
    """The document of ``xml``, parsed without entities or network access."""
    return etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def validate(xml: bytes) -> None:
    """Raise InvalidSepaFile unless ``xml`` validates against the official pain.001.001.03 XSD."""
    schema = _schema()
    if not schema.validate(parse(xml)):
        raise InvalidSepaFile(str(schema.error_log))


def _row(payment: Payment, execution_date: dt.date) -> dict[str, object]:
    row: dict[str, object] = {
        "name": fit(payment.holder, MAX_NAME),
        "IBAN": payment.iban,
        "amount": int((payment.amount * 100).to_integral_value()),
        "execution_date": execution_date,
        "description": fit(payment.reference, MAX_REMITTANCE),
        "endtoend_id": fit(payment.end_to_end_id, MAX_ID),
    }
    if payment.bic:
        row["BIC"] = payment.bic
    if payment.address is not None:
        row["address"] = {"country": payment.address.country, "lines": payment.address.lines()}
    return row


def credit_transfer(
    payments: Iterable[Payment],
    *,
    execution_date: dt.date,
    message_id: str,
    payment_info_id: str,
) -> tuple[str, bytes]:
    """The message id and the validated XML of one credit transfer holding ``payments``.

    One payment-information block (``payment_info_id``) with every transfer, executed on
    ``execution_date``; the ids are written as given (at most 35 characters each).
    """
    account = debtor()
    config = {**account, "name": fit(account["name"], MAX_NAME), "batch": True, "currency": "EUR"}
    transfer = SepaTransfer(config, schema=SCHEMA, clean=False)
    for payment in payments:
        transfer.add_payment(_row(payment, execution_date))
    document = parse(transfer.export(validate=False))
    document.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", NS).text = message_id[:MAX_ID]
    for block in document.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", NS):
        block.text = payment_info_id[:MAX_ID]
    xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8")
    validate(xml)
    return message_id[:MAX_ID], xml


@dataclass(frozen=True)
class Totals:
    count: int
    control_sum: Decimal
    sum_of_amounts: Decimal


def totals(xml: bytes) -> Totals:
    """NbOfTxs and CtrlSum of the group header, and the sum of the InstdAmt of every transfer."""
    document = parse(xml)
    header = document.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    amounts = document.findall(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)
    return Totals(
        count=int(header.findtext("p:NbOfTxs", namespaces=NS)),
        control_sum=Decimal(header.findtext("p:CtrlSum", namespaces=NS)),
        sum_of_amounts=sum((Decimal(a.text) for a in amounts), Decimal("0.00")),
    )
