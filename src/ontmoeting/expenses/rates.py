"""The Belgian figures valid on a day, and what each line of a claim is worth.

Every figure is a :class:`~ontmoeting.expenses.models.Rate` row valid over a period (see
seed_rates.py for the figures and their sources):

- ``car_km`` / ``motorbike_km``: the kilometre allowance of federal staff, which volunteers
  may receive; revised every quarter (1 January, April, July, October);
- ``bicycle_km``: the tax-free bicycle allowance per km (indexed every year);
- ``flat_daily`` / ``flat_yearly``: the flat volunteer allowance (law of 3 July 2005 on the
  rights of volunteers, indexed every 1 January);
- ``km_yearly_cap``: the kilometres of real travel costs a volunteer on the flat allowance may
  add per year (2,000 km);
- ``lunch_max``: the department's own limit for a lunch receipt.

A claim is priced with the figures valid on the day of its edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from ontmoeting.expenses.enums import LineKind, RateKind
from ontmoeting.expenses.models import Rate

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Figure:
    """One figure as used: its value, where it comes from and whether that was checked."""

    kind: str
    value: Decimal
    source: str
    confirmed: bool

    @property
    def label(self) -> str:
        return str(RateKind(self.kind).label)


@dataclass(frozen=True)
class Rates:
    """The figures valid on ``day`` (the attribute names the pricing code uses)."""

    day: date
    car_km_rate: Decimal
    motorbike_km_rate: Decimal
    bicycle_km_rate: Decimal
    lunch_max: Decimal
    flat_daily_allowance: Decimal
    flat_yearly_ceiling: Decimal
    real_km_yearly_cap: int
    figures: tuple[Figure, ...]

    def figure(self, kind: str) -> Figure:
        return next(figure for figure in self.figures if figure.kind == kind)

    def source(self, kind: str) -> str:
        return self.figure(kind).source

    def confirmed(self, kind: str) -> bool:
        return self.figure(kind).confirmed

    @property
    def unconfirmed(self) -> list[Figure]:
        return [figure for figure in self.figures if not figure.confirmed]


class MissingRates(LookupError):
    """A figure is not set for the day of an edition."""

    def __init__(self, day: date, kinds: list[str]) -> None:
        self.day = day
        self.kinds = kinds
        labels = ", ".join(str(RateKind(kind).label) for kind in kinds)
        super().__init__(
            _(
                "These figures are not set for %(day)s: %(figures)s. A coordinator sets them "
                "on the rates page."
            )
            % {"day": day.isoformat(), "figures": labels}
        )


def valid_on(day: date) -> Q:
    """The rows whose period holds ``day`` (``valid_to`` inclusive, empty = open)."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def rates_for(day: date) -> Rates:
    """The figures valid on ``day``; MissingRates when one of them is missing."""
    found: dict[str, Figure] = {}
    for row in Rate.objects.filter(valid_on(day)).order_by("valid_from"):
        found[row.kind] = Figure(row.kind, row.value, row.source, row.confirmed)
    missing = [kind for kind in RateKind.values if kind not in found]
    if missing:
        raise MissingRates(day, missing)
    return Rates(
        day=day,
        car_km_rate=found[RateKind.CAR_KM].value,
        motorbike_km_rate=found[RateKind.MOTORBIKE_KM].value,
        bicycle_km_rate=found[RateKind.BICYCLE_KM].value,
        lunch_max=found[RateKind.LUNCH_MAX].value,
        flat_daily_allowance=found[RateKind.FLAT_DAILY].value,
        flat_yearly_ceiling=found[RateKind.FLAT_YEARLY].value,
        real_km_yearly_cap=int(found[RateKind.KM_YEARLY_CAP].value),
        figures=tuple(found[kind] for kind in RateKind.values),
    )


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def km_rate(rates: Rates, kind: str) -> Decimal:
    return {
        LineKind.CAR: rates.car_km_rate,
        LineKind.MOTORBIKE: rates.motorbike_km_rate,
        LineKind.BICYCLE: rates.bicycle_km_rate,
    }[LineKind(kind)]


def line_value(
    rates: Rates,
    kind: str,
    *,
    km: Decimal | None = None,
    amount: Decimal | None = None,
    km_left: Decimal | None = None,
) -> tuple[Decimal | None, Decimal]:
    """The rate used (or None) and the reimbursed amount of one line, rounded to the cent.

    ``km_left``: the kilometres that may still be paid (the yearly cap next to the flat
    allowance); the kilometres beyond it are not paid.
    """
    if kind in (LineKind.CAR, LineKind.MOTORBIKE, LineKind.BICYCLE):
        rate = km_rate(rates, kind)
        paid_km = km or Decimal(0)
        if km_left is not None:
            paid_km = min(paid_km, max(km_left, Decimal(0)))
        return rate, money(paid_km * rate)
    if kind == LineKind.LUNCH:
        return None, money(min(amount or Decimal(0), rates.lunch_max))
    if kind == LineKind.FLAT:
        return None, money(rates.flat_daily_allowance)
    return None, money(amount or Decimal(0))
