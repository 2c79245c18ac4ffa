"""Cronbach's alpha with a Feldt confidence interval and alpha-if-item-deleted.

alpha = k/(k-1) * (1 - Σ s^2_i / s^2_X), with sample variances (ddof = 1) of the k items and of their
sum X, on the rows where every item is answered (listwise deletion; the number of rows used is
reported as ``n``).

The confidence interval is Feldt's (Feldt, Woodruff & Salih 1987, formulas 6 and 7; the same as
R's ``cocron::cronbach.alpha.CI``): (1 - alpha)/(1 - alphâ) follows F(n - 1, (n - 1)(k - 1)), so
L = 1 - (1 - alphâ)*F(1-g/2) and U = 1 - (1 - alphâ)*F_g/2 with g = 1 - confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

FELDT_METHOD = "Feldt (1987) F-distribution interval, df = (n − 1, (n − 1)(k − 1))"


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of ``k`` items over ``n`` complete rows, its interval and alpha-if-deleted."""

    alpha: float
    ci: tuple[float, float]
    n: int
    k: int
    confidence: float
    if_deleted: dict[str, float] = field(default_factory=dict)
    method: str = FELDT_METHOD

    def as_dict(self) -> dict[str, object]:
        return {
            "alpha": self.alpha,
            "ci": list(self.ci),
            "n": self.n,
            "k": self.k,
            "confidence": self.confidence,
            "alpha_if_deleted": dict(self.if_deleted),
            "ci_method": self.method,
        }


def _alpha(values: np.ndarray) -> float:
    k = values.shape[1]
    if k < 2 or values.shape[0] < 2:
        return float("nan")
    item_var = values.var(axis=0, ddof=1).sum()
    total_var = values.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - item_var / total_var))


def feldt_interval(
    alpha: float, *, n: int, k: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Feldt's confidence interval for a Cronbach's alpha from ``n`` people and ``k`` items."""
    if n < 2 or k < 2 or not np.isfinite(alpha):
        return (float("nan"), float("nan"))
    df1, df2 = n - 1, (n - 1) * (k - 1)
    gamma = 1 - confidence
    lower = 1 - (1 - alpha) * stats.f.ppf(1 - gamma / 2, df1, df2)
    upper = 1 - (1 - alpha) * stats.f.ppf(gamma / 2, df1, df2)
    return (float(lower), float(upper))


def cronbach_alpha(
    items: pd.DataFrame | np.ndarray | Sequence[Sequence[float]],
    *,
    confidence: float = 0.95,
) -> AlphaResult:
    """Cronbach's alpha of the columns of ``items`` (rows = people), listwise complete rows.

    >>> r = cronbach_alpha([[1, 2], [2, 3], [3, 3], [4, 5]])
    >>> round(r.alpha, 4), r.n, r.k
    (0.9474, 4, 2)
    """
    frame = pd.DataFrame(items).apply(pd.to_numeric, errors="coerce").dropna()
    values = frame.to_numpy(dtype=float)
    n, k = values.shape
    alpha = _alpha(values)
    if_deleted: dict[str, float] = {}
    if k > 2:
        for index, column in enumerate(frame.columns):
            if_deleted[str(column)] = _alpha(np.delete(values, index, axis=1))
    return AlphaResult(
        alpha=alpha,
        ci=feldt_interval(alpha, n=n, k=k, confidence=confidence),
        n=int(n),
        k=int(k),
        confidence=confidence,
        if_deleted=if_deleted,
    )
