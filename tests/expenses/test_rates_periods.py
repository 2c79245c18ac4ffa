"""Figures valid over periods: the quarter's km rate at its boundaries, overlaps refused, a
missing figure named, and the seeded figures equal to the published ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ontmoeting.expenses.enums import RateKind
from ontmoeting.expenses.models import Rate
from ontmoeting.expenses.rates import MissingRates, rates_for
from ontmoeting.expenses.services import ClaimError, save_rate
from ontmoeting.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        # Published by BOSA (https://bosa.belgium.be/nl/themas/werken-bij-de-overheid/
        # verloning-en-voordelen/toelagen-en-vergoedingen/vergoeding-voor-0, 'Eigen vervoer').
        (dt.date(2023, 6, 30), "0.4246"),  # last day of Q2 2023 (circular 717)
        (dt.date(2023, 7, 1), "0.4237"),  # first day of Q3 2023 (circular 721)
        (dt.date(2023, 9, 30), "0.4237"),
        (dt.date(2023, 10, 1), "0.4259"),  # circular 725
        (dt.date(2023, 12, 31), "0.4259"),
        (dt.date(2024, 1, 1), "0.4269"),  # circular 733
        (dt.date(2024, 3, 31), "0.4269"),
        (dt.date(2024, 4, 1), "0.4265"),  # circular 737
        (dt.date(2024, 6, 30), "0.4265"),
    ],
)
def test_the_km_rate_is_the_one_of_the_quarter(day, rate):
    rates = rates_for(day)
    assert rates.car_km_rate == Decimal(rate)
    assert rates.motorbike_km_rate == Decimal(rate)
    assert rates.confirmed(RateKind.CAR_KM)
    assert "bosa.belgium.be" in rates.source(RateKind.CAR_KM)


def test_the_flat_allowance_changes_on_the_first_of_january():
    assert rates_for(dt.date(2023, 12, 31)).flat_daily_allowance == Decimal("40.67")
    assert rates_for(dt.date(2024, 1, 1)).flat_daily_allowance == Decimal("41.48")


def test_seeded_flat_allowances_equal_the_published_figures():
    # 2023: https://www.genk.be/kostenvergoedingen ("maximaal 40,67 euro per dag en maximaal
    # 1626,77 euro per jaar"); 2024: https://www.vlaanderenvrijwilligt.be/wetgeving/
    # kostenvergoedingen/ ("41,48 euro per dag en 1659,29 euro per jaar"); 2025:
    # https://onderwijs.vlaanderen.be/nl/onderwijs-en-vorming/zomerscholen/info-voor-
    # organisatoren/vrijwilligersstatuut-zomerschool ("42,31 euro per dag en 1692,51 euro per
    # jaar").
    published = {2023: ("40.67", "1626.77"), 2024: ("41.48", "1659.29"), 2025: ("42.31", "1692.51")}
    for year, (daily, yearly) in published.items():
        rates = rates_for(dt.date(year, 6, 1))
        assert (rates.flat_daily_allowance, rates.flat_yearly_ceiling) == (
            Decimal(daily),
            Decimal(yearly),
        )
        assert rates.confirmed(RateKind.FLAT_DAILY)
        assert rates.confirmed(RateKind.FLAT_YEARLY)


def test_seeded_bicycle_rate_cap_and_lunch():
    # 2024 bicycle € 0,35/km: https://zoomvzw.be/nieuws/detail/kilometervergoeding-voor-
    # vrijwilligers-gewijzigd/6113; 2,000 km: programme law of 19 May 2009, e.g.
    # https://www.dynamoproject.be/faq/onkostenvergoedingen-voor-vrijwilligers-wat-zijn-de-
    # maximumbedragen
    rates = rates_for(dt.date(2024, 5, 1))
    assert rates.bicycle_km_rate == Decimal("0.35")
    assert rates.real_km_yearly_cap == 2000
    assert rates.lunch_max == Decimal("15.00")
    assert rates.source(RateKind.LUNCH_MAX) == "regel van de opleiding"
    assert rates.unconfirmed == []


def test_figures_we_could_not_confirm_are_marked():
    rates = rates_for(dt.date(2026, 11, 1))
    unconfirmed = {figure.kind for figure in rates.unconfirmed}
    assert {RateKind.CAR_KM, RateKind.FLAT_DAILY, RateKind.FLAT_YEARLY} <= unconfirmed
    assert all(figure.source.startswith("NIET BEVESTIGD") for figure in rates.unconfirmed)


def test_a_missing_figure_is_named():
    Rate.objects.filter(kind=RateKind.BICYCLE_KM, valid_from__year=2025).delete()
    with pytest.raises(MissingRates) as error:
        rates_for(dt.date(2025, 3, 1))
    assert error.value.kinds == [RateKind.BICYCLE_KM]
    assert rates_for(dt.date(2024, 3, 1)).bicycle_km_rate == Decimal("0.35")


def test_nothing_before_the_first_seeded_day():
    with pytest.raises(MissingRates) as error:
        rates_for(dt.date(2022, 12, 31))
    assert set(error.value.kinds) == set(RateKind.values)


def _save(kind="car_km", start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 31), value="0.43"):
    return save_rate(
        kind=kind,
        valid_from=start,
        valid_to=end,
        value=Decimal(value),
        source="https://example.org/circular",
        confirmed=True,
        actor="test",
    )


def test_a_new_quarter_is_saved_and_audited():
    rate = _save()
    assert AuditEntry.objects.filter(action="expenses.rate_saved", object_id=str(rate.pk)).exists()
    with pytest.raises(MissingRates) as error:  # 2027's other figures are not set yet
        rates_for(dt.date(2027, 3, 31))
    assert RateKind.CAR_KM not in error.value.kinds
    assert RateKind.MOTORBIKE_KM in error.value.kinds


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2027, 3, 31), dt.date(2027, 6, 30)),  # shares the last day
        (dt.date(2026, 12, 1), dt.date(2027, 1, 1)),  # shares the first day
        (dt.date(2027, 2, 1), dt.date(2027, 2, 1)),  # inside
        (dt.date(2026, 1, 1), None),  # open-ended, covering it
    ],
)
def test_an_overlapping_period_of_one_kind_is_refused(start, end):
    _save()
    before = Rate.objects.count()
    with pytest.raises(ClaimError) as error:
        _save(start=start, end=end)
    assert error.value.code == "overlap"
    assert "valid_from" in error.value.message_dict
    assert Rate.objects.count() == before


def test_adjacent_periods_and_other_kinds_are_fine():
    _save()
    _save(start=dt.date(2027, 4, 1), end=dt.date(2027, 6, 30), value="0.44")
    _save(kind="motorbike_km")
    assert Rate.objects.filter(valid_from__year=2027).count() == 3


def test_an_open_period_refuses_a_later_start():
    _save(end=None)
    with pytest.raises(ClaimError):
        _save(start=dt.date(2030, 1, 1), end=dt.date(2030, 3, 31))


def test_a_period_that_ends_before_it_starts_or_has_no_source_is_refused():
    with pytest.raises(ClaimError):
        _save(start=dt.date(2027, 3, 1), end=dt.date(2027, 2, 1))
    with pytest.raises(ClaimError):
        save_rate(
            kind="car_km",
            valid_from=dt.date(2027, 1, 1),
            valid_to=None,
            value=Decimal("0.4"),
            source=" ",
            confirmed=False,
            actor="test",
        )
