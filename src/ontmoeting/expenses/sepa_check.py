"""Everything a bank checks in a pain.001.001.03 file, as a list of problems in plain words.

:func:`problems` is pure (bytes in, messages out): the official XSD; NbOfTxs and CtrlSum of the
group header and of each payment-information block against the transfers they hold; every IBAN
(debtor and creditors) valid and in a SEPA scheme country; every BIC valid; end-to-end ids
unique; every text in the EPC basic Latin set; ids at most 35 characters. An empty list means
the file is fine.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types; lxml-stubs is not a dependency

from ontmoeting.expenses.iban import check_bic, check_iban
from ontmoeting.expenses.sepa import EPC_CHARACTERS, MAX_ID, NS, InvalidSepaFile, parse, validate

_ID_PATHS = {
    "MsgId": "p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId",
    "PmtInfId": "p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId",
    "EndToEndId": ".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId",
}


def _amount(text: str | None) -> Decimal | None:
    try:
        return Decimal(text or "")
    except InvalidOperation:
        return None


def _sums(node: etree._Element, transfers: list[etree._Element], where: str) -> list[str]:
    """NbOfTxs and CtrlSum of ``node`` (when present) against ``transfers``."""
    found: list[str] = []
    amounts = [_amount(t.findtext("p:Amt/p:InstdAmt", namespaces=NS)) for t in transfers]
    total = sum((a for a in amounts if a is not None), Decimal("0.00"))
    count = node.findtext("p:NbOfTxs", namespaces=NS)
    if count is not None and count.strip() != str(len(transfers)):
        found.append(
            _("%(where)s: NbOfTxs is %(said)s but the file holds %(count)s transfers.")
            % {"where": where, "said": count, "count": len(transfers)}
        )
    control = node.findtext("p:CtrlSum", namespaces=NS)
    if control is not None and _amount(control) != total:
        found.append(
            _("%(where)s: CtrlSum is %(said)s but the transfers add up to %(total)s.")
            % {"where": where, "said": control, "total": total}
        )
    return found


def _totals(document: etree._Element) -> list[str]:
    header = document.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    found: list[str] = []
    if header is not None:
        found += _sums(header, document.findall(".//p:CdtTrfTxInf", NS), _("group header"))
    for block in document.findall("p:CstmrCdtTrfInitn/p:PmtInf", NS):
        where = _("payment block %(id)s") % {"id": block.findtext("p:PmtInfId", namespaces=NS)}
        found += _sums(block, block.findall("p:CdtTrfTxInf", NS), where)
    return found


def _accounts(document: etree._Element) -> list[str]:
    found: list[str] = []
    for node in document.iterfind(".//p:IBAN", NS):
        try:
            check_iban(node.text or "")
        except ValidationError as error:
            found.append(f"IBAN {node.text}: {' '.join(error.messages)}")
    for node in document.iterfind(".//p:BIC", NS):
        try:
            check_bic(node.text or "")
        except ValidationError as error:
            found.append(f"BIC {node.text}: {' '.join(error.messages)}")
    return found


def _ids(document: etree._Element) -> list[str]:
    found: list[str] = []
    for name, path in _ID_PATHS.items():
        for node in document.iterfind(path, NS):
            if len(node.text or "") > MAX_ID:
                found.append(
                    _("%(name)s %(id)s is longer than 35 characters.")
                    % {"name": name, "id": node.text}
                )
    ends = Counter(node.text for node in document.iterfind(_ID_PATHS["EndToEndId"], NS))
    for value, times in sorted(ends.items(), key=lambda item: str(item[0])):
        if times > 1:
            found.append(
                _("End-to-end id %(id)s is used %(times)s times.") % {"id": value, "times": times}
            )
    return found


def _characters(document: etree._Element) -> list[str]:
    found: list[str] = []
    for node in document.iter():
        text = node.text if isinstance(node.tag, str) and len(node) == 0 else None
        outside = sorted({char for char in text or "" if char not in EPC_CHARACTERS})
        if outside:
            found.append(
                _("%(field)s %(text)s holds characters outside the EPC set: %(chars)s")
                % {"field": etree.QName(node).localname, "text": text, "chars": " ".join(outside)}
            )
    return found


def problems(xml: bytes) -> list[str]:
    """Every problem a bank would find in the pain.001.001.03 file ``xml`` (empty when none)."""
    try:
        document = parse(xml)
    except etree.XMLSyntaxError as error:
        return [_("Not XML: %(error)s") % {"error": error}]
    found: list[str] = []
    try:
        validate(xml)
    except InvalidSepaFile as error:
        found.append(_("Not valid against the official XSD: %(error)s") % {"error": error})
    return found + _totals(document) + _accounts(document) + _ids(document) + _characters(document)
