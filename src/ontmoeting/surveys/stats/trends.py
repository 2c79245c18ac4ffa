"""Change across editions: the mean change per edition and a linear trend over the years.

Per edition, the paired analysis of pre and post (mean difference pre - post with its t
interval). The trend is an ordinary least squares regression (``statsmodels`` OLS) of every
person's difference (pre - post) on the edition year; the slope is the change in the mean
difference per year, reported with its t interval and two-sided p-value. With fewer than two
editions there is no trend (NaN).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

from ontmoeting.surveys.stats.paired import PairedResult, paired_analysis

TREND_METHOD = "OLS of each person's difference (pre − post) on the edition year"


@dataclass(frozen=True)
class EditionChange:
    year: int
    result: PairedResult


@dataclass(frozen=True)
class TrendResult:
    """Per-edition changes and the slope of the change per year."""

    editions: list[EditionChange]
    slope: float
    slope_ci: tuple[float, float]
    slope_p: float
    n: int
    method: str = TREND_METHOD

    def as_dict(self) -> dict[str, object]:
        return {
            "editions": [
                {
                    "year": e.year,
                    "n": e.result.n,
                    "mean_diff": e.result.mean_diff,
                    "mean_diff_ci": list(e.result.mean_diff_ci),
                }
                for e in self.editions
            ],
            "slope": self.slope,
            "slope_ci": list(self.slope_ci),
            "slope_p": self.slope_p,
            "n": self.n,
            "method": self.method,
        }


def change_trend(
    frame: pd.DataFrame,
    *,
    year: str = "year",
    pre: str = "pre",
    post: str = "post",
    confidence: float = 0.95,
) -> TrendResult:
    """Per-edition paired results and the OLS trend of the change on the year."""
    data = frame[[year, pre, post]].apply(pd.to_numeric, errors="coerce").dropna()
    editions = [
        EditionChange(int(y), paired_analysis(part[pre], part[post], confidence=confidence))
        for y, part in sorted(data.groupby(year), key=lambda g: g[0])
    ]
    nan = float("nan")
    if data[year].nunique() < 2 or len(data) < 3:
        return TrendResult(editions, nan, (nan, nan), nan, len(data))
    diff = (data[pre] - data[post]).to_numpy(dtype=float)
    design = sm.add_constant(data[year].to_numpy(dtype=float))
    fit = sm.OLS(diff, design).fit()
    low, high = fit.conf_int(alpha=1 - confidence)[1]
    slope = float(fit.params[1])
    p = float(fit.pvalues[1]) if np.isfinite(fit.pvalues[1]) else nan
    if not math.isfinite(slope):
        slope = nan
    return TrendResult(editions, slope, (float(low), float(high)), p, len(data))
