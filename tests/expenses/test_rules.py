"""Belgian volunteer rules across a calendar year: ceilings warn, mixing the two ways fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ontmoeting.editions.enums import Format
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, YearRates
from ontmoeting.expenses.services import ClaimError, NeedsAcknowledgement, approve_claim
from tests.factories import EditionFactory, PersonFactory
from tests.web.expenses_factories import expert, private_receipts, submitted

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


def two_editions_of(year: int):
    first = EditionFactory(year=year, format=Format.ENCOUNTER_DAY)
    second = EditionFactory(
        year=year,
        format=Format.CO_CREATION,
        date=dt.date(year, 3, 10),
        window_start=dt.date(year, 3, 1),
        window_end=dt.date(year, 3, 20),
    )
    return first, second


FLAT = {"regime": "flat", "travel_mode": "car", "km": Decimal("30"), "ticket_receipt": None}


def test_real_and_flat_cannot_mix_in_one_calendar_year():
    first, second = two_editions_of(2026)
    person = PersonFactory()
    submitted(expert(first, person=person))
    with pytest.raises(ClaimError) as error:
        submitted(expert(second, person=person), **FLAT)
    assert "niet allebei" in " ".join(error.value.messages)
    assert Claim.objects.filter(status=ClaimStatus.SUBMITTED).count() == 1


def test_the_same_way_in_another_year_is_fine():
    person = PersonFactory()
    submitted(expert(EditionFactory(year=2025), person=person))
    claim = submitted(expert(EditionFactory(year=2026), person=person), **FLAT)
    assert claim.status == ClaimStatus.SUBMITTED


def test_flat_claim_adds_the_daily_allowance_and_km_travel():
    claim = submitted(expert(EditionFactory(year=2026)), **FLAT)
    lines = {line.kind: line.total for line in claim.lines.all()}
    assert lines == {"flat": Decimal("43.16"), "car": Decimal("12.90")}


def test_flat_claim_refuses_receipt_costs():
    with pytest.raises(ClaimError) as error:
        submitted(expert(), regime="flat")  # a train ticket with the flat allowance
    assert "regime" in error.value.message_dict


def test_crossing_the_yearly_ceiling_warns_at_submit_and_needs_acknowledging(make_staff):
    YearRates.objects.filter(year=2026).update(flat_yearly_ceiling=Decimal("50.00"))
    first, second = two_editions_of(2026)
    person = PersonFactory()
    coordinator = make_staff("coordinator")
    approve_claim(claim=submitted(expert(first, person=person), **FLAT), actor=coordinator)
    from ontmoeting.expenses.services import save_claim
    from tests.web.expenses_factories import claim_input

    claim, check = save_claim(
        participant=expert(second, person=person),
        data=claim_input(**FLAT),
        actor="portal",
        submit=True,
    )
    assert len(check.warnings) == 1
    assert "plafond" in check.warnings[0]
    assert check.flat_total == Decimal("86.32")
    with pytest.raises(NeedsAcknowledgement):
        approve_claim(claim=claim, actor=coordinator)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    approve_claim(claim=claim, actor=coordinator, acknowledge_warnings=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_km_cap_next_to_the_flat_allowance_warns():
    YearRates.objects.filter(year=2026).update(real_km_yearly_cap=40)
    first, second = two_editions_of(2026)
    person = PersonFactory()
    submitted(expert(first, person=person), **FLAT)
    from ontmoeting.expenses.services import save_claim
    from tests.web.expenses_factories import claim_input

    _claim, check = save_claim(
        participant=expert(second, person=person),
        data=claim_input(**FLAT),
        actor="portal",
        submit=True,
    )
    assert check.flat_km == Decimal("60")
    assert any("km" in warning for warning in check.warnings)


def test_rejected_claims_do_not_count_towards_the_year(make_staff):
    from ontmoeting.expenses.services import reject_claim

    first, second = two_editions_of(2026)
    person = PersonFactory()
    reject_claim(
        claim=submitted(expert(first, person=person)), actor=make_staff("coordinator"), reason="x"
    )
    claim = submitted(expert(second, person=person), **FLAT)
    assert claim.status == ClaimStatus.SUBMITTED
