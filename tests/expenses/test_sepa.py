"""The SEPA file validates against the official XSD; its control sum is the approved total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from ontmoeting.expenses import sepa
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim
from ontmoeting.expenses.payments import batch_file, create_batch, mark_batch_paid
from ontmoeting.expenses.services import ClaimError, approve_claim
from tests.factories import EditionFactory
from tests.web.expenses_factories import OTHER_IBAN, expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def approved_claims(edition, coordinator, amounts):
    claims = []
    for index, amount in enumerate(amounts):
        claim = submitted(
            expert(edition),
            ticket_amount=Decimal(amount),
            iban=OTHER_IBAN if index % 2 else "BE68539007547034",
            account_holder=f"Holder {index} <&> é",
        )
        claims.append(approve_claim(claim=claim, actor=coordinator))
    return claims


def test_sepa_file_validates_and_sums_to_the_approved_claims(make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    claims = approved_claims(edition, coordinator, ["12.40", "7.05", "30.00"])
    submitted(expert(edition), ticket_amount=Decimal("99.99"))  # sent, not approved: left out
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    xml = batch_file(batch)
    schema = etree.XMLSchema(etree.parse(str(sepa.XSD_PATH)))
    assert schema.validate(etree.fromstring(xml)), schema.error_log
    totals = sepa.totals(xml)
    expected = sum(claim.total for claim in claims)
    assert expected == Decimal("49.45")
    assert (totals.count, totals.control_sum, totals.sum_of_amounts) == (3, expected, expected)
    assert batch.total == expected
    assert set(Claim.objects.filter(batch=batch).values_list("pk", flat=True)) == {
        c.pk for c in claims
    }
    assert b"BE68539007547034" not in batch.sepa_encrypted.encode()


def test_an_invalid_file_is_refused():
    with pytest.raises(sepa.InvalidSepaFile):
        sepa.validate(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')


def test_a_batch_needs_approved_claims(make_staff):
    with pytest.raises(ClaimError):
        create_batch(edition=EditionFactory(), actor=make_staff("coordinator"))


def test_marking_the_batch_paid_moves_its_claims_to_paid_once(make_staff):
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    finance = make_staff("finance")
    claims = approved_claims(edition, coordinator, ["10.00", "20.00"])
    batch = create_batch(edition=edition, actor=finance)
    late = approved_claims(edition, coordinator, ["5.00"])[0]  # approved after the file
    mark_batch_paid(batch=batch, actor=finance)
    mark_batch_paid(batch=batch, actor=finance)
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert [statuses[c.pk] for c in claims] == [ClaimStatus.PAID, ClaimStatus.PAID]
    assert statuses[late.pk] == ClaimStatus.APPROVED
    assert claims[0].events.filter(to_status="paid").count() == 1
