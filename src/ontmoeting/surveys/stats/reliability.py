"""Cronbach's alpha with a Feldt confidence interval and alpha-if-item-deleted.

alpha = k/(k-1) * (1 - Σ s^2_i / s^2_X), with sample variances (ddof = 1) of the k items and of their
sum X, on the rows where every item is answered (listwise deletion; the number of rows used is
reported as ``n``).

The confidence interval is Feldt's (Feldt, Woodruff & Salih 1987, formulas 6 and 7; the same as
R's ``cocron::cronbach.alpha.CI``): (1 - alpha)/(1 - alphâ) follows F(n - 1, (n - 1)(k - 1)), so
L = 1 - (1 - alphâ)*F(1-g/2) and U = 1 - (1 - alphâ)*F_g/2 with g = 1 - confidence.

Reverse keying (a negatively worded item): on an answer scale from ``min`` to ``max`` a reversed
answer is (min + max) - x, as SPSS users recode (``COMPUTE q3r = 6 - q3`` on a 1-5 scale). The
scale is given, never guessed from the data: a sample where nobody chose an extreme answer would
otherwise be recoded wrongly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

FELDT_METHOD = "Feldt (1987) F-distribution interval, df = (n − 1, (n − 1)(k − 1))"
REVERSE_METHOD = "reversed items recoded as (min + max) − x before alpha"


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
    reversed_items: tuple[str, ...] = ()
    scale: tuple[float, float] | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "alpha": self.alpha,
            "ci": list(self.ci),
            "n": self.n,
            "k": self.k,
            "confidence": self.confidence,
            "alpha_if_deleted": dict(self.if_deleted),
            "ci_method": self.method,
            "reversed_items": list(self.reversed_items),
            "scale": list(self.scale) if self.scale is not None else None,
            "reverse_method": REVERSE_METHOD if self.reversed_items else None,
        }


def reverse_keyed(
    frame: pd.DataFrame, columns: Sequence[str], *, scale: tuple[float, float]
) -> pd.DataFrame:
    """A copy of ``frame`` with ``columns`` recoded as (min + max) - x on the answer ``scale``.

    Raises ValueError when a column is missing, the scale does not run from low to high, or an
    answer lies outside the scale (missing answers stay missing).

    >>> reverse_keyed(pd.DataFrame({"q": [1, 2, 5]}), ["q"], scale=(1, 5))["q"].tolist()
    [5, 4, 1]
    """
    low, high = scale
    if not low < high:
        raise ValueError(f"the scale must run from a lower to a higher value, not {scale}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"no such column(s): {', '.join(map(str, missing))}")
    out = frame.copy()
    for column in columns:
        values = pd.to_numeric(out[column], errors="coerce")
        if ((values < low) | (values > high)).any():
            raise ValueError(f"{column} has answers outside {low}..{high}")
        out[column] = (low + high) - values
    return out


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
    reverse: Sequence[str] = (),
    scale: tuple[float, float] | None = None,
) -> AlphaResult:
    """Cronbach's alpha of the columns of ``items`` (rows = people), listwise complete rows;
    the ``reverse`` columns are first recoded on the answer ``scale`` (see ``reverse_keyed``).

    >>> r = cronbach_alpha([[1, 2], [2, 3], [3, 3], [4, 5]])
    >>> round(r.alpha, 4), r.n, r.k
    (0.9474, 4, 2)
    """
    frame = pd.DataFrame(items)
    if reverse:
        if scale is None:
            raise ValueError("reversing items needs the answer scale (min, max)")
        frame = reverse_keyed(frame, reverse, scale=scale)
    frame = frame.apply(pd.to_numeric, errors="coerce").dropna()
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
        reversed_items=tuple(str(c) for c in reverse),
        scale=scale if reverse else None,
    )
