"""The MDGPLIB reader: any well-formed file reads back exactly what was written; a malformed one
is refused with the line and what is wrong."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.mdgplib import read_instance


@st.composite
def instances(
    draw: st.DrawFn,
) -> tuple[int, str, list[tuple[int, int]], dict[tuple[int, int], float]]:
    n = draw(st.integers(2, 9))
    kind = draw(st.sampled_from(["ss", "ds"]))
    n_groups = draw(st.integers(1, 4))
    bounds = [
        tuple(sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=2))))
        for _ in range(n_groups)
    ]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    listed = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    values = {p: draw(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)) for p in listed}
    return n, kind, bounds, values


@settings(max_examples=60, deadline=None)
@given(instances(), st.booleans())
def test_read_instance_reads_back_what_was_written(tmp_path_factory, instance, blank_lines):
    n, kind, bounds, values = instance
    lines = [f"{n} {len(bounds)} {kind} " + " ".join(f"{a} {b}" for a, b in bounds)]
    for (i, j), d in values.items():
        lines.append(f"{i} {j} {d!r}")
        if blank_lines:
            lines.append("   ")
    path = tmp_path_factory.mktemp("mdgp") / "case_01.txt"
    path.write_text("\n".join(lines) + "\n")

    inst = read_instance(path)

    expected = np.zeros((n, n))
    for (i, j), d in values.items():
        expected[i, j] = expected[j, i] = d
    assert (inst.name, inst.n, inst.size_kind) == ("case_01", n, kind)
    assert inst.lower == tuple(a for a, _ in bounds)
    assert inst.upper == tuple(b for _, b in bounds)
    assert np.array_equal(inst.distance, expected)  # symmetric, zero where not listed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 2\n", "line 1: expected 'n G ss|ds a_1 b_1 ...', got '3 2'"),
        ("", "line 1: expected 'n G ss|ds a_1 b_1 ...', got ''"),
        ("three 2 ss 1 2 1 2\n", "line 1: n and G must be integers, got 'three 2'"),
        ("3 2 xx 1 2 1 2\n", "line 1: size kind must be 'ss' or 'ds', got 'xx'"),
        ("0 2 ss 1 2 1 2\n", "line 1: n and G must be positive, got n=0, G=2"),
        ("3 0 ss\n", "line 1: n and G must be positive, got n=3, G=0"),
        ("3 2 ss 1 2 1 x\n", "line 1: size bounds must be integers, got '1 2 1 x'"),
        ("3 2 ss 1 2 1\n", "line 1: expected 4 size bounds for 2 groups, got 3"),
        ("3 2 ss 1 2 3 2\n", "line 1: group 1 has bounds 3..2"),
        ("3 1 ss -1 2\n", "line 1: group 0 has bounds -1..2"),
        ("3 1 ss 1 3\n0 1\n", "line 2: expected 'i j d_ij', got '0 1'"),
        ("3 1 ss 1 3\n\n0 one 1\n", "line 3: i and j must be integers, got '0 one'"),
        ("3 1 ss 1 3\n0 1 far\n", "line 2: distance 'far' is not a number"),
        ("3 1 ss 1 3\n0 3 1\n", r"line 2: pair \(0, 3\) is out of range for n=3"),
        ("3 1 ss 1 3\n-1 2 1\n", r"line 2: pair \(-1, 2\) is out of range for n=3"),
        ("3 1 ss 1 3\n2 2 1\n", r"line 2: pair \(2, 2\) is out of range for n=3"),
    ],
)
def test_read_instance_refuses_malformed_input_saying_where_and_why(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(ValueError, match=f"^{message}$"):
        read_instance(path)
