"""The report's charts read at a glance: one tick per edition labelled with its year, axis
labels in the reader's language, text big enough when the image is scaled to its column."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.utils import translation
from PIL import Image

from ontmoeting.reports import charts
from ontmoeting.reports.analysis import RateRow, ScaleRow, TrendRow
from ontmoeting.surveys.stats import paired_analysis, wilson
from ontmoeting.surveys.stats.trends import change_trend


@pytest.fixture
def figures(monkeypatch):
    """The matplotlib figures the charts draw, kept instead of turned into PNGs."""
    kept = []
    monkeypatch.setattr(charts, "_data_uri", lambda figure: kept.append(figure) or "uri")
    return kept


def _trend() -> TrendRow:
    rows = []
    for year in range(2014, 2026):
        for person in range(6):
            rows.append({"year": year, "pre": 3 + person % 3, "post": 3.5 + person % 2})
    return TrendRow("attitude", "Houding", change_trend(pd.DataFrame(rows)))


def test_the_trend_has_one_tick_per_edition_labelled_with_the_year(figures):
    with translation.override("nl"):
        charts.trend_chart([_trend()])
    axis = figures[0].axes[0]
    labels = [t.get_text() for t in axis.get_xticklabels()]
    assert labels == [str(y) for y in range(2014, 2026)]
    assert axis.get_xlabel() == "editie"
    assert all(t.get_fontsize() >= 12 for t in axis.get_xticklabels())


def test_chart_labels_follow_the_language(figures):
    with translation.override("it"):
        charts.trend_chart([_trend()])
    assert figures[0].axes[0].get_xlabel() == "edizione"


def _trend_of(years: range) -> TrendRow:
    rows = [
        {"year": year, "pre": 3 + person % 3, "post": 3.5 + person % 2}
        for year in years
        for person in range(6)
    ]
    return TrendRow("critical", "Kritisch denken", change_trend(pd.DataFrame(rows)))


def _rates() -> list[RateRow]:
    return [
        RateRow("voormeting (voor de dag)", "pre", 100, 90, 85, 5, wilson(80, 100)),
        RateRow("nameting (na de nabesprekingsworkshop)", "post", 96, 80, 78, 9, wilson(69, 96)),
    ]


def _scales() -> list[ScaleRow]:
    pre = [3.0, 3.2, 3.6, 2.8, 3.4, 3.1, 3.3, 2.9]
    post = [3.4, 3.3, 3.9, 3.1, 3.6, 3.5, 3.4, 3.3]
    return [
        ScaleRow(code, label, 5, 3, None, None, paired_analysis(pre, post))
        for code, label in (("attitudes", "Houding tegenover cliënten"), ("critical", "Kritisch"))
    ]


@pytest.mark.parametrize("years", [range(2025, 2026), range(2014, 2026)])
def test_the_trend_ticks_are_the_years_as_integers_with_one_or_twelve_editions(figures, years):
    charts.trend_chart([_trend_of(years)])
    axis = figures[0].axes[0]
    assert list(axis.get_xticks()) == list(years)
    assert [t.get_text() for t in axis.get_xticklabels()] == [str(y) for y in years]
    low, high = axis.get_xlim()
    assert low == years[0] - 0.5
    assert high == years[-1] + 0.5


def _texts(figure) -> list:
    """Every text of a chart a reader must read: ticks, axis labels, legend entries."""
    axis = figure.axes[0]
    texts = [*axis.get_xticklabels(), *axis.get_yticklabels(), axis.xaxis.label, axis.yaxis.label]
    for legend in figure.legends:
        texts.extend(legend.get_texts())
    return [t for t in texts if t.get_text()]


@pytest.mark.parametrize(
    ("name", "draw"),
    [
        ("trend", lambda: charts.trend_chart([_trend_of(range(2014, 2026))])),
        ("rates", lambda: charts.rates_chart(_rates())),
        ("prepost", lambda: charts.prepost_chart(_scales())),
    ],
)
def test_chart_text_is_at_least_12_points_where_the_report_shows_it(figures, name, draw):
    """The PNG is shown ``DISPLAY_WIDTH`` CSS pixels wide: a text's size there, in CSS points
    (96 px per inch), is its size in the figure scaled by display width / PNG width."""
    draw()
    figure = figures[0]
    width, _height = Image.open(io.BytesIO(charts._png(figure))).size
    scale = charts.DISPLAY_WIDTH[name] / width
    texts = _texts(figure)
    assert texts
    for text in texts:
        shown_px = text.get_fontsize() / 72 * charts.DPI * scale
        assert shown_px * 72 / 96 >= 12, (text.get_text(), shown_px)


def test_chart_labels_are_in_the_readers_language(figures):
    for language in ("nl", "en"):
        with translation.override(language):
            charts.trend_chart([_trend_of(range(2014, 2026))])
            charts.rates_chart(_rates())
            charts.prepost_chart(_scales())
    nl_trend, nl_rates, nl_prepost, en_trend, en_rates, en_prepost = figures
    for nl, en in ((nl_trend, en_trend), (nl_rates, en_rates)):
        assert nl.axes[0].get_xlabel() != en.axes[0].get_xlabel()
    assert nl_trend.axes[0].get_ylabel() != en_trend.axes[0].get_ylabel()
    assert [t.get_text() for t in nl_prepost.legends[0].get_texts()] == [
        "voormeting (voor de dag)",
        "nameting (na de nabesprekingsworkshop)",
    ]
    assert [t.get_text() for t in en_prepost.legends[0].get_texts()] == [
        "pre (before the day)",
        "post (after the debriefing workshop)",
    ]
