"""Charts of the report: matplotlib (Agg backend) rendered to PNG data URIs.

A data URI works in the web page (the CSP allows ``img-src data:``) and in WeasyPrint's PDF
alike. Every chart has a table with the same numbers next to it in the report (its text
alternative).
"""

from __future__ import annotations

import base64
import io
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from scipy import stats

from ontmoeting.reports.analysis import RateRow, ScaleRow, TrendRow

#: Colours with at least 4.5:1 contrast on white (dark blue, dark orange).
PRE_COLOUR = "#1f4e79"
POST_COLOUR = "#a0410d"
#: Big enough to read when the report scales the image to its column (about 12 px on screen).
plt.rcParams.update({"font.size": 13, "svg.fonttype": "none"})


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _finite(*values: float) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def rates_chart(rates: list[RateRow]) -> str:
    """Online completion rate per wave with its Wilson interval."""
    shown = [r for r in rates if r.invited and _finite(r.online_rate.share)]
    if not shown:
        return ""
    figure, axis = plt.subplots(figsize=(6, 2.8))
    x = list(range(len(shown)))
    shares = [r.online_rate.share * 100 for r in shown]
    low = [(r.online_rate.share - r.online_rate.ci[0]) * 100 for r in shown]
    high = [(r.online_rate.ci[1] - r.online_rate.share) * 100 for r in shown]
    axis.bar(x, shares, color=PRE_COLOUR, width=0.5)
    axis.errorbar(x, shares, yerr=[low, high], fmt="none", ecolor="black", capsize=5)
    axis.set_xticks(x, [r.wave for r in shown])
    axis.set_ylim(0, 100)
    axis.set_ylabel(_("%(share)s completed online (95%% Wilson CI)") % {"share": "%"})
    axis.spines[["top", "right"]].set_visible(False)
    return _data_uri(figure)


def _mean_ci(mean: float, sd: float, n: int) -> float:
    if n < 2 or not _finite(mean, sd):
        return 0.0
    return float(stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n))


def prepost_chart(scales: list[ScaleRow]) -> str:
    """Pre and post means (paired respondents) per subscale with 95% t intervals."""
    shown = [s for s in scales if s.paired is not None and s.paired.n >= 2]
    if not shown:
        return ""
    figure, axis = plt.subplots(figsize=(6, 0.9 + 0.8 * len(shown)))
    for index, scale in enumerate(shown):
        p = scale.paired
        assert p is not None
        for offset, mean, sd, colour, marker in (
            (-0.12, p.mean_pre, p.sd_pre, PRE_COLOUR, "o"),
            (0.12, p.mean_post, p.sd_post, POST_COLOUR, "s"),
        ):
            axis.errorbar(
                mean,
                index + offset,
                xerr=_mean_ci(mean, sd, p.n),
                fmt=marker,
                color=colour,
                capsize=4,
            )
    axis.set_yticks(range(len(shown)), [s.label for s in shown])
    axis.invert_yaxis()
    axis.set_xlabel(_("mean scale score (95%% CI); circle = pre, square = post") % {})
    axis.spines[["top", "right"]].set_visible(False)
    return _data_uri(figure)


def trend_chart(rows: list[TrendRow]) -> str:
    """Mean change (post - pre) per edition and subscale with its 95% CI."""
    shown = [r for r in rows if r.trend.editions]
    if not shown:
        return ""
    figure, axis = plt.subplots(figsize=(6.5, 3.2))
    markers = ["o", "s", "^", "D", "v"]
    for index, row in enumerate(shown):
        editions = [e for e in row.change.editions if _finite(e.change.mean)]
        years = [e.year + (index - (len(shown) - 1) / 2) * 0.08 for e in editions]
        means = [e.change.mean for e in editions]
        low = [e.change.mean - e.change.ci[0] if _finite(e.change.ci[0]) else 0 for e in editions]
        high = [e.change.ci[1] - e.change.mean if _finite(e.change.ci[1]) else 0 for e in editions]
        axis.errorbar(
            years,
            means,
            yerr=[low, high],
            fmt=markers[index % len(markers)] + "-",
            capsize=3,
            label=row.label,
        )
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_xlabel(_("edition"))
    axis.set_ylabel(_("mean change post − pre (95%% CI)") % {})
    # one tick per edition, labelled with its year (never 2023.92 between two editions)
    years = sorted({e.year for row in shown for e in row.trend.editions})
    axis.set_xticks(years, [str(y) for y in years])
    if len(years) > 7:
        axis.tick_params(axis="x", labelrotation=45)
    axis.legend(fontsize=12, frameon=False)
    axis.spines[["top", "right"]].set_visible(False)
    return _data_uri(figure)
