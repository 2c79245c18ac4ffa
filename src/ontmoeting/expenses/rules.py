"""Belgian volunteer rules across a person's calendar year (all editions, all claims, and what
other organisations paid, as the person declared it).

- real costs with proof **or** the flat allowance, never both in one calendar year (an *error*);
- the flat allowance stays under the daily and the yearly ceiling; these count the person's
  other claims of the year and the allowances of other organisations. From 80 % of the yearly
  ceiling a *warning*; beyond a ceiling a *hard stop*: the claim can be sent, but only approved
  after a second person overrides it with a reason (services.override_ceiling);
- next to the flat allowance, real travel costs only up to the yearly kilometre cap (the other
  organisations' km included): the kilometres beyond it are not paid (see ``flat_km_left``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ontmoeting.expenses.enums import COUNTED, KM_KINDS, LineKind, Regime
from ontmoeting.expenses.models import Claim, ClaimLine
from ontmoeting.expenses.rates import Rates

#: From this share of the yearly ceiling on, the coordinator and the person are warned.
WARN_SHARE = Decimal("0.80")


@dataclass(frozen=True)
class LineValue:
    """A line as priced (before or after it is stored)."""

    kind: str
    km: Decimal | None
    amount: Decimal | None
    rate: Decimal | None
    total: Decimal

    @property
    def kind_label(self) -> str:
        return str(LineKind(self.kind).label)


@dataclass
class YearCheck:
    """What a claim would bring a person's calendar year to, and what that breaks."""

    year: int
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Ceilings crossed: approving needs a second person's override.
    over_ceiling: list[str] = field(default_factory=list)
    year_total: Decimal = Decimal("0.00")
    flat_total: Decimal = Decimal("0.00")
    flat_km: Decimal = Decimal("0")
    other_allowances: Decimal = Decimal("0.00")
    other_km: Decimal = Decimal("0")


def _counted_claims(person_id: int, year: int, *, exclude: int | None) -> list[Claim]:
    claims = Claim.objects.filter(
        participant__person_id=person_id, edition__date__year=year, status__in=COUNTED
    )
    if exclude is not None:
        claims = claims.exclude(pk=exclude)
    return list(claims.select_related("edition").prefetch_related("lines"))


def _other_claims(claim: Claim) -> list[Claim]:
    return _counted_claims(claim.participant.person_id, claim.edition.date.year, exclude=claim.pk)


def declared(claims: Iterable[Claim]) -> tuple[Decimal, Decimal]:
    """What other organisations paid this year (euro, km), as last declared: each declaration
    is the year so far, so the highest counts (they are not added up)."""
    money, km = Decimal("0.00"), Decimal("0")
    for claim in claims:
        money = max(money, claim.other_allowances or Decimal("0.00"))
        km = max(km, claim.other_km or Decimal("0"))
    return money, km


def flat_km_left(
    *, person_id: int, day: date, exclude: int | None, other_km: Decimal, rates: Rates
) -> Decimal:
    """The km that may still be paid next to the flat allowance in ``day``'s year: the cap
    minus the km of the person's other flat claims and the km other organisations paid."""
    others = _counted_claims(person_id, day.year, exclude=exclude)
    before = sum(
        (
            line.km or Decimal(0)
            for other in others
            if other.regime == Regime.FLAT
            for line in other.lines.all()
            if line.kind in KM_KINDS
        ),
        Decimal(0),
    )
    _money, declared_km = declared(others)
    used = before + max(other_km, declared_km)
    return max(Decimal(rates.real_km_yearly_cap) - used, Decimal(0))


def _mixed_error(check: YearCheck, others: list[Claim], regime: str) -> None:
    mixed = [other for other in others if other.regime != regime]
    if mixed:
        check.errors.append(
            _(
                "In %(year)s this person already has a claim paid as '%(other)s' (%(edition)s). "
                "In one calendar year a volunteer gets either real costs or the fixed amount, "
                "not both."
            )
            % {
                "year": check.year,
                "other": Regime(mixed[0].regime).label,
                "edition": mixed[0].edition,
            }
        )


def _flat_sum(lines: Iterable[LineValue | ClaimLine]) -> Decimal:
    return sum((line.total for line in lines if line.kind == LineKind.FLAT), Decimal("0.00"))


def _daily(
    check: YearCheck,
    claim: Claim,
    others: list[Claim],
    lines: list[LineValue | ClaimLine],
    rates: Rates,
) -> None:
    """The fixed amounts of the edition's day (several claims on one day) under the daily max."""
    day = claim.edition.date
    same_day = [o for o in others if o.regime == Regime.FLAT and o.edition.date == day]
    day_total = _flat_sum(lines) + sum((_flat_sum(o.lines.all()) for o in same_day), Decimal(0))
    if day_total > rates.flat_daily_allowance:
        check.over_ceiling.append(
            _(
                "On %(day)s the fixed amounts come to € %(total)s, above the daily maximum of "
                "€ %(ceiling)s."
            )
            % {"day": claim.edition.date, "total": day_total, "ceiling": rates.flat_daily_allowance}
        )


def _yearly(check: YearCheck, rates: Rates) -> None:
    ceiling = rates.flat_yearly_ceiling
    total = check.flat_total + check.other_allowances
    values = {
        "year": check.year,
        "total": total,
        "ceiling": ceiling,
        "other": check.other_allowances,
    }
    if total > ceiling:
        check.over_ceiling.append(
            _(
                "With this claim the fixed amounts of %(year)s come to € %(total)s (other "
                "organisations € %(other)s included), above the yearly ceiling of € %(ceiling)s."
            )
            % values
        )
    elif ceiling and total >= ceiling * WARN_SHARE:
        check.warnings.append(
            _(
                "With this claim the fixed amounts of %(year)s come to € %(total)s (other "
                "organisations € %(other)s included): 80 %% or more of the yearly ceiling of "
                "€ %(ceiling)s."
            )
            % values
        )


def _km_cap(check: YearCheck, rates: Rates) -> None:
    km = check.flat_km + check.other_km
    if km > rates.real_km_yearly_cap:
        check.warnings.append(
            _(
                "The travel next to the fixed amount comes to %(km)s km in %(year)s (other "
                "organisations included); only %(cap)s km a year are paid, the rest is not."
            )
            % {"year": check.year, "km": km, "cap": rates.real_km_yearly_cap}
        )


def check_year(
    claim: Claim, *, regime: str, lines: Iterable[LineValue | ClaimLine], rates: Rates
) -> YearCheck:
    """Check ``claim`` (with ``regime`` and ``lines``) against the rest of its calendar year."""
    check = YearCheck(year=claim.edition.date.year)
    lines = list(lines)
    others = _other_claims(claim)
    _mixed_error(check, others, regime)
    check.other_allowances, check.other_km = declared([claim, *others])
    every_line = [line for other in others for line in other.lines.all()] + lines
    flat_lines: list[LineValue | ClaimLine] = [
        line for other in others if other.regime == Regime.FLAT for line in other.lines.all()
    ]
    if regime == Regime.FLAT:
        flat_lines += lines
    check.year_total = sum((line.total for line in every_line), Decimal("0.00"))
    check.flat_total = _flat_sum(flat_lines)
    check.flat_km = sum(
        (line.km or Decimal(0) for line in flat_lines if line.kind in KM_KINDS), Decimal(0)
    )
    if regime == Regime.FLAT:
        _daily(check, claim, others, lines, rates)
        _yearly(check, rates)
        _km_cap(check, rates)
    return check
