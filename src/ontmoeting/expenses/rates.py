"""Rates per calendar year, and what each line of a claim is worth.

The amounts are **settings to check every year** (a coordinator edits them on the rates page):

- ``car_km_rate`` / ``motorbike_km_rate``: the kilometre allowance the federal government sets
  for its staff and that volunteers may receive (indexed each 1 July; we keep one value per
  calendar year — take the rate valid on the day of the edition);
- ``bicycle_km_rate``: the tax-free bicycle allowance per km;
- ``flat_daily_allowance`` / ``flat_yearly_ceiling``: the flat volunteer allowance (law of
  3 July 2005 on the rights of volunteers, amounts indexed every year);
- ``real_km_yearly_cap``: the kilometres of real travel costs a volunteer on the flat allowance
  may add per year (2,000 km);
- ``lunch_max``: the department's own limit for a lunch receipt.

The seeded values (migration 0002) are plausible, not authoritative: check them against the
FOD Sociale Zekerheid / vrijwilligerswetgeving.be figures of the year before paying.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ontmoeting.expenses.enums import LineKind
from ontmoeting.expenses.models import YearRates

CENT = Decimal("0.01")

#: The seeded rates (year → fields); see the module docstring before trusting them.
SEED_RATES: dict[int, dict[str, object]] = {
    2024: {
        "car_km_rate": Decimal("0.4269"),
        "motorbike_km_rate": Decimal("0.4269"),
        "bicycle_km_rate": Decimal("0.3500"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("40.67"),
        "flat_yearly_ceiling": Decimal("1626.77"),
        "real_km_yearly_cap": 2000,
    },
    2025: {
        "car_km_rate": Decimal("0.4270"),
        "motorbike_km_rate": Decimal("0.4270"),
        "bicycle_km_rate": Decimal("0.3600"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("42.31"),
        "flat_yearly_ceiling": Decimal("1692.51"),
        "real_km_yearly_cap": 2000,
    },
    2026: {
        "car_km_rate": Decimal("0.4300"),
        "motorbike_km_rate": Decimal("0.4300"),
        "bicycle_km_rate": Decimal("0.3700"),
        "lunch_max": Decimal("15.00"),
        "flat_daily_allowance": Decimal("43.16"),
        "flat_yearly_ceiling": Decimal("1726.49"),
        "real_km_yearly_cap": 2000,
    },
}


class MissingRates(LookupError):
    """No rates are set for the year of an edition."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("No rates are set for %(year)s. A coordinator sets them on the rates page.")
            % {"year": year}
        )


def rates_for(year: int) -> YearRates:
    """The rates of ``year``; MissingRates when none are set."""
    rates = YearRates.objects.filter(year=year).first()
    if rates is None:
        raise MissingRates(year)
    return rates


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def km_rate(rates: YearRates, kind: str) -> Decimal:
    return {
        LineKind.CAR: rates.car_km_rate,
        LineKind.MOTORBIKE: rates.motorbike_km_rate,
        LineKind.BICYCLE: rates.bicycle_km_rate,
    }[LineKind(kind)]


def line_value(
    rates: YearRates, kind: str, *, km: Decimal | None = None, amount: Decimal | None = None
) -> tuple[Decimal | None, Decimal]:
    """The rate used (or None) and the reimbursed amount of one line, rounded to the cent."""
    if kind in (LineKind.CAR, LineKind.MOTORBIKE, LineKind.BICYCLE):
        rate = km_rate(rates, kind)
        return rate, money((km or Decimal(0)) * rate)
    if kind == LineKind.LUNCH:
        return None, money(min(amount or Decimal(0), rates.lunch_max))
    if kind == LineKind.FLAT:
        return None, money(rates.flat_daily_allowance)
    return None, money(amount or Decimal(0))
