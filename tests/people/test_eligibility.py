"""Eligibility: a self-help group membership of at least one year on the edition's date."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.people.models import years_before
from ontmoeting.people.selectors import eligibility_on
from tests.factories import ExpertProfileFactory, MembershipFactory, SelfHelpGroupFactory

DAY = dt.date(2026, 12, 10)


@pytest.mark.django_db
def test_member_for_exactly_one_year_is_eligible():
    membership = MembershipFactory(since=dt.date(2025, 12, 10), group__name="AA Gent")
    result = eligibility_on(membership.expert, DAY)
    assert result.eligible
    assert result.reason == "lid van AA Gent sinds 2025-12-10"


@pytest.mark.django_db
def test_member_one_day_short_of_a_year_is_not_eligible():
    membership = MembershipFactory(since=dt.date(2025, 12, 11), group__name="NA Antwerpen")
    result = eligibility_on(membership.expert, DAY)
    assert not result.eligible
    assert result.reason == (
        "lid van NA Antwerpen pas sinds 2025-12-11; op 2026-12-10 is minstens één jaar nodig"
    )


@pytest.mark.django_db
def test_expert_without_membership_is_not_eligible():
    result = eligibility_on(ExpertProfileFactory(), DAY)
    assert (result.eligible, result.reason) == (False, "geen lid van een zelfhulpgroep")


@pytest.mark.django_db
def test_one_old_membership_is_enough_among_several():
    expert = ExpertProfileFactory()
    MembershipFactory(expert=expert, since=dt.date(2026, 6, 1))
    MembershipFactory(
        expert=expert, since=dt.date(2019, 3, 1), group=SelfHelpGroupFactory(name="Similes")
    )
    assert eligibility_on(expert, DAY).eligible
    assert expert.is_eligible_on(DAY)
    assert not expert.is_eligible_on(dt.date(2019, 12, 1))


def test_years_before_handles_leap_day():
    assert years_before(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)
    assert years_before(dt.date(2027, 3, 1), 1) == dt.date(2026, 3, 1)
