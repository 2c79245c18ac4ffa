"""Golden values for the statistics, each from published output, equal to 4 decimals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ontmoeting.surveys.stats import (
    change_trend,
    cronbach_alpha,
    feldt_interval,
    paired_analysis,
    paired_by_group,
    wilson,
)
from ontmoeting.surveys.stats.paired import (
    WILCOXON_APPROX,
    WILCOXON_EXACT,
    noncentral_t_interval,
)
from ontmoeting.surveys.stats.reliability import reverse_keyed

#: R's ``sleep`` data set: extra hours of sleep of the same 10 people on drug 1 and drug 2.
SLEEP_GROUP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_GROUP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

#: Denis, D. J. (2016). *Applied Univariate, Bivariate, and Multivariate Statistics*. Wiley,
#: ch. 15 (reliability), five items scored by ten people; SPSS RELIABILITY prints
#: "Cronbach's Alpha .633" and item SDs 2.71006, 5.05085, 4.74810, 2.71621, 3.80058.
DENIS_ITEMS = np.array(
    [
        [10, 12, 15, 11, 12],
        [12, 18, 12, 12, 1],
        [8, 16, 14, 14, 4],
        [6, 8, 16, 8, 6],
        [4, 7, 8, 7, 5],
        [6, 6, 3, 7, 3],
        [3, 4, 6, 5, 8],
        [7, 3, 7, 9, 9],
        [8, 9, 4, 10, 10],
        [9, 5, 6, 11, 12],
    ]
)


def test_paired_sleep_matches_r_t_test():
    """R: ``t.test(extra ~ group, data = sleep, paired = TRUE)`` (R ≥ 4.0 via the wide form):
    t = -4.0621, df = 9, p-value = 0.002833, mean difference -1.58, 95% CI -2.4598858 -0.7001142.
    Differences are group1 - group2 (pre - post)."""
    result = paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2)
    assert result.n == 10
    assert result.df == 9
    assert result.mean_diff == pytest.approx(-1.58, abs=5e-5)
    assert result.t == pytest.approx(-4.0621, abs=5e-5)
    assert result.p == pytest.approx(0.002833, abs=5e-7)
    assert result.mean_diff_ci == pytest.approx((-2.4599, -0.7001), abs=5e-5)


def test_paired_sleep_matches_r_wilcoxon():
    """R: ``wilcox.test(group1, group2, paired = TRUE)`` prints "V = 0, p-value = 0.009091"
    with the warnings "cannot compute exact p-value with ties / with zeroes": one zero
    difference (dropped) and ties, so the normal approximation with continuity correction."""
    result = paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2)
    assert result.wilcoxon_w == 0
    assert result.wilcoxon_p == pytest.approx(0.009091, abs=5e-7)
    assert result.wilcoxon_method == WILCOXON_APPROX


def test_wilcoxon_without_ties_or_zeros_is_exact_like_r():
    """R: ``wilcox.test(c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
    c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29), paired = TRUE)``
    (Hollander & Wolfe 1973, p. 29; the example of R's ?wilcox.test) gives V = 40,
    p-value = 0.03906."""
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    result = paired_analysis(x, y)
    assert result.wilcoxon_method == WILCOXON_EXACT
    assert result.wilcoxon_w == 40
    assert result.wilcoxon_p == pytest.approx(0.03906, abs=5e-6)


def test_d_z_is_mean_difference_over_sd_of_differences():
    result = paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2)
    diff = np.subtract(SLEEP_GROUP1, SLEEP_GROUP2)
    assert result.d_z == pytest.approx(diff.mean() / diff.std(ddof=1), abs=5e-5)
    assert result.d_z == pytest.approx(-1.2846, abs=5e-5)
    assert result.d_z == pytest.approx(result.t / math.sqrt(result.n), abs=1e-12)


def test_d_z_interval_inverts_the_noncentral_t():
    """The bounds λ/√n are the noncentrality parameters that put the observed t at the
    97.5th and 2.5th percentiles of the noncentral t (df = 9)."""
    result = paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2)
    low, high = result.d_z_ci
    root_n = math.sqrt(result.n)
    assert stats.nct.cdf(result.t, 9, low * root_n) == pytest.approx(0.975, abs=1e-9)
    assert stats.nct.cdf(result.t, 9, high * root_n) == pytest.approx(0.025, abs=1e-9)
    assert result.d_z_ci == pytest.approx((-2.1180, -0.4146), abs=5e-5)


def test_noncentral_interval_at_t_zero_is_symmetric_and_near_normal_for_large_df():
    low, high = noncentral_t_interval(0.0, 10_000)
    assert low == pytest.approx(-high, abs=1e-9)
    assert high == pytest.approx(stats.norm.ppf(0.975), abs=1e-3)


def test_d_av_uses_root_mean_square_sd_and_its_interval_contains_it():
    result = paired_analysis(SLEEP_GROUP1, SLEEP_GROUP2)
    s_av = math.sqrt((np.var(SLEEP_GROUP1, ddof=1) + np.var(SLEEP_GROUP2, ddof=1)) / 2)
    assert result.d_av == pytest.approx(-1.58 / s_av, abs=1e-12)
    assert result.d_av_ci[0] < result.d_av < result.d_av_ci[1]
    # Algina-Keselman: d_av*sqrt(n/(2(1-r))) has the same noncentral-t interval as d_z's t.
    scale = math.sqrt(result.n / (2 * (1 - result.r)))
    low, high = noncentral_t_interval(result.d_av * scale, result.df)
    assert result.d_av_ci == pytest.approx((low / scale, high / scale), abs=1e-12)


def test_paired_drops_rows_with_a_missing_value():
    result = paired_analysis([1, 2, None, 4, 5, float("nan")], [2, 3, 4, None, 7, 1])
    assert (result.n, result.n_dropped) == (3, 3)
    assert result.mean_diff == pytest.approx(-4 / 3)


def test_paired_with_one_pair_returns_nan_not_an_error():
    result = paired_analysis([1], [2])
    assert result.n == 1
    assert math.isnan(result.t)


def test_alpha_matches_denis_spss_output_and_hand_computation():
    """Denis (2016), SPSS: Cronbach's Alpha = .633 (three decimals printed).

    By hand from the covariance matrix (sample variances, ddof = 1):
    item variances 661/90 + 1148/45 + 2029/90 + 332/45 + 130/9 = 695/9 = 77.2222;
    totals 60, 55, 56, 44, 31, 25, 26, 35, 41, 43 have variance 7042/45 = 156.4889;
    alpha = 5/4 * (1 - (695/9)/(7042/45)) = 17835/28168 = 0.63317 -> 0.6332 (SPSS: .633).
    """
    result = cronbach_alpha(DENIS_ITEMS)
    assert round(result.alpha, 3) == 0.633
    assert result.alpha == pytest.approx(17835 / 28168, abs=5e-5)
    assert result.alpha == pytest.approx(0.6332, abs=5e-5)
    assert DENIS_ITEMS.std(axis=0, ddof=1) == pytest.approx(
        [2.71006, 5.05085, 4.74810, 2.71621, 3.80058], abs=5e-6
    )
    assert (result.n, result.k) == (10, 5)


def test_alpha_if_item_deleted_is_alpha_of_the_other_items():
    result = cronbach_alpha(pd.DataFrame(DENIS_ITEMS, columns=list("abcde")))
    assert list(result.if_deleted) == ["a", "b", "c", "d", "e"]
    assert result.if_deleted["e"] == pytest.approx(
        cronbach_alpha(DENIS_ITEMS[:, :4]).alpha, abs=1e-12
    )
    # Item 5 correlates negatively with the others: dropping it raises alpha to 0.8238.
    assert result.if_deleted["e"] == pytest.approx(0.8238, abs=5e-5)


def test_feldt_interval_follows_the_documented_formula():
    """Feldt, Woodruff & Salih (1987), formulas 6-7 (also R's ``cocron::cronbach.alpha.CI``):
    L = 1 - (1 - alpha)*F(0.975; n - 1, (n - 1)(k - 1)), U = 1 - (1 - alpha)*F(0.025; ...).
    The F quantiles are computed here through the beta distribution, independently of
    ``scipy.stats.f``: F_p(d1, d2) = (d2/d1)*B/(1 - B) with B = beta.ppf(p, d1/2, d2/2)."""
    alpha, n, k = 0.6331652939505822, 10, 5
    d1, d2 = n - 1, (n - 1) * (k - 1)

    def f_quantile(p):
        b = stats.beta.ppf(p, d1 / 2, d2 / 2)
        return d2 / d1 * b / (1 - b)

    expected = (1 - (1 - alpha) * f_quantile(0.975), 1 - (1 - alpha) * f_quantile(0.025))
    assert feldt_interval(alpha, n=n, k=k) == pytest.approx(expected, abs=1e-10)
    assert cronbach_alpha(DENIS_ITEMS).ci == pytest.approx((0.0858, 0.8959), abs=5e-5)


def test_alpha_uses_complete_rows_only():
    items = pd.DataFrame({"a": [1, 2, 3, 4, None], "b": [2, 3, 3, 5, 1]})
    result = cronbach_alpha(items)
    assert result.n == 4
    assert result.alpha == pytest.approx(cronbach_alpha(items.dropna()).alpha)


def test_wilson_interval_eight_of_ten():
    """Wilson (1927) score interval for 8/10 at 95%: [0.4902, 0.9433], as printed by R's
    ``prop.test(8, 10, correct = FALSE)$conf.int`` (0.4901625 0.9433178)."""
    proportion = wilson(8, 10)
    assert proportion.share == 0.8
    assert proportion.ci == pytest.approx((0.4902, 0.9433), abs=5e-5)


def test_wilson_of_nothing_is_nan_and_bad_counts_are_refused():
    assert math.isnan(wilson(0, 0).share)
    with pytest.raises(ValueError, match="count"):
        wilson(3, 2)


def test_subgroups_below_five_pairs_are_suppressed():
    frame = pd.DataFrame(
        {
            "pre": [1, 2, 3, 4, 5, 2, 3, 1],
            "post": [2, 4, 3, 6, 6, 3, 5, 2],
            "domain": ["a", "a", "a", "a", "a", "b", "b", None],
        }
    )
    rows = paired_by_group(frame, pre="pre", post="post", group="domain")
    assert [(r.label, r.n, r.suppressed) for r in rows] == [("a", 5, False), ("b", 2, True)]
    assert rows[0].result is not None
    assert rows[0].result.mean_diff == pytest.approx(-1.2)
    assert rows[1].result is None


def test_trend_slope_recovers_a_known_linear_change():
    """Every person's difference is exactly 0.5*(year - 2014) - 1, so OLS finds slope 0.5."""
    rows = []
    for year in range(2014, 2019):
        for pre in (1.0, 2.0, 3.0, 4.0):
            rows.append({"year": year, "pre": pre, "post": pre - (0.5 * (year - 2014) - 1)})
    trend = change_trend(pd.DataFrame(rows))
    assert [e.year for e in trend.editions] == [2014, 2015, 2016, 2017, 2018]
    assert trend.editions[0].result.mean_diff == pytest.approx(-1.0)
    assert trend.slope == pytest.approx(0.5)
    assert trend.slope_ci == pytest.approx((0.5, 0.5), abs=1e-9)


def test_trend_slope_matches_a_textbook_regression():
    """OLS of y on x for x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, SE 0.2828 (hand computation:
    Sxx = 10, SSE = 2.4, s² = 0.8, SE = √(0.8/10)); 95% CI 0.6 ± 3.1824·0.2828."""
    frame = pd.DataFrame({"year": [1, 2, 3, 4, 5], "pre": [2, 4, 5, 4, 5], "post": [0] * 5})
    trend = change_trend(frame)
    half = stats.t.ppf(0.975, 3) * math.sqrt(0.08)
    assert trend.slope == pytest.approx(0.6)
    assert trend.slope_ci == pytest.approx((0.6 - half, 0.6 + half), abs=5e-5)


def test_trend_with_one_edition_has_no_slope():
    frame = pd.DataFrame({"year": [2020] * 3, "pre": [1, 2, 3], "post": [2, 3, 5]})
    trend = change_trend(frame)
    assert len(trend.editions) == 1
    assert math.isnan(trend.slope)


def test_alpha_with_reversed_items_equals_alpha_on_spss_recoded_data():
    """Denis's items with q5 treated as worded the other way round on a 1-20 scale: alpha on
    the columns recoded by hand (COMPUTE q5r = 21 - q5) equals alpha with ``reverse``."""
    frame = pd.DataFrame(DENIS_ITEMS, columns=["q1", "q2", "q3", "q4", "q5"])
    result = cronbach_alpha(frame, reverse=["q5"], scale=(1, 20))
    expected = cronbach_alpha(frame.assign(q5=21 - frame["q5"]))
    assert result.alpha == pytest.approx(expected.alpha, abs=1e-12)
    assert result.if_deleted == pytest.approx(expected.if_deleted)
    assert result.reversed_items == ("q5",)
    assert result.as_dict()["scale"] == [1, 20]
    assert cronbach_alpha(frame).as_dict()["reversed_items"] == []


def test_reverse_keying_refuses_a_missing_scale_or_an_answer_outside_it():
    frame = pd.DataFrame({"a": [1, 2, 5], "b": [2, 3, 4]})
    with pytest.raises(ValueError, match="scale"):
        cronbach_alpha(frame, reverse=["a"])
    with pytest.raises(ValueError, match="outside"):
        reverse_keyed(frame, ["a"], scale=(1, 4))
    with pytest.raises(ValueError, match="no such column"):
        reverse_keyed(frame, ["c"], scale=(1, 5))
    keyed = reverse_keyed(frame.assign(a=[1, None, 5]), ["a"], scale=(1, 5))
    assert keyed["a"].tolist()[::2] == [5, 1]
    assert math.isnan(keyed["a"].iloc[1])
