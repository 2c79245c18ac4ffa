"""Paired (pre/post) comparison: t-test, Wilcoxon signed-rank, d_z and d_av with intervals.

Sign convention: every difference is **pre - post**, as R's ``t.test(pre, post, paired = TRUE)``
and ``wilcox.test(pre, post, paired = TRUE)``. A rise from pre to post gives a negative
``mean_diff``, ``t``, ``d_z`` and ``d_av``. Rows with a missing value on either side are dropped;
``n`` counts the pairs used.

Methods (each result carries them as text):

- **t-test**: ``scipy.stats.ttest_rel``, two-sided, df = n - 1; the interval of the mean
  difference uses the same t distribution.
- **Wilcoxon signed-rank**, done as R does by default: zero differences are dropped (Wilcoxon's
  method, ``zero_method="wilcox"``); with fewer than 50 non-zero differences and no ties the
  exact distribution is used, otherwise the normal approximation with tie correction and a
  continuity correction (``method="approx", correction=True``). ``wilcoxon_w`` is R's **V**: the
  sum of the ranks of the positive differences (pre - post); ``wilcoxon_n`` counts the non-zero
  differences ranked, so the sum of the ranks of the negative ones is n(n + 1)/2 - V.
- **d_z** = mean difference / SD of the differences. Its interval inverts the noncentral t:
  with t = d_z*sqrt(n) and df = n - 1, find the noncentrality parameters lambda whose
  ``scipy.stats.nct`` puts t at the 97.5th and 2.5th percentiles; the interval is λ/√n.
- **d_av** = mean difference / √((SD²_pre + SD²_post)/2), the standardiser of Cumming (2012)
  and Algina, Keselman & Penfield (2005) (Lakens 2013 averages the two SDs instead; the two
  agree closely when the SDs are alike). Its interval is the Algina & Keselman (2003)
  approximation: lambda_hat = d_av*sqrt(n / (2(1 - r))) is treated as noncentral t with df = n - 1, the
  noncentral-t interval for lambda is found as for d_z and mapped back by sqrt(2(1 - r)/n), with r the
  pre/post correlation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

SIGN_CONVENTION = (
    "differences are pre − post, as R's t.test(pre, post, paired = TRUE): "
    "mean_diff = mean(pre − post), so a rise from pre to post gives a negative mean_diff, t, "
    "d_z and d_av (and their intervals); wilcoxon_w is the sum of the ranks of the positive "
    "pre − post differences (R's V)"
)
T_METHOD = "paired t-test (two-sided), df = n − 1"
D_Z_METHOD = "d_z = mean difference / SD of differences; CI by inverting the noncentral t"
D_AV_METHOD = (
    "d_av = mean difference / √((SD²pre + SD²post)/2); "
    "CI by the Algina–Keselman (2003) noncentral-t approximation"
)
WILCOXON_EXACT = "Wilcoxon signed-rank, exact distribution, zeros dropped"
WILCOXON_APPROX = (
    "Wilcoxon signed-rank, normal approximation with tie and continuity correction, zeros dropped"
)
WILCOXON_EXACT_MAX_N = 50

NAN = float("nan")


@dataclass(frozen=True)
class PairedResult:
    """Everything a paired pre/post comparison reports (see the module docstring for methods)."""

    n: int
    n_dropped: int
    mean_pre: float
    mean_post: float
    sd_pre: float
    sd_post: float
    mean_diff: float
    sd_diff: float
    mean_diff_ci: tuple[float, float]
    t: float
    df: int
    p: float
    wilcoxon_w: float
    wilcoxon_p: float
    wilcoxon_method: str
    wilcoxon_n: int
    d_z: float
    d_z_ci: tuple[float, float]
    d_av: float
    d_av_ci: tuple[float, float]
    r: float
    confidence: float

    def as_dict(self) -> dict[str, object]:
        """The keys of ``ontmoeting analyse paired --json`` first, then the extras."""
        return {
            "n": self.n,
            "mean_diff": self.mean_diff,
            "t": self.t,
            "df": self.df,
            "p": self.p,
            "wilcoxon_w": self.wilcoxon_w,
            "wilcoxon_p": self.wilcoxon_p,
            "wilcoxon_n": self.wilcoxon_n,
            "d_z": self.d_z,
            "d_z_ci": list(self.d_z_ci),
            "d_av": self.d_av,
            "d_av_ci": list(self.d_av_ci),
            "mean_diff_ci": list(self.mean_diff_ci),
            "sd_diff": self.sd_diff,
            "mean_pre": self.mean_pre,
            "mean_post": self.mean_post,
            "sd_pre": self.sd_pre,
            "sd_post": self.sd_post,
            "r": self.r,
            "n_dropped": self.n_dropped,
            "confidence": self.confidence,
            "methods": {
                "sign": SIGN_CONVENTION,
                "t": T_METHOD,
                "wilcoxon": self.wilcoxon_method,
                "d_z": D_Z_METHOD,
                "d_av": D_AV_METHOD,
            },
        }


def noncentral_t_interval(t: float, df: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """The interval of the noncentrality parameter λ given an observed ``t`` with ``df``.

    Lower bound: the lambda with P(T <= t | lambda) = 1 - g/2; upper: P(T <= t | lambda) = g/2 (g = 1 - confidence).
    """
    if df < 1 or not math.isfinite(t):
        return (NAN, NAN)
    gamma = 1 - confidence

    def solve(target: float) -> float:
        def f(ncp: float) -> float:
            value = float(stats.nct.cdf(t, df, ncp))
            if math.isnan(value):  # far tails where scipy's nct gives NaN: use the limit
                value = 0.0 if ncp > t else 1.0
            return value - target

        width = 10.0 + abs(t)
        low, high = t - width, t + width
        for _ in range(60):
            if f(low) > 0 > f(high):
                break
            low, high = low - width, high + width
        return float(optimize.brentq(f, low, high, xtol=1e-12, maxiter=500))

    return (solve(1 - gamma / 2), solve(gamma / 2))


def _wilcoxon(diff: np.ndarray) -> tuple[float, float, str, int]:
    nonzero = diff[diff != 0]
    if nonzero.size == 0:
        return (NAN, NAN, WILCOXON_APPROX, 0)
    ranks = stats.rankdata(np.abs(nonzero))
    v = float(ranks[nonzero > 0].sum())
    has_ties = np.unique(np.abs(nonzero)).size < nonzero.size
    exact = nonzero.size < WILCOXON_EXACT_MAX_N and not has_ties and nonzero.size == diff.size
    if exact:
        result = stats.wilcoxon(nonzero, zero_method="wilcox", method="exact")
        return (v, float(result.pvalue), WILCOXON_EXACT, int(nonzero.size))
    result = stats.wilcoxon(nonzero, zero_method="wilcox", correction=True, method="approx")
    return (v, float(result.pvalue), WILCOXON_APPROX, int(nonzero.size))


def paired_analysis(
    pre: Sequence[float] | np.ndarray | pd.Series,
    post: Sequence[float] | np.ndarray | pd.Series,
    *,
    confidence: float = 0.95,
) -> PairedResult:
    """Compare paired ``pre`` and ``post`` values (pairs with a missing value are dropped).

    >>> r = paired_analysis([1, 2, 3, 4], [2, 4, 5, 5])
    >>> r.n, r.mean_diff, round(r.t, 4)
    (4, -1.5, -5.1962)
    """
    a = pd.to_numeric(pd.Series(list(pre), dtype="object"), errors="coerce").astype(float)
    b = pd.to_numeric(pd.Series(list(post), dtype="object"), errors="coerce").astype(float)
    if len(a) != len(b):
        raise ValueError("pre and post must have the same length")
    keep = a.notna() & b.notna()
    x, y = a[keep].to_numpy(), b[keep].to_numpy()
    n = int(x.size)
    dropped = int((~keep).sum())
    diff = x - y
    nan_pair = (NAN, NAN)
    if n < 2:
        mean = float(diff.mean()) if n else NAN
        return PairedResult(
            n=n, n_dropped=dropped, mean_pre=float(x.mean()) if n else NAN,
            mean_post=float(y.mean()) if n else NAN, sd_pre=NAN, sd_post=NAN, mean_diff=mean,
            sd_diff=NAN, mean_diff_ci=nan_pair, t=NAN, df=max(n - 1, 0), p=NAN,
            wilcoxon_w=NAN, wilcoxon_p=NAN, wilcoxon_method=WILCOXON_APPROX, wilcoxon_n=0,
            d_z=NAN, d_z_ci=nan_pair, d_av=NAN, d_av_ci=nan_pair, r=NAN, confidence=confidence,
        )  # fmt: skip
    df = n - 1
    mean_diff = float(diff.mean())
    sd_diff = float(diff.std(ddof=1))
    sd_pre, sd_post = float(x.std(ddof=1)), float(y.std(ddof=1))
    se = sd_diff / math.sqrt(n)
    t_crit = float(stats.t.ppf(1 - (1 - confidence) / 2, df))
    if sd_diff > 0:
        test = stats.ttest_rel(x, y)
        t, p = float(test.statistic), float(test.pvalue)
        d_z = mean_diff / sd_diff
        ncp_low, ncp_high = noncentral_t_interval(t, df, confidence=confidence)
        d_z_ci = (ncp_low / math.sqrt(n), ncp_high / math.sqrt(n))
    else:
        t, p, d_z, d_z_ci = NAN, NAN, NAN, nan_pair
    r = float(np.corrcoef(x, y)[0, 1]) if sd_pre > 0 and sd_post > 0 else NAN
    s_av = math.sqrt((sd_pre**2 + sd_post**2) / 2)
    d_av = mean_diff / s_av if s_av > 0 else NAN
    if math.isfinite(d_av) and math.isfinite(r) and r < 1:
        scale = math.sqrt(n / (2 * (1 - r)))
        low, high = noncentral_t_interval(d_av * scale, df, confidence=confidence)
        d_av_ci = (low / scale, high / scale)
    else:
        d_av_ci = nan_pair
    w, w_p, w_method, w_n = _wilcoxon(diff)
    return PairedResult(
        n=n,
        n_dropped=dropped,
        mean_pre=float(x.mean()),
        mean_post=float(y.mean()),
        sd_pre=sd_pre,
        sd_post=sd_post,
        mean_diff=mean_diff,
        sd_diff=sd_diff,
        mean_diff_ci=(mean_diff - t_crit * se, mean_diff + t_crit * se),
        t=t,
        df=df,
        p=p,
        wilcoxon_w=w,
        wilcoxon_p=w_p,
        wilcoxon_method=w_method,
        wilcoxon_n=w_n,
        d_z=d_z,
        d_z_ci=d_z_ci,
        d_av=d_av,
        d_av_ci=d_av_ci,
        r=r,
        confidence=confidence,
    )
