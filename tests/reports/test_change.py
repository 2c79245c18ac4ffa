"""The report reads a change as post - pre: checked against numpy on the raw pairs, against the
statistics run with pre and post swapped, and against R's published sleep output."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from django.utils import translation
from scipy import stats

from ontmoeting.reports.change import Change, TrendChange, describe_change
from ontmoeting.reports.numbers import decimal
from ontmoeting.surveys.stats import change_trend, paired_analysis
from tests.surveys.test_stats import SLEEP_GROUP1, SLEEP_GROUP2

#: Six people's scale scores before and after: most rise, one falls, one stays.
PRE = [3.0, 2.5, 4.0, 3.2, 2.0, 3.5]
POST = [3.6, 3.0, 3.8, 3.9, 2.9, 3.5]


def test_change_is_post_minus_pre_as_numpy_computes_it():
    change = Change.from_paired(paired_analysis(PRE, POST))
    diff = np.subtract(POST, PRE)
    n = diff.size
    mean, sd = diff.mean(), diff.std(ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    assert change.mean == pytest.approx(mean)
    assert change.mean > 0  # a rise reads as a positive change
    assert change.sd == pytest.approx(sd)
    assert change.ci == pytest.approx((mean - half, mean + half))
    assert change.t == pytest.approx(mean / (sd / math.sqrt(n)))
    assert change.d_z == pytest.approx(mean / sd)
    s_av = math.sqrt((np.var(PRE, ddof=1) + np.var(POST, ddof=1)) / 2)
    assert change.d_av == pytest.approx(mean / s_av)
    assert (change.mean_pre, change.mean_post) == pytest.approx((np.mean(PRE), np.mean(POST)))
    # V: the sum of the ranks of the rises among the non-zero changes.
    nonzero = diff[diff != 0]
    ranks = stats.rankdata(np.abs(nonzero))
    assert change.wilcoxon_v == pytest.approx(ranks[nonzero > 0].sum())


def test_change_equals_the_statistics_run_with_pre_and_post_swapped():
    """Every signed number and interval, recomputed from scratch as post - pre (including the
    noncentral-t intervals of d_z and d_av), equals the negated and swapped pre - post one."""
    change = Change.from_paired(paired_analysis(PRE, POST))
    swapped = paired_analysis(POST, PRE)
    assert change.mean == pytest.approx(swapped.mean_diff)
    assert change.ci == pytest.approx(swapped.mean_diff_ci)
    assert change.t == pytest.approx(swapped.t)
    assert change.p == pytest.approx(swapped.p)
    assert change.d_z_ci == pytest.approx(swapped.d_z_ci, abs=1e-9)
    assert change.d_av_ci == pytest.approx(swapped.d_av_ci, abs=1e-9)
    assert change.wilcoxon_v == swapped.wilcoxon_w
    assert change.wilcoxon_p == pytest.approx(swapped.wilcoxon_p)


def test_sleep_read_as_a_rise_matches_r():
    """R: t.test(group1, group2, paired = TRUE) gives mean difference -1.58, 95% CI -2.4599 to
    -0.7001, and wilcox.test V = 0 over 9 non-zero differences; read from group 1 to group 2
    the change is +1.58 [0.7001; 2.4599] and V = 9 * 10 / 2 = 45."""
    change = Change.from_paired(paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2))
    assert change.mean == pytest.approx(1.58, abs=5e-5)
    assert change.ci == pytest.approx((0.7001, 2.4599), abs=5e-5)
    assert change.t == pytest.approx(4.0621, abs=5e-5)
    assert change.d_z == pytest.approx(1.2846, abs=5e-5)
    assert change.d_z_ci == pytest.approx((0.4146, 2.1180), abs=5e-5)
    assert change.wilcoxon_v == 45


def test_describe_change_in_words_and_in_each_language():
    rise = Change.from_paired(paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2))
    fall = Change.from_paired(paired_analysis(SLEEP_GROUP2, SLEEP_GROUP1))
    with translation.override("en"):
        assert describe_change(rise) == "the score rose by 1.58 (95% CI 0.70 to 2.46)"
        assert describe_change(fall) == "the score fell by 1.58 (95% CI -2.46 to -0.70)"
    for language in ("nl", "it"):  # decimal comma
        with translation.override(language):
            assert "1,58" in describe_change(rise)
            assert "0,70" in describe_change(rise)
            assert "2,46" in describe_change(rise)


def test_a_change_that_rounds_to_zero_stayed_the_same():
    pre = [3.0, 3.0, 4.0, 2.0]
    post = [3.002, 2.999, 4.001, 2.0]
    change = Change.from_paired(paired_analysis(pre, post))
    assert 0 < change.mean < 0.005
    assert change.direction() == "same"
    with translation.override("en"):
        assert describe_change(change).startswith("the score stayed the same (95% CI ")


def test_trend_slope_is_the_growth_of_the_post_minus_pre_change_per_year():
    rows = []
    rng = np.random.default_rng(7)
    for year, gain in ((2022, 0.1), (2023, 0.3), (2024, 0.4), (2025, 0.7)):
        for _person in range(8):
            pre = float(rng.integers(2, 5))
            rows.append({"year": year, "pre": pre, "post": pre + gain + rng.normal(0, 0.2)})
    frame = pd.DataFrame(rows)
    change = TrendChange.from_trend(change_trend(frame))
    slope, _intercept = np.polyfit(frame["year"], frame["post"] - frame["pre"], 1)
    assert change.slope == pytest.approx(slope)
    assert change.slope > 0  # the gain grows from year to year
    assert change.slope_ci[0] < change.slope < change.slope_ci[1]
    swapped = change_trend(frame.rename(columns={"pre": "post", "post": "pre"}))
    assert change.slope_ci == pytest.approx(swapped.slope_ci)
    by_year = {e.year: e.change.mean for e in change.editions}
    expected = (frame["post"] - frame["pre"]).groupby(frame["year"]).mean()
    assert by_year == pytest.approx(expected.to_dict())


def test_report_numbers_are_rounded_not_cut_and_use_the_decimal_comma():
    with translation.override("nl"):
        assert decimal(2.4598858) == "2,46"  # number_format alone would cut it to 2,45
        assert decimal(-0.7001142) == "-0,70"
        assert decimal(-0.001) == "0,00"
        assert decimal(0.12345, 3) == "0,123"
    with translation.override("en"):
        assert decimal(2.4598858) == "2.46"
