"""The pure counting of choice items: valid n per row, combinations, half-up rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ontmoeting.surveys.stats.multiple_response import (
    Proportion,
    combinations,
    double_rounded,
    forced_choice,
    round_half_up,
    single_choice,
)


def test_a_blank_row_leaves_that_rows_n_and_the_items_valid_n():
    table = forced_choice({"a": [True, None, False, True], "b": [True, False, False, None]})
    rows = {r.code: (r.proportion.k, r.proportion.n) for r in table.rows}
    assert rows == {"a": (2, 3), "b": (1, 3)}
    assert (table.respondents, table.valid_n) == (4, 2)


def test_percentages_round_half_up_on_the_decimal_value():
    assert Proportion(4, 89).percent == Decimal("4.5")  # 4.494… not 4.4
    assert Proportion(41, 84).percent == Decimal("48.8")
    assert Proportion(1, 8).percent == Decimal("12.5")
    assert round_half_up(0.25) == Decimal("0.3")  # float 0.25 is exact; half up, not even
    assert double_rounded(Decimal("4.5")) == 5
    assert Proportion(0, 0).percent is None


def test_combinations_are_rows_of_their_own_over_those_who_answered():
    order = ["volunteer", "paid", "self", "none"]
    table = combinations([["volunteer"], ["paid", "volunteer"], None, ["paid"], []], order)
    rows = {r.code: (r.proportion.k, r.proportion.n) for r in table.rows}
    assert rows == {
        "volunteer": (1, 3),
        "paid": (1, 3),
        "self": (0, 3),
        "none": (0, 3),
        "volunteer+paid": (1, 3),
    }
    assert (table.respondents, table.valid_n) == (5, 3)


def test_single_choice_refuses_answers_outside_the_options():
    with pytest.raises(ValueError, match="outside"):
        single_choice(["x"], ["a", "b"])


@given(st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=60))
def test_a_row_counts_each_answer_once(answers):
    row = forced_choice({"r": answers}).rows[0].proportion
    assert row.n == sum(a is not None for a in answers)
    assert row.k == sum(a is True for a in answers)
    if row.n:
        assert abs(float(row.percent) - 100 * row.k / row.n) <= 0.05 + 1e-9
