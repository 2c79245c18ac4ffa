"""Belgian volunteer rules across a calendar year: ceilings stop, mixing the two ways fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ontmoeting.editions.enums import Format
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, Rate
from ontmoeting.expenses.services import ClaimError, approve_claim, override_ceiling
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
    # 2026 seed: € 42.31 a day (carried forward, unconfirmed); 30 km at the Q4 2026 seed rate
    # € 0.4265 = 12.795 → € 12.80.
    assert lines == {"flat": Decimal("42.31"), "car": Decimal("12.80")}


def test_flat_claim_refuses_receipt_costs():
    with pytest.raises(ClaimError) as error:
        submitted(expert(), regime="flat")  # a train ticket with the flat allowance
    assert "regime" in error.value.message_dict


def _set_2026(kind: str, value: str) -> None:
    Rate.objects.filter(kind=kind, valid_from__year=2026).update(value=Decimal(value))


def test_crossing_the_yearly_ceiling_can_be_sent_but_needs_an_override(make_staff):
    _set_2026("flat_yearly", "50.00")
    first, second = two_editions_of(2026)
    person = PersonFactory()
    coordinator, second_coordinator = make_staff("coordinator"), make_staff("coordinator", "c2")
    approve_claim(claim=submitted(expert(first, person=person), **FLAT), actor=coordinator)
    from ontmoeting.expenses.services import save_claim
    from tests.web.expenses_factories import claim_input, held

    claim, check = save_claim(
        participant=expert(held(second), person=person),
        data=claim_input(**FLAT),
        actor="portal",
        submit=True,
    )
    assert len(check.over_ceiling) == 1
    assert check.flat_total == Decimal("84.62")
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=coordinator)
    assert error.value.code == "ceiling"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    override_ceiling(claim=claim, actor=second_coordinator, reason="agreed with finance")
    approve_claim(claim=claim, actor=coordinator)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_km_beyond_the_cap_next_to_the_flat_allowance_are_not_paid():
    _set_2026("km_yearly_cap", "40")
    first, second = two_editions_of(2026)
    person = PersonFactory()
    submitted(expert(first, person=person), **FLAT)
    from ontmoeting.expenses.services import save_claim
    from tests.web.expenses_factories import claim_input, held

    claim, check = save_claim(
        participant=expert(held(second), person=person),
        data=claim_input(**FLAT),
        actor="portal",
        submit=True,
    )
    assert check.flat_km == Decimal("60")
    assert any("km" in warning for warning in check.warnings)
    car = claim.lines.get(kind="car")
    # 40 km cap - 30 km already claimed = 10 km paid.
    # 10 km x € 0.4265 = 4.265, rounded half up to the cent.
    assert (car.rate, car.total) == (Decimal("0.4265"), Decimal("4.27"))


def test_rejected_claims_do_not_count_towards_the_year(make_staff):
    from ontmoeting.expenses.services import reject_claim

    first, second = two_editions_of(2026)
    person = PersonFactory()
    reject_claim(
        claim=submitted(expert(first, person=person)), actor=make_staff("coordinator"), reason="x"
    )
    claim = submitted(expert(second, person=person), **FLAT)
    assert claim.status == ClaimStatus.SUBMITTED
