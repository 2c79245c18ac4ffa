"""Proportions with Wilson score intervals (``statsmodels`` ``proportion_confint``)."""

from __future__ import annotations

from dataclasses import dataclass

from statsmodels.stats.proportion import proportion_confint

WILSON_METHOD = "Wilson score interval (no continuity correction)"


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``total`` with its share and Wilson interval (NaN when ``total`` is 0)."""

    count: int
    total: int
    share: float
    ci: tuple[float, float]
    confidence: float
    method: str = WILSON_METHOD

    def as_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "total": self.total,
            "share": self.share,
            "ci": list(self.ci),
            "confidence": self.confidence,
            "method": self.method,
        }


def wilson(count: int, total: int, *, confidence: float = 0.95) -> Proportion:
    """The share ``count/total`` with its Wilson interval.

    >>> p = wilson(8, 10)
    >>> round(p.ci[0], 4), round(p.ci[1], 4)
    (0.4902, 0.9433)
    """
    if total < 0 or count < 0 or count > total:
        raise ValueError("need 0 ≤ count ≤ total")
    if total == 0:
        nan = float("nan")
        return Proportion(count, total, nan, (nan, nan), confidence)
    low, high = proportion_confint(count, total, alpha=1 - confidence, method="wilson")
    return Proportion(count, total, count / total, (float(low), float(high)), confidence)
