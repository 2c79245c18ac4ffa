"""Belgian volunteer rules across a person's calendar year (all editions, all claims).

- real costs with proof **or** the flat allowance, never both in one calendar year;
- the flat allowance stays under the yearly ceiling;
- next to the flat allowance, real travel costs only up to the yearly kilometre cap.

Crossing a ceiling is a *warning* (a coordinator may still approve, after acknowledging it);
mixing the two ways in one year is an *error*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ontmoeting.expenses.enums import COUNTED, KM_KINDS, LineKind, Regime
from ontmoeting.expenses.models import Claim, ClaimLine, YearRates


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
    year_total: Decimal = Decimal("0.00")
    flat_total: Decimal = Decimal("0.00")
    flat_km: Decimal = Decimal("0")


def _other_claims(claim: Claim) -> list[Claim]:
    return list(
        Claim.objects.filter(
            participant__person_id=claim.participant.person_id,
            edition__date__year=claim.edition.date.year,
            status__in=COUNTED,
        )
        .exclude(pk=claim.pk)
        .select_related("edition")
        .prefetch_related("lines")
    )


def check_year(
    claim: Claim, *, regime: str, lines: Iterable[LineValue | ClaimLine], rates: YearRates
) -> YearCheck:
    """Check ``claim`` (with ``regime`` and ``lines``) against the rest of its calendar year."""
    check = YearCheck(year=claim.edition.date.year)
    lines = list(lines)
    others = _other_claims(claim)
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
    every_line = [line for other in others for line in other.lines.all()] + lines
    flat_lines: list[LineValue | ClaimLine] = [
        line for other in others if other.regime == Regime.FLAT for line in other.lines.all()
    ]
    if regime == Regime.FLAT:
        flat_lines += lines
    check.year_total = sum((line.total for line in every_line), Decimal("0.00"))
    check.flat_total = sum(
        (line.total for line in flat_lines if line.kind == LineKind.FLAT), Decimal("0.00")
    )
    check.flat_km = sum(
        (line.km or Decimal(0) for line in flat_lines if line.kind in KM_KINDS), Decimal(0)
    )
    if regime == Regime.FLAT and check.flat_total > rates.flat_yearly_ceiling:
        check.warnings.append(
            _(
                "With this claim the fixed amounts of %(year)s come to € %(total)s, above the "
                "yearly ceiling of € %(ceiling)s."
            )
            % {"year": check.year, "total": check.flat_total, "ceiling": rates.flat_yearly_ceiling}
        )
    if regime == Regime.FLAT and check.flat_km > rates.real_km_yearly_cap:
        check.warnings.append(
            _(
                "With this claim the travel next to the fixed amount comes to %(km)s km in "
                "%(year)s, above the cap of %(cap)s km a year."
            )
            % {"year": check.year, "km": check.flat_km, "cap": rates.real_km_yearly_cap}
        )
    return check
