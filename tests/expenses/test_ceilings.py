"""The legal ceilings across all organisations: a warning from 80 %, a hard stop beyond the
ceiling that only a second person can lift (and yet another approves), the km cap applied,
the declaration of other organisations counted, and no claim before the day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.models import Claim, ClaimEvent, Rate
from ontmoeting.expenses.services import (
    ClaimError,
    approve_claim,
    override_ceiling,
    preview,
    save_claim,
)
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.expenses_factories import claim_input, expert, held, private_receipts, submitted
from tests.web.portal_factories import sign_in

pytestmark = pytest.mark.django_db
__all__ = ["private_receipts"]

FLAT = {"regime": "flat", "travel_mode": "none", "ticket_receipt": None}


@pytest.fixture(autouse=True)
def _receipts(private_receipts):
    return private_receipts


@pytest.fixture
def ceiling_100():
    """A yearly ceiling of € 100 in 2026 (the daily allowance stays € 42.31)."""
    Rate.objects.filter(kind="flat_yearly", valid_from__year=2026).update(value=Decimal("100"))


@pytest.fixture
def coordinators(make_staff):
    return (
        make_staff("coordinator", "ann"),
        make_staff("coordinator", "bert"),
        make_staff("coordinator", "carla"),
    )


def flat_claim(**declaration):
    participant = expert(held(EditionFactory(year=2026)))
    claim, check = save_claim(
        participant=participant,
        data=claim_input(**FLAT, **declaration),
        actor="portal",
        submit=True,
    )
    return claim, check


def test_a_declaration_reaching_80_percent_warns_but_does_not_stop(ceiling_100, coordinators):
    # 42.31 + 40.00 declared = 82.31 >= 80 % of 100, not above it.
    claim, check = flat_claim(other_allowances=Decimal("40.00"))
    assert check.warnings
    assert not check.over_ceiling
    assert check.other_allowances == Decimal("40.00")
    approve_claim(claim=claim, actor=coordinators[0])
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.APPROVED


def test_below_80_percent_nothing_is_said(ceiling_100):
    _claim, check = flat_claim(other_allowances=Decimal("37.00"))  # 79.31
    assert check.warnings == []
    assert check.over_ceiling == []


def test_beyond_the_ceiling_it_is_sent_but_not_approved(ceiling_100, coordinators):
    # 42.31 + 60.00 declared = 102.31 > 100: the declaration of others counts.
    claim, check = flat_claim(other_allowances=Decimal("60.00"))
    assert claim.status == ClaimStatus.SUBMITTED
    assert len(check.over_ceiling) == 1
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=coordinators[0])
    assert error.value.code == "ceiling"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED


def test_exactly_at_the_ceiling_is_allowed(ceiling_100, coordinators):
    claim, check = flat_claim(other_allowances=Decimal("57.69"))  # 42.31 + 57.69 = 100.00
    assert check.over_ceiling == []
    approve_claim(claim=claim, actor=coordinators[0])


def test_a_second_person_overrides_and_a_third_approves(ceiling_100, coordinators):
    _ann, bert, carla = coordinators
    claim, _check = flat_claim(other_allowances=Decimal("60.00"))
    override_ceiling(claim=claim, actor=bert, reason="Two organisations, agreed with finance")
    claim.refresh_from_db()
    assert (claim.override_by, claim.override_reason) == (
        bert,
        "Two organisations, agreed with finance",
    )
    assert claim.override_at is not None
    assert ClaimEvent.objects.filter(claim=claim, actor=bert).exists()
    assert AuditEntry.objects.filter(
        action="expenses.ceiling_override", object_id=str(claim.pk)
    ).exists()
    with pytest.raises(ClaimError) as error:
        approve_claim(claim=claim, actor=bert)  # the overrider cannot approve
    assert error.value.code == "four_eyes"
    approve_claim(claim=claim, actor=carla)
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, carla)


def test_the_override_needs_a_reason(ceiling_100, coordinators):
    claim, _check = flat_claim(other_allowances=Decimal("60.00"))
    with pytest.raises(ClaimError):
        override_ceiling(claim=claim, actor=coordinators[1], reason="  ")
    claim.refresh_from_db()
    assert claim.override_by is None


def test_whoever_entered_the_claim_cannot_override_it(ceiling_100, coordinators):
    ann, bert, _carla = coordinators
    participant = expert(held(EditionFactory(year=2026)))
    claim, _check = save_claim(
        participant=participant,
        data=claim_input(**FLAT, other_allowances=Decimal("60.00")),
        actor=ann,
        on_behalf=True,
        submit=True,
    )
    with pytest.raises(ClaimError) as error:
        override_ceiling(claim=claim, actor=ann, reason="I know her")
    assert error.value.code == "four_eyes"
    override_ceiling(claim=claim, actor=bert, reason="checked")


def test_the_claimant_cannot_override_their_own_claim(ceiling_100, make_staff):
    participant = expert(held(EditionFactory(year=2026)))
    claim, _check = save_claim(
        participant=participant,
        data=claim_input(**FLAT, other_allowances=Decimal("60.00")),
        actor="portal",
        submit=True,
    )
    own = make_staff("coordinator", "self")
    own.email = participant.person.email
    own.save()
    with pytest.raises(ClaimError):
        override_ceiling(claim=claim, actor=own, reason="mine")


def test_other_claims_of_the_year_count_toward_the_ceiling(ceiling_100, coordinators):
    first, _check = flat_claim()
    approve_claim(claim=first, actor=coordinators[0])
    person = first.participant.person
    second_edition = held(
        EditionFactory(
            year=2026,
            format="co_creation",
            date=dt.date(2026, 3, 10),
            window_start=dt.date(2026, 3, 1),
            window_end=dt.date(2026, 3, 20),
        )
    )
    _claim, check = save_claim(
        participant=expert(second_edition, person=person),
        data=claim_input(**FLAT, other_allowances=Decimal("20.00")),
        actor="portal",
        submit=True,
    )
    # 42.31 + 42.31 + 20.00 = 104.62 > 100
    assert check.flat_total == Decimal("84.62")
    assert check.over_ceiling


def test_km_beyond_the_yearly_cap_are_not_paid():
    # The 2026 cap is 2,000 km; other organisations paid 1,990 km, so of 30 km only 10 are
    # paid: 10 x € 0.4265 (Q4 2026 seed rate) = 4.265 → € 4.27, plus the day's € 42.31.
    edition = held(EditionFactory(year=2026))
    participant = expert(edition)
    data = claim_input(
        regime="flat",
        travel_mode="car",
        km=Decimal("30"),
        ticket_receipt=None,
        other_allowances=Decimal("0"),
        other_km=Decimal("1990"),
    )
    result = preview(edition=edition, data=data, participant=participant)
    assert len(result.notes) == 1
    claim, _check = save_claim(participant=participant, data=data, actor="portal", submit=True)
    car = claim.lines.get(kind="car")
    assert (car.km, car.rate, car.total) == (Decimal("30"), Decimal("0.4265"), Decimal("4.27"))
    assert claim.total == Decimal("46.58")


def test_km_within_the_cap_are_paid_in_full():
    edition = held(EditionFactory(year=2026))
    data = claim_input(regime="flat", travel_mode="car", km=Decimal("30"), ticket_receipt=None)
    result = preview(edition=edition, data=data, participant=expert(edition))
    assert result.notes == []
    assert result.total == Decimal("42.31") + Decimal("12.80")


def test_real_costs_have_no_km_cap():
    edition = held(EditionFactory(year=2026))
    data = claim_input(travel_mode="car", km=Decimal("30"), other_km=Decimal("5000"))
    result = preview(edition=edition, data=data, participant=expert(edition))
    assert result.total == Decimal("12.80")


def test_sending_needs_the_answer_about_other_organisations():
    with pytest.raises(ClaimError) as error:
        submitted(expert(EditionFactory(year=2026)), other_declared=False)
    assert "other_received" in error.value.message_dict
    assert not Claim.objects.filter(status=ClaimStatus.SUBMITTED).exists()


def _future_edition():
    day = timezone.localdate() + dt.timedelta(days=10)
    return EditionFactory(
        year=day.year,
        date=day,
        window_start=day - dt.timedelta(days=20),
        window_end=day + dt.timedelta(days=5),
    )


def test_a_claim_cannot_be_sent_before_the_day(client):
    edition = _future_edition()
    participant = expert(edition)
    draft, _check = save_claim(participant=participant, data=claim_input(), actor="portal")
    assert draft.status == ClaimStatus.DRAFT
    with pytest.raises(ClaimError) as error:
        save_claim(participant=participant, data=claim_input(), actor="portal", submit=True)
    assert error.value.code == "too_early"
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT
    sign_in(client, participant)
    assert 'data-testid="too-early"' in client.get("/me/expenses/").content.decode()


def test_on_the_day_itself_it_can_be_sent():
    day = timezone.localdate()
    edition = EditionFactory(
        year=day.year, date=day, window_start=day - dt.timedelta(days=1), window_end=day
    )
    claim, _check = save_claim(
        participant=expert(edition), data=claim_input(), actor="portal", submit=True
    )
    assert claim.status == ClaimStatus.SUBMITTED
