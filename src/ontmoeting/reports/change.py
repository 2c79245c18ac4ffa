"""The report's reading of a paired result: **change = post - pre**, so a rise is positive.

The statistics (:mod:`ontmoeting.surveys.stats.paired`, :mod:`~ontmoeting.surveys.stats.trends`)
keep R's convention, differences pre - post (``t.test(pre, post, paired = TRUE)``), and so does
the JSON of ``ontmoeting analyse paired``: they can be checked against R line by line. A
researcher reading the report expects a rise to read as a positive change, so the report turns
the signed numbers around once, here, and nowhere else:

- the mean change, t, d_z and d_av are negated;
- their intervals are negated and swapped: [a; b] of pre - post is [-b; -a] of post - pre;
- Wilcoxon's V becomes the sum of the ranks of the rises, n(n + 1)/2 - V with n the non-zero
  differences (R's V of ``wilcox.test(post, pre, paired = TRUE)``);
- the trend's slope (the change of the mean change per year) and its interval likewise;
- n, df, p-values, the means and SDs of pre and post, and the SD of the changes stay as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ontmoeting.reports.numbers import decimal
from ontmoeting.surveys.stats import PairedResult, TrendResult

Interval = tuple[float, float]


def _flip(interval: Interval) -> Interval:
    """The interval of -x from the interval of x."""
    low, high = interval
    return (-high, -low)


def _negated(value: float) -> float:
    return -value if math.isfinite(value) else value


@dataclass(frozen=True)
class Change:
    """A paired pre/post comparison read as post - pre (see the module docstring)."""

    n: int
    df: int
    confidence: float
    mean_pre: float
    sd_pre: float
    mean_post: float
    sd_post: float
    mean: float
    ci: Interval
    sd: float
    t: float
    p: float
    wilcoxon_v: float
    wilcoxon_p: float
    d_z: float
    d_z_ci: Interval
    d_av: float
    d_av_ci: Interval

    @classmethod
    def from_paired(cls, result: PairedResult) -> Change:
        """The post - pre reading of ``result`` (whose differences are pre - post)."""
        n_ranked = result.wilcoxon_n
        return cls(
            n=result.n,
            df=result.df,
            confidence=result.confidence,
            mean_pre=result.mean_pre,
            sd_pre=result.sd_pre,
            mean_post=result.mean_post,
            sd_post=result.sd_post,
            mean=_negated(result.mean_diff),
            ci=_flip(result.mean_diff_ci),
            sd=result.sd_diff,
            t=_negated(result.t),
            p=result.p,
            wilcoxon_v=n_ranked * (n_ranked + 1) / 2 - result.wilcoxon_w,
            wilcoxon_p=result.wilcoxon_p,
            d_z=_negated(result.d_z),
            d_z_ci=_flip(result.d_z_ci),
            d_av=_negated(result.d_av),
            d_av_ci=_flip(result.d_av_ci),
        )

    def direction(self, digits: int = 2) -> str:
        """ "rise", "fall" or "same": the sign of the mean change as shown with ``digits``
        decimals (a change that rounds to 0.00 is shown as no change); "" when unknown."""
        if not math.isfinite(self.mean):
            return ""
        shown = round(self.mean, digits)
        if shown > 0:
            return "rise"
        if shown < 0:
            return "fall"
        return "same"


@dataclass(frozen=True)
class EditionChange:
    year: int
    change: Change


@dataclass(frozen=True)
class TrendChange:
    """Per edition the mean change (post - pre) and the slope of the change per year."""

    editions: list[EditionChange]
    slope: float
    slope_ci: Interval
    slope_p: float
    n: int

    @classmethod
    def from_trend(cls, trend: TrendResult) -> TrendChange:
        """The post - pre reading of ``trend`` (an OLS of pre - post on the year)."""
        return cls(
            editions=[EditionChange(e.year, Change.from_paired(e.result)) for e in trend.editions],
            slope=_negated(trend.slope),
            slope_ci=_flip(trend.slope_ci),
            slope_p=trend.slope_p,
            n=trend.n,
        )


def describe_change(change: Change, *, digits: int = 2) -> str:
    """The change in plain words, numbers in the active language's format, e.g. "the score rose
    by 0.24 (95% CI 0.10 to 0.38)"; the interval is the change's (post - pre)."""
    direction = change.direction(digits)
    if not direction:
        return _("not enough pairs to describe a change")
    words = {
        "rise": _("the score rose by %(change)s (%(level)s%% CI %(low)s to %(high)s)"),
        "fall": _("the score fell by %(change)s (%(level)s%% CI %(low)s to %(high)s)"),
        "same": _("the score stayed the same (%(level)s%% CI %(low)s to %(high)s)"),
    }[direction]
    low, high = change.ci
    return words % {
        "change": decimal(abs(change.mean), digits),
        "level": number_format(round(change.confidence * 100)),
        "low": decimal(low, digits) if math.isfinite(low) else "—",
        "high": decimal(high, digits) if math.isfinite(high) else "—",
    }
