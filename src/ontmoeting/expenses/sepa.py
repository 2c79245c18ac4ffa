"""The SEPA credit-transfer file (pain.001.001.03) of a payment batch, validated on the way out.

The debtor (the department's account) comes from settings ``ONTMOETING_DEBTOR_NAME``,
``ONTMOETING_DEBTOR_IBAN`` and ``ONTMOETING_DEBTOR_BIC``; the defaults are clearly fake demo
values (a checksum-valid test IBAN) so a file from a laptop can never pay anyone.
"""

from __future__ import annotations

import datetime as dt
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

DEMO_DEBTOR = {
    "name": "DEMO Onderzoeksgroep - NIET BETALEN",
    "IBAN": "BE68539007547034",
    "BIC": "GKCCBEBB",
}


class InvalidSepaFile(ValueError):
    """The file does not validate against the official XSD."""


@dataclass(frozen=True)
class Payment:
    """One transfer: to ``holder`` at ``iban``, ``amount`` euro, with a reference."""

    holder: str
    iban: str
    bic: str | None
    amount: Decimal
    reference: str
    end_to_end_id: str


def debtor() -> dict[str, str]:
    return {
        "name": getattr(settings, "ONTMOETING_DEBTOR_NAME", DEMO_DEBTOR["name"]),
        "IBAN": getattr(settings, "ONTMOETING_DEBTOR_IBAN", DEMO_DEBTOR["IBAN"]),
        "BIC": getattr(settings, "ONTMOETING_DEBTOR_BIC", DEMO_DEBTOR["BIC"]),
    }


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def validate(xml: bytes) -> None:
    """Raise InvalidSepaFile unless ``xml`` validates against the official pain.001.001.03 XSD."""
    schema = _schema()
    document = etree.fromstring(
        xml, parser=etree.XMLParser(resolve_entities=False, no_network=True)
    )
    if not schema.validate(document):
        raise InvalidSepaFile(str(schema.error_log))


def credit_transfer(payments: Iterable[Payment], *, execution_date: dt.date) -> tuple[str, bytes]:
    """The message id and the validated XML of one credit transfer holding ``payments``."""
    config = {**debtor(), "batch": True, "currency": "EUR"}
    transfer = SepaTransfer(config, schema=SCHEMA, clean=True)
    for payment in payments:
        cents = int((payment.amount * 100).to_integral_value())
        row = {
            "name": payment.holder,
            "IBAN": payment.iban,
            "amount": cents,
            "execution_date": execution_date,
            "description": payment.reference[:140],
            "endtoend_id": payment.end_to_end_id[:35],
        }
        if payment.bic:
            row["BIC"] = payment.bic
        transfer.add_payment(row)
    xml = transfer.export(validate=False)
    validate(xml)
    return transfer.msg_id, xml


@dataclass(frozen=True)
class Totals:
    count: int
    control_sum: Decimal
    sum_of_amounts: Decimal


def totals(xml: bytes) -> Totals:
    """NbOfTxs and CtrlSum of the group header, and the sum of the InstdAmt of every transfer."""
    document = etree.fromstring(xml)
    header = document.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    amounts = document.findall(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)
    return Totals(
        count=int(header.findtext("p:NbOfTxs", namespaces=NS)),
        control_sum=Decimal(header.findtext("p:CtrlSum", namespaces=NS)),
        sum_of_amounts=sum((Decimal(a.text) for a in amounts), Decimal("0.00")),
    )
