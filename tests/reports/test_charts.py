"""The report's charts read at a glance: one tick per edition labelled with its year, axis
labels in the reader's language, text big enough when the image is scaled to its column."""

from __future__ import annotations

import pandas as pd
import pytest
from django.utils import translation

from ontmoeting.reports import charts
from ontmoeting.reports.analysis import TrendRow
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
