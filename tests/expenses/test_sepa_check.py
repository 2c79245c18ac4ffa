"""check-sepa finds what a bank would refuse: non-SEPA and bad-checksum IBANs, bad BICs, wrong
sums, duplicate end-to-end ids, characters outside the EPC set, ids too long."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ontmoeting.cli import main
from ontmoeting.expenses import sepa
from ontmoeting.expenses.sepa_check import problems

DEBTOR = "BE68539007547034"


def _transfer(iban: str, amount: str, end_to_end: str, name: str = "A. Peeters") -> str:
    return f"""
      <CdtTrfTxInf>
        <PmtId><EndToEndId>{end_to_end}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">{amount}</InstdAmt></Amt>
        <Cdtr><Nm>{name}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>{iban}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>Onkosten</Ustrd></RmtInf>
      </CdtTrfTxInf>"""


def hand_written(
    transfers: list[tuple[str, str, str]],
    *,
    count: int | None = None,
    control: str | None = None,
    msg_id: str = "ONT2026B1T20261130130000",
    name: str = "A. Peeters",
) -> bytes:
    """A pain.001.001.03 file typed by hand (not by the code under test)."""
    total = sum((Decimal(amount) for _iban, amount, _e2e in transfers), Decimal("0.00"))
    number = len(transfers) if count is None else count
    control = str(total) if control is None else control
    body = "".join(_transfer(iban, amount, e2e, name) for iban, amount, e2e in transfers)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>{msg_id}</MsgId><CreDtTm>2026-11-30T13:00:00</CreDtTm>
      <NbOfTxs>{number}</NbOfTxs><CtrlSum>{control}</CtrlSum>
      <InitgPty><Nm>Onderzoeksgroep</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>ONT2026B1P1</PmtInfId><PmtMtd>TRF</PmtMtd>
      <NbOfTxs>{number}</NbOfTxs><CtrlSum>{control}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <ReqdExctnDt>2026-12-01</ReqdExctnDt>
      <Dbtr><Nm>Onderzoeksgroep</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>{DEBTOR}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BIC>GKCCBEBB</BIC></FinInstnId></DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>{body}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>""".encode()


GOOD = [("BE71096123456769", "12.40", "E1"), ("NL91ABNA0417164300", "7.05", "E2")]


def test_a_good_hand_written_file_passes():
    xml = hand_written(GOOD)
    sepa.validate(xml)  # the official XSD agrees
    assert problems(xml) == []


def test_a_file_made_by_the_code_passes():
    payments = [
        sepa.Payment("Zoë & Co", "BE71096123456769", None, Decimal("3.10"), "claim 1", "E1"),
        sepa.Payment(
            "Grüezi AG",
            "CH9300762011623852957",
            "UBSWCHZH80A",
            Decimal("4.00"),
            "claim 2",
            "E2",
            sepa.Address("Bahnhofstraße 1", "8001", "Zürich", "CH"),
        ),
    ]
    _id, xml = sepa.credit_transfer(
        payments, execution_date=dt.date(2026, 12, 1), message_id="M1", payment_info_id="P1"
    )
    assert problems(xml) == []


def test_non_sepa_and_bad_checksum_ibans_are_flagged():
    xml = hand_written(
        [
            ("BR1800360305000010009795493C1", "1.00", "E1"),
            ("SA0380000000608010167519", "2.00", "E2"),
            ("BE71096123456768", "3.00", "E3"),
            ("BE71096123456769", "4.00", "E4"),
        ]
    )
    sepa.validate(xml)  # the XSD alone lets every one of them through
    found = problems(xml)
    assert len(found) == 3
    assert [line.split(":")[0] for line in found] == [
        "IBAN BR1800360305000010009795493C1",
        "IBAN SA0380000000608010167519",
        "IBAN BE71096123456768",
    ]


def test_wrong_sums_are_flagged_at_both_levels():
    found = problems(hand_written(GOOD, count=3, control="19.46"))
    assert len(found) == 4  # NbOfTxs and CtrlSum, in the group header and the payment block


def test_duplicate_end_to_end_ids_characters_and_long_ids():
    xml = hand_written(
        [("BE71096123456769", "1.00", "SAME"), ("BE71096123456769", "2.00", "SAME")],
        name="Jan &amp; Piet @home",
        msg_id="X" * 36,
    )
    found = problems(xml)
    assert len(found) == 5
    assert "MAXLENGTH" in found[0]  # the XSD: MsgId too long
    assert "X" * 36 in found[1]
    assert "35" in found[1]
    assert "SAME" in found[2]
    assert [line.endswith("& @") for line in found[3:]] == [True, True]  # both creditor names


def test_a_bad_bic_is_flagged():
    xml = hand_written(GOOD).replace(b"<BIC>GKCCBEBB</BIC>", b"<BIC>GKCCXXBB</BIC>")
    assert [line.split(":")[0] for line in problems(xml)] == ["BIC GKCCXXBB"]


def test_not_xml():
    assert len(problems(b"not xml at all")) == 1


def test_the_command_prints_each_problem_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        hand_written(
            [
                ("BR1800360305000010009795493C1", "1.00", "E1"),
                ("SA0380000000608010167519", "2.00", "E2"),
                ("BE71096123456768", "3.00", "E3"),
            ]
        )
    )
    assert main(["expenses", "check-sepa", str(bad)]) == 2
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 3
    for iban in ("BR1800360305000010009795493C1", "SA0380000000608010167519", "BE71096123456768"):
        assert iban in out


@pytest.mark.django_db
def test_the_command_passes_a_good_file(tmp_path, capsys):
    good = tmp_path / "good.xml"
    good.write_bytes(hand_written(GOOD))
    assert main(["expenses", "check-sepa", str(good)]) == 0
    assert "19.45" in capsys.readouterr().out
