"""The evaluation report: its numbers, its HTML and its PDF."""

from __future__ import annotations

import io
import math
import re

import pytest
from django.utils import translation
from pypdf import PdfReader
from scipy import stats

from ontmoeting.reports.analysis import edition_report, trends_report
from ontmoeting.reports.rendering import (
    edition_context,
    edition_report_pdf,
    trends_report_pdf,
)
from ontmoeting.reports.templatetags.report_tags import ci, num
from ontmoeting.surveys.exports.dataset import build_dataset
from ontmoeting.surveys.stats import cronbach_alpha, paired_analysis, wilson
from tests.reports.survey_data import make_survey_edition

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    """The PDF's text with runs of whitespace (line breaks in table cells) made one space."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_edition_report_numbers_equal_the_statistics_on_the_export():
    data = make_survey_edition(n_students=10, n_answering=8)
    report = edition_report(data.edition)
    frame = build_dataset(data.edition).frame
    attitudes = next(s for s in report.scales if s.code == "attitudes")
    expected = paired_analysis(frame["pre_attitudes"], frame["post_attitudes"])
    assert attitudes.paired is not None
    assert attitudes.paired.n == 8
    assert attitudes.paired.t == pytest.approx(expected.t)
    assert attitudes.paired.d_av == pytest.approx(expected.d_av)
    assert [(r.kind, r.invited, r.completed) for r in report.rates] == [
        ("pre", 10, 8),
        ("post", 10, 8),
    ]
    assert report.rates[0].online_rate.ci == pytest.approx(wilson(8, 10).ci)
    assert report.pairs is not None
    assert report.pairs.total == 8


def test_alpha_in_the_report_uses_reverse_keyed_items():
    data = make_survey_edition(n_students=10)
    report = edition_report(data.edition)
    instrument = data.pre.instrument
    frame = build_dataset(data.edition).frame
    for scale in report.scales:
        items = [i for i in instrument.items.all() if i.subscale and i.subscale.code == scale.code]
        keyed = {i.code: frame[f"pre_{i.code}"].map(i.keyed) for i in items}
        import pandas as pd

        assert scale.alpha_pre is not None
        assert scale.alpha_pre.alpha == pytest.approx(cronbach_alpha(pd.DataFrame(keyed)).alpha)


def test_subgroups_below_five_are_suppressed_in_the_report():
    covariates = [{"expert_experience": "veteran"}] * 6 + [{"expert_experience": "newcomer"}] * 3
    data = make_survey_edition(n_students=9, covariates=covariates)
    report = edition_report(data.edition)
    table = next(
        t
        for t in report.subgroups
        if t.variable == "expert_experience" and t.scale_code == "attitudes"
    )
    assert [(r.label, r.n, r.suppressed) for r in table.rows] == [
        ("nieuwkomer", 3, True),
        ("veteraan", 6, False),
    ]


def test_edition_html_contains_the_numbers(client, make_staff):
    data = make_survey_edition(n_students=10, n_answering=8)
    client.force_login(make_staff("researcher"))
    report = edition_context(data.edition)["report"]
    response = client.get("/reports/2026/")
    html = response.content.decode()
    assert response.status_code == 200
    attitudes = next(s for s in report.scales if s.code == "attitudes").change
    assert f"t({attitudes.df}) = {num(attitudes.t)}" in html
    assert f"{num(attitudes.d_z)} {ci(attitudes.d_z_ci)}" in html
    assert "80,0 %" in html  # 8 of 10 completed
    assert "[49,0 %; 94,3 %]" in html  # Wilson 8/10
    assert 'src="data:image/png;base64,' in html
    assert "style=" not in html
    assert "<script>" not in html


def test_edition_pdf_contains_the_numbers():
    data = make_survey_edition(n_students=10, n_answering=8)
    report = edition_report(data.edition)
    text = _pdf_text(edition_report_pdf(data.edition, language="nl"))
    attitudes = next(s for s in report.scales if s.code == "attitudes").change
    assert attitudes is not None
    assert "Evaluatierapport 2026" in text
    assert f"t({attitudes.df}) = {num(attitudes.t)}" in text
    assert f"{num(attitudes.mean)} {ci(attitudes.ci)}" in text
    assert "[49,0 %; 94,3 %]" in text


def test_trends_across_editions():
    make_survey_edition(2024, n_students=6, shift=0.2, seed=3)
    make_survey_edition(2025, n_students=6, shift=0.6, seed=4)
    make_survey_edition(2026, n_students=6, shift=1.0, seed=5)
    report = trends_report()
    assert report.years == [2024, 2025, 2026]
    attitudes = next(r for r in report.rows if r.code == "attitudes")
    assert [e.year for e in attitudes.trend.editions] == [2024, 2025, 2026]
    assert attitudes.trend.n == 18
    text = _pdf_text(trends_report_pdf(language="nl"))
    assert "Evaluatie over de jaren heen" in text
    assert "2025" in text


def _cell(html: str, testid: str) -> str:
    """The text of the element with ``data-testid`` (tags stripped, whitespace made one)."""
    match = re.search(rf'data-testid="{re.escape(testid)}"[^>]*>(.*?)</(td|li|p)>', html, re.S)
    assert match is not None, testid
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_the_report_shows_change_as_post_minus_pre(client, make_staff):
    """Mean change, its interval, t, d_z, d_av and V in the post - pre direction, against numpy
    on the exported pairs; the convention is stated once; in words per subscale."""
    data = make_survey_edition(n_students=10, n_answering=8, shift=1.0)
    frame = build_dataset(data.edition).frame
    client.force_login(make_staff("researcher"))
    html = client.get("/reports/2026/").content.decode()
    for code in ("attitudes", "critical", "positioning"):
        pairs = frame[[f"pre_{code}", f"post_{code}"]].dropna()
        diff = (pairs[f"post_{code}"] - pairs[f"pre_{code}"]).to_numpy()
        n = diff.size
        half = stats.t.ppf(0.975, n - 1) * diff.std(ddof=1) / math.sqrt(n)
        mean = diff.mean()
        with translation.override("nl"):
            assert _cell(html, f"change-{code}") == (
                f"{num(mean)} [{num(mean - half)}; {num(mean + half)}]"
            )
            assert _cell(html, f"d_z-{code}").startswith(num(mean / diff.std(ddof=1)) + " [")
            # "<label>: the score rose by 0,15 (95% CI -0,06 to 0,36)", in whatever words
            numbers = re.findall(r"-?\d+,\d+", _cell(html, f"words-{code}"))
            assert numbers == [num(abs(mean)), num(mean - half), num(mean + half)]
        stat = paired_analysis(pairs[f"post_{code}"], pairs[f"pre_{code}"])  # post - pre
        assert _cell(html, f"t-{code}").startswith(f"t({n - 1}) = {num(stat.t)}")
        assert _cell(html, f"wilcoxon-{code}").startswith(f"V = {num(stat.wilcoxon_w, 1)}")
    assert html.count('data-testid="sign-convention"') == 1
    assert "ontmoeting analyse paired" in _cell(html, "sign-convention")


def test_a_planted_rise_reads_as_a_positive_change_and_a_fall_as_negative():
    rise = make_survey_edition(2025, n_students=8, shift=1.5, seed=2)
    fall = make_survey_edition(2026, n_students=8, shift=-1.5, seed=2)
    for data, sign in ((rise, 1), (fall, -1)):
        frame = build_dataset(data.edition).frame
        for scale in edition_report(data.edition).scales:
            assert scale.change is not None
            diff = frame[f"post_{scale.code}"] - frame[f"pre_{scale.code}"]
            assert scale.change.mean == pytest.approx(diff.mean())
            assert scale.paired is not None
            assert scale.paired.mean_diff == pytest.approx(-diff.mean())  # the stats keep R's
        attitudes = next(s for s in edition_report(data.edition).scales if s.code == "attitudes")
        assert attitudes.change is not None
        assert math.copysign(1, attitudes.change.mean) == sign
        assert attitudes.change.direction() == ("rise" if sign > 0 else "fall")


def test_subgroup_changes_are_post_minus_pre(client, make_staff):
    covariates = [{"expert_experience": "veteran"}] * 6 + [{"expert_experience": "newcomer"}] * 3
    data = make_survey_edition(n_students=9, covariates=covariates, shift=1.0)
    frame = build_dataset(data.edition).frame
    veterans = frame[frame["expert_experience"] == "veteran"]
    diff = (veterans["post_critical"] - veterans["pre_critical"]).dropna().to_numpy()
    half = stats.t.ppf(0.975, diff.size - 1) * diff.std(ddof=1) / math.sqrt(diff.size)
    client.force_login(make_staff("researcher"))
    html = client.get("/reports/2026/").content.decode()
    # rows sorted by label: nieuwkomer (suppressed), veteraan
    expected = f"{num(diff.mean())} [{num(diff.mean() - half)}; {num(diff.mean() + half)}]"
    assert _cell(html, "change-expert_experience-critical-2") == expected
