"""The Hall witness, against Hall's theorem by brute force on small graphs: there is one exactly
when no matching serves every row, it is a real violator, and it cannot be made smaller by
leaving out a row."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.infeasibility import MAX_SHRINK, hall_witness, max_matching


@st.composite
def graphs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n_rows = draw(st.integers(0, 6))
    n_cols = draw(st.integers(0, 4))
    cells = draw(st.lists(st.booleans(), min_size=n_rows * n_cols, max_size=n_rows * n_cols))
    allowed = np.array(cells, dtype=bool).reshape(n_rows, n_cols)
    capacity = np.array(
        draw(st.lists(st.integers(0, 2), min_size=n_cols, max_size=n_cols)), dtype=np.int64
    )
    return allowed, capacity


def places(allowed: np.ndarray, capacity: np.ndarray, rows) -> int:
    """The capacity of the columns some row of ``rows`` may take."""
    cols = [c for c in range(allowed.shape[1]) if any(allowed[r, c] for r in rows)]
    return int(capacity[cols].sum())


def most_served(allowed: np.ndarray, capacity: np.ndarray) -> int:
    """The largest number of rows that can all be served, by trying every assignment."""
    n_rows, n_cols = allowed.shape
    best = 0
    for choice in itertools.product(range(-1, n_cols), repeat=n_rows):
        load = [0] * n_cols
        ok = True
        for r, c in enumerate(choice):
            if c >= 0:
                load[c] += 1
                ok = ok and bool(allowed[r, c]) and load[c] <= capacity[c]
        if ok:
            best = max(best, sum(c >= 0 for c in choice))
    return best


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_max_matching_serves_as_many_rows_as_possible(graph):
    allowed, capacity = graph
    row_to_col, _ = max_matching(allowed, capacity)
    served = [(r, int(c)) for r, c in enumerate(row_to_col) if c >= 0]
    assert all(allowed[r, c] for r, c in served)
    assert all(
        sum(1 for _, c in served if c == col) <= capacity[col] for col in range(len(capacity))
    )
    assert len(served) == most_served(allowed, capacity)


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_hall_witness_exists_exactly_when_someone_cannot_be_served(graph):
    allowed, capacity = graph
    n_rows = allowed.shape[0]
    witness = hall_witness(allowed, capacity)
    everyone = most_served(allowed, capacity) == n_rows
    # Hall's theorem: everyone can be served iff no set of rows has fewer places than rows
    no_violator = all(
        places(allowed, capacity, rows) >= len(rows)
        for k in range(1, n_rows + 1)
        for rows in itertools.combinations(range(n_rows), k)
    )
    assert everyone == no_violator == (witness is None)
    if witness is None:
        return
    rows = list(witness.rows)
    assert witness.capacity == places(allowed, capacity, rows) < len(rows)
    assert witness.deficiency == len(rows) - witness.capacity >= 1
    assert list(witness.columns) == [c for c in range(allowed.shape[1]) if allowed[rows, c].any()]
    # inclusion-minimal: without any one of its rows the set is no longer a violator
    for r in rows:
        rest = [x for x in rows if x != r]
        assert not rest or places(allowed, capacity, rest) >= len(rest)


def test_hall_witness_names_the_fewest_students_competing_for_one_place():
    # rows 0-2 may only take column 0 (one place); row 3 has its own column
    allowed = np.array([[1, 0], [1, 0], [1, 0], [1, 1]], dtype=bool)
    witness = hall_witness(allowed, np.array([1, 1]))
    assert witness is not None
    assert len(witness.rows) == 2  # two of them already show it
    assert set(witness.rows) < {0, 1, 2}
    assert (witness.columns, witness.capacity, witness.deficiency) == ((0,), 1, 1)


def test_hall_witness_of_a_very_large_set_is_not_shrunk():
    # everyone may take any of n - 1 places: the alternating search reaches all n rows, more
    # than are shrunk (the shrinking is quadratic), so all of them are named
    n = MAX_SHRINK + 2
    allowed = np.ones((n, n - 1), dtype=bool)
    witness = hall_witness(allowed, np.ones(n - 1, dtype=np.int64))
    assert witness is not None
    assert (len(witness.rows), witness.capacity) == (n, n - 1)
