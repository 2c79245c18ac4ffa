"""Charts of the report: matplotlib (Agg backend) rendered to PNG data URIs.

A data URI works in the web page (the CSP allows ``img-src data:``) and in WeasyPrint's PDF
alike. Every chart has a table with the same numbers next to it in the report (its text
alternative).

Sizes: a figure is laid out at 96 pixels per inch (the CSS inch) as wide as the report shows it
(``DISPLAY_WIDTH``, the ``width`` of its ``<img>``), so a point in the figure is a point on the
page: tick labels and axis labels are ``TEXT_PT`` (12 pt) there. It is saved at twice that
resolution for sharp screens and print. Every label is a message of the catalogues (or data in
the reader's language, e.g. a subscale's label). Figures are made without pyplot, whose global
state is not safe in a threaded web server.
"""

from __future__ import annotations

import base64
import io
import math
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from scipy import stats

from ontmoeting.reports.analysis import RateRow, ScaleRow, TrendRow
from ontmoeting.surveys.enums import WaveKind

#: Colours with at least 4.5:1 contrast on white (dark blue, dark orange).
PRE_COLOUR = "#1f4e79"
POST_COLOUR = "#a0410d"
#: The width (CSS pixels) the report templates give each chart's image.
DISPLAY_WIDTH = {"rates": 560, "prepost": 560, "trend": 600}
CSS_DPI = 96
DPI = 2 * CSS_DPI
#: Text size on the page (points) of tick labels, axis labels and legends.
TEXT_PT = 12
#: Characters per line of a long tick label (a wave's name) before it wraps.
WRAP = 22
matplotlib.rcParams.update({"font.size": TEXT_PT, "svg.fonttype": "none"})


def _figure(chart: str, height: float) -> tuple[Figure, Axes]:
    """A figure as wide as the report shows ``chart``, ``height`` inches high, with one axes."""
    figure = Figure(figsize=(DISPLAY_WIDTH[chart] / CSS_DPI, height), layout="constrained")
    return figure, figure.subplots()


def _style(axis: Axes) -> None:
    """Readable text (``TEXT_PT`` on the page, long axis labels on two lines) and no box
    around the plot."""
    axis.tick_params(labelsize=TEXT_PT)
    for label, width in ((axis.xaxis.label, 60), (axis.yaxis.label, 24)):
        label.set_text(textwrap.fill(label.get_text(), width, break_long_words=False))
        label.set_fontsize(TEXT_PT)
    axis.spines[["top", "right"]].set_visible(False)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)  # constrained layout: nothing to crop
    return buffer.getvalue()


def _data_uri(figure: Figure) -> str:
    return "data:image/png;base64," + base64.b64encode(_png(figure)).decode("ascii")


def _finite(*values: float) -> bool:
    return all(v is not None and math.isfinite(v) for v in values)


def _wrapped(labels: Sequence[str]) -> list[str]:
    return [textwrap.fill(label, WRAP, break_long_words=False) for label in labels]


def rates_chart(rates: list[RateRow]) -> str:
    """Online completion rate per wave with its Wilson interval (horizontal bars: a wave's name
    is long in every language)."""
    shown = [r for r in rates if r.invited and _finite(r.online_rate.share)]
    if not shown:
        return ""
    figure, axis = _figure("rates", 1.4 + 0.7 * len(shown))
    y = list(range(len(shown)))
    shares = [r.online_rate.share * 100 for r in shown]
    low = [(r.online_rate.share - r.online_rate.ci[0]) * 100 for r in shown]
    high = [(r.online_rate.ci[1] - r.online_rate.share) * 100 for r in shown]
    axis.barh(y, shares, color=PRE_COLOUR, height=0.5)
    axis.errorbar(shares, y, xerr=[low, high], fmt="none", ecolor="black", capsize=5)
    axis.set_yticks(y, _wrapped([r.wave for r in shown]))
    axis.invert_yaxis()
    axis.set_xlim(0, 100)
    axis.set_xlabel(_("%(share)s completed online (95%% Wilson CI)") % {"share": "%"})
    _style(axis)
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
    figure, axis = _figure("prepost", 1.6 + 0.8 * len(shown))
    for index, scale in enumerate(shown):
        p = scale.paired
        assert p is not None
        for offset, mean, sd, colour, marker, label in (
            (-0.12, p.mean_pre, p.sd_pre, PRE_COLOUR, "o", WaveKind.PRE.label),
            (0.12, p.mean_post, p.sd_post, POST_COLOUR, "s", WaveKind.POST.label),
        ):
            axis.errorbar(
                mean,
                index + offset,
                xerr=_mean_ci(mean, sd, p.n),
                fmt=marker,
                color=colour,
                capsize=4,
                label=str(label) if index == 0 else None,
            )
    axis.set_yticks(range(len(shown)), _wrapped([s.label for s in shown]))
    axis.invert_yaxis()
    axis.set_xlabel(_("mean scale score (95%% CI)") % {})
    _style(axis)
    figure.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=TEXT_PT)
    return _data_uri(figure)


def trend_chart(rows: list[TrendRow]) -> str:
    """Mean change (post - pre) per edition and subscale with its 95% CI."""
    shown = [r for r in rows if r.trend.editions]
    if not shown:
        return ""
    figure, axis = _figure("trend", 4.0)
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
    axis.set_xlim(years[0] - 0.5, years[-1] + 0.5)  # one edition: its year in the middle
    if len(years) > 7:  # slanted, ending under their tick (none runs past the right edge)
        for label in axis.get_xticklabels():
            label.set(rotation=45, horizontalalignment="right", rotation_mode="anchor")
    _style(axis)
    figure.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=TEXT_PT)
    return _data_uri(figure)
