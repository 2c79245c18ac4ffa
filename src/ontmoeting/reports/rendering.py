"""The report as a page context, as HTML and as PDF (through the one PDF renderer)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ontmoeting.documents.pdf import render_pdf
from ontmoeting.editions.models import Edition
from ontmoeting.reports import charts
from ontmoeting.reports.analysis import (
    EditionReport,
    TrendsReport,
    edition_report,
    trends_report,
)


def edition_report_with_charts(edition: Edition) -> EditionReport:
    report = edition_report(edition)
    report.charts = {
        "rates": charts.rates_chart(report.rates),
        "prepost": charts.prepost_chart(report.scales),
    }
    return report


def trends_report_with_charts() -> TrendsReport:
    report = trends_report()
    report.charts = {"trend": charts.trend_chart(report.rows)}
    return report


def edition_context(edition: Edition) -> dict[str, Any]:
    report = edition_report_with_charts(edition)
    return {
        "report": report,
        "edition": edition,
        "title": _("Evaluation report %(year)s") % {"year": edition.year},
    }


def trends_context() -> dict[str, Any]:
    return {"report": trends_report_with_charts(), "title": _("Evaluation across the years")}


def edition_report_pdf(edition: Edition, *, language: str) -> bytes:
    with translation.override(language):
        context = edition_context(edition)
    return render_pdf("reports/edition_pdf.html", context, language=language)


def trends_report_pdf(*, language: str) -> bytes:
    with translation.override(language):
        context = trends_context()
    return render_pdf("reports/trends_pdf.html", context, language=language)
