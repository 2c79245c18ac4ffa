"""Golden SEPA files: a batch made through the services with Belgian, Dutch and Swiss creditors
(names with é, ß, &), checked against the official XSD with lxml here, and the details a bank
looks at: EPC characters, BIC and address outside the EEA, ids, sums and the TARGET2 date."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from dateutil.easter import easter as easter_of
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ontmoeting.expenses import sepa, target2
from ontmoeting.expenses.models import Claim
from ontmoeting.expenses.payments import batch_file, create_batch
from ontmoeting.expenses.sepa_check import problems
from ontmoeting.expenses.services import approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

__all__ = ["private_receipts"]
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
#: The EPC basic Latin set, written out independently of the code under test.
EPC_TEXT = re.compile(r"[a-zA-Z0-9/\-?:().,'+ ]*")
SWISS = {
    "iban": "CH9300762011623852957",
    "bic": "UBSWCHZH80A",
    "holder_street": "Bahnhofstraße 45",
    "holder_postcode": "8001",
    "holder_town": "Zürich",
    "holder_country": "CH",
}


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def _approved(edition, coordinator, amount, **account):
    claim = submitted(expert(edition), ticket_amount=Decimal(amount), **account)
    return approve_claim(claim=claim, actor=coordinator)


@pytest.fixture
def golden(db, make_staff):
    """A batch of three claims: Belgian, Dutch, Swiss; returns (batch, claims, xml document)."""
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    claims = [
        _approved(edition, coordinator, "12.40", account_holder="Émile Dupré & Zoë"),
        _approved(
            edition,
            coordinator,
            "7.05",
            iban="NL91 ABNA 0417 1643 00",
            account_holder="Jürgen Groß <Kasse>",
        ),
        _approved(edition, coordinator, "30.00", account_holder="Søren Æbelø", **SWISS),
    ]
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    xml = batch_file(batch)
    return batch, claims, xml


def _transfers(document):
    return document.findall(".//p:CdtTrfTxInf", NS)


def test_the_golden_file_validates_against_the_official_xsd(golden):
    _batch, _claims, xml = golden
    schema = etree.XMLSchema(etree.parse(str(sepa.XSD_PATH)))
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    assert problems(xml) == []


def test_names_are_written_in_the_epc_character_set(golden):
    _batch, _claims, xml = golden
    document = etree.fromstring(xml)
    names = [t.findtext("p:Cdtr/p:Nm", namespaces=NS) for t in _transfers(document)]
    assert names == ["Emile Dupre + Zoe", "Jurgen Gross Kasse", "Soren Aebelo"]
    for node in document.iter():
        if isinstance(node.tag, str) and len(node) == 0 and node.text:
            assert EPC_TEXT.fullmatch(node.text), (node.tag, node.text)


def test_the_swiss_creditor_gets_bic_and_address_the_others_no_address(golden):
    _batch, _claims, xml = golden
    belgian, dutch, swiss = _transfers(etree.fromstring(xml))
    assert swiss.findtext("p:CdtrAgt/p:FinInstnId/p:BIC", namespaces=NS) == "UBSWCHZH80A"
    address = swiss.find("p:Cdtr/p:PstlAdr", NS)
    assert address.findtext("p:Ctry", namespaces=NS) == "CH"
    assert [line.text for line in address.findall("p:AdrLine", NS)] == [
        "Bahnhofstrasse 45",
        "8001 Zurich",
    ]
    assert belgian.find("p:Cdtr/p:PstlAdr", NS) is None
    assert dutch.find("p:Cdtr/p:PstlAdr", NS) is None
    assert swiss.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == SWISS["iban"]


def test_sums_at_group_and_payment_level(golden):
    batch, claims, xml = golden
    document = etree.fromstring(xml)
    expected = sum(claim.total for claim in claims)
    assert expected == Decimal("49.45") == batch.total
    for node in (
        document.find(".//p:GrpHdr", NS),
        *document.findall(".//p:PmtInf", NS),
    ):
        assert node.findtext("p:NbOfTxs", namespaces=NS) == "3"
        assert Decimal(node.findtext("p:CtrlSum", namespaces=NS)) == expected


def test_ids_msgid_24_hour_pmtinfid_and_stored_end_to_end_ids(golden, make_staff):
    batch, claims, xml = golden
    document = etree.fromstring(xml)
    msg_id = document.findtext(".//p:GrpHdr/p:MsgId", namespaces=NS)
    assert msg_id == batch.message_id
    match = re.fullmatch(rf"ONT{claims[0].edition.year}B{batch.pk}T(\d{{14}})", msg_id)
    assert match, msg_id
    stamp = dt.datetime.strptime(match[1], "%Y%m%d%H%M%S")
    made = timezone.localtime(batch.created).replace(tzinfo=None, microsecond=0)
    assert abs((stamp - made).total_seconds()) < 60  # %H: the 24-hour clock
    info_ids = [n.text for n in document.findall(".//p:PmtInf/p:PmtInfId", NS)]
    assert len(info_ids) == 1
    assert info_ids[0] != msg_id
    ends = [t.findtext("p:PmtId/p:EndToEndId", namespaces=NS) for t in _transfers(document)]
    stored = list(
        Claim.objects.filter(pk__in=[c.pk for c in claims])
        .order_by("pk")
        .values_list("end_to_end_id", flat=True)
    )
    assert ends == stored
    assert len(set(ends)) == 3


def test_a_second_batch_has_its_own_ids(golden, make_staff):
    batch, claims, _xml = golden
    other = _approved(claims[0].edition, make_staff("coordinator", "second"), "5.00")
    second = create_batch(edition=other.edition, actor=make_staff("finance", "third"))
    first_doc = etree.fromstring(batch_file(batch))
    second_doc = etree.fromstring(batch_file(second))
    for path in (".//p:GrpHdr/p:MsgId", ".//p:PmtInf/p:PmtInfId"):
        assert first_doc.findtext(path, namespaces=NS) != second_doc.findtext(path, namespaces=NS)
    other.refresh_from_db()
    assert other.end_to_end_id not in {c.end_to_end_id for c in Claim.objects.filter(batch=batch)}


def test_the_execution_date_is_the_next_target2_business_day(golden):
    batch, _claims, xml = golden
    document = etree.fromstring(xml)
    day = dt.date.fromisoformat(document.findtext(".//p:ReqdExctnDt", namespaces=NS))
    assert day == batch.execution_date == target2.next_business_day(timezone.localdate())


# --- transliteration ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Émile Dupré & Zoë", "Emile Dupre + Zoe"),
        ("Groß Straße", "Gross Strasse"),
        ("Æbelø, ÆØ", "Aebelo, AEO"),
        ("Łódź – Kraków", "Lodz - Krakow"),
        ("a<b>c@d#e%f;g*h!i_j{k|l}m~n", "a b c d e f g h i j k l m n"),
        ("O\u2019Brien", "O'Brien"),
    ],
)
def test_transliteration_examples(text, expected):
    assert sepa.transliterate(text) == expected


@given(st.text(max_size=200))
def test_transliteration_keeps_to_the_epc_set_and_is_stable(text):
    out = sepa.transliterate(text)
    assert EPC_TEXT.fullmatch(out)
    assert sepa.transliterate(out) == out
    assert out == out.strip()
    assert "  " not in out


# --- TARGET2 against the ECB's published closing days ------------------------------------

#: The ECB's TARGET2 closing days of 2027, typed from the ECB's published calendar.
CLOSED_2027 = {
    dt.date(2027, 1, 1),  # New Year's Day (a Friday)
    dt.date(2027, 3, 26),  # Good Friday
    dt.date(2027, 3, 29),  # Easter Monday
    # 1 May 2027 is a Saturday; 25 and 26 December 2027 are a Saturday and a Sunday
}


def test_target2_closing_days_2027():
    for day in CLOSED_2027:
        assert not target2.is_business_day(day), day
    assert target2.next_business_day(dt.date(2027, 3, 25)) == dt.date(2027, 3, 30)
    assert target2.next_business_day(dt.date(2026, 12, 31)) == dt.date(2027, 1, 4)
    assert target2.next_business_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)
    assert target2.next_business_day(dt.date(2026, 4, 30)) == dt.date(2026, 5, 4)  # 1 May: Fri
    assert target2.next_business_day(dt.date(2026, 11, 27)) == dt.date(2026, 11, 30)  # weekend
    assert target2.is_business_day(dt.date(2026, 11, 11))  # Belgian Armistice: T2 is open


def test_target2_by_brute_force_over_three_years():
    """Every day 2026-2028: open exactly on weekdays outside the six ECB closing days."""
    fixed = {(1, 1), (5, 1), (12, 25), (12, 26)}
    day = dt.date(2026, 1, 1)
    while day.year < 2029:
        easter = easter_of(day.year)
        closed = (day.month, day.day) in fixed or day in {
            easter - dt.timedelta(days=2),
            easter + dt.timedelta(days=1),
        }
        assert target2.is_business_day(day) == (day.weekday() < 5 and not closed), day
        day += dt.timedelta(days=1)
