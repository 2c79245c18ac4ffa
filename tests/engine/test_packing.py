"""The first grouping that meets the counts: it exists exactly when some grouping of the units
meets the sizes, the step-free slots and a chair per group (brute force on small cases), and
what it returns meets them, with the locked units where they were locked."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.packing import pack_units


@st.composite
def cases(draw: st.DrawFn) -> dict:
    m = draw(st.integers(1, 6))
    n_groups = draw(st.integers(1, 3))
    unit = st.tuples(st.integers(1, 3), st.booleans(), st.booleans(), st.booleans())
    units = draw(st.lists(unit, min_size=m, max_size=m))
    bounds = [
        sorted(draw(st.lists(st.integers(0, 7), min_size=2, max_size=2))) for _ in range(n_groups)
    ]
    return {
        "sizes": np.array([u[0] for u in units], dtype=np.int64),
        "step_free": np.array([u[1] for u in units], dtype=bool),
        "chair": np.array([u[2] for u in units], dtype=bool),
        "locked": np.array([u[3] for u in units], dtype=bool),
        "start": np.array(
            draw(st.lists(st.integers(0, n_groups - 1), min_size=m, max_size=m)), dtype=np.int64
        ),
        "lo": np.array([b[0] for b in bounds], dtype=np.int64),
        "hi": np.array([b[1] for b in bounds], dtype=np.int64),
        "slot_step_free": draw(st.lists(st.booleans(), min_size=n_groups, max_size=n_groups)),
    }


def meets_the_counts(case: dict, p: np.ndarray) -> bool:
    n_groups = case["lo"].size
    for g in range(n_groups):
        here = p == g
        size = int(case["sizes"][here].sum())
        if not case["lo"][g] <= size <= case["hi"][g]:
            return False
        if not case["chair"][here].any():
            return False
        if case["step_free"][here].any() and not case["slot_step_free"][g]:
            return False
    locked = case["locked"]
    return bool(np.array_equal(p[locked], case["start"][locked]))


def some_grouping_meets_the_counts(case: dict) -> bool:
    m, n_groups = case["sizes"].size, case["lo"].size
    return any(
        meets_the_counts(case, np.array(choice, dtype=np.int64))
        for choice in itertools.product(range(n_groups), repeat=m)
    )


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 3))
def test_pack_units_finds_a_grouping_exactly_when_one_exists(case, seed):
    p = pack_units(
        case["sizes"],
        case["lo"],
        case["hi"],
        step_free=case["step_free"],
        slot_step_free=case["slot_step_free"],
        chair=case["chair"],
        locked=case["locked"],
        start=case["start"],
        rng=np.random.default_rng(seed),
    )
    assert (p is not None) == some_grouping_meets_the_counts(case)
    if p is not None:
        assert meets_the_counts(case, p)


def test_pack_units_with_every_unit_locked_checks_the_locked_grouping():
    common = {
        "step_free": np.zeros(2, dtype=bool),
        "slot_step_free": [True, True],
        "chair": np.ones(2, dtype=bool),
        "locked": np.ones(2, dtype=bool),
        "start": np.array([0, 1]),
        "rng": np.random.default_rng(0),
    }
    sizes = np.array([2, 3])
    ok = pack_units(sizes, np.array([2, 2]), np.array([3, 3]), **common)
    assert ok is not None
    assert ok.tolist() == [0, 1]
    assert pack_units(sizes, np.array([3, 3]), np.array([3, 3]), **common) is None


def test_pack_units_refuses_a_step_free_unit_locked_in_a_slot_with_steps():
    p = pack_units(
        np.array([1, 1]),
        np.array([1, 1]),
        np.array([2, 2]),
        step_free=np.array([True, False]),
        slot_step_free=[False, True],
        chair=np.array([True, True]),
        locked=np.array([True, False]),
        start=np.array([0, 0]),
        rng=np.random.default_rng(0),
    )
    assert p is None
