"""Tests of the MDGP solver and the MDGPLIB reader."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest

from ontmoeting.engine import mdgp
from ontmoeting.engine.mdgp import solve_mdgp, solve_mdgp_file, warm_up
from ontmoeting.engine.mdgplib import read_instance

MDGPLIB = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "mdgplib"
#: The three small instances with proven optima, in the repository (see its README).
SMALL = Path(__file__).resolve().parents[1] / "data" / "mdgplib"


def _needs_mdgplib() -> None:
    if not (MDGPLIB / "references.csv").exists():
        pytest.skip(f"MDGPLIB benchmark folder not found at {MDGPLIB}")


def _references(folder: Path = MDGPLIB) -> dict[str, tuple[float, str]]:
    with (folder / "references.csv").open() as fh:
        return {r["instance"]: (float(r["value"]), r["kind"]) for r in csv.DictReader(fh)}


def _value(d: np.ndarray, groups: tuple[tuple[int, ...], ...]) -> float:
    return sum(d[i, j] for g in groups for i, j in itertools.combinations(g, 2))


def _brute_force(d: np.ndarray, lower: list[int], upper: list[int]) -> float:
    n, n_groups = d.shape[0], len(lower)
    best = -np.inf
    for labels in itertools.product(range(n_groups), repeat=n):
        sizes = np.bincount(labels, minlength=n_groups)
        if np.any(sizes < lower) or np.any(sizes > upper):
            continue
        groups = tuple(tuple(i for i in range(n) if labels[i] == g) for g in range(n_groups))
        best = max(best, _value(d, groups))
    return float(best)


def test_read_instance_parses_header_and_distances(tmp_path: Path) -> None:
    f = tmp_path / "tiny.txt"
    f.write_text("3 2 ds 1 2 1 2\n0 1 1.5\n0 2 2\n1 2 3\n")
    inst = read_instance(f)
    assert (inst.name, inst.n, inst.lower, inst.upper, inst.size_kind) == (
        "tiny",
        3,
        (1, 1),
        (2, 2),
        "ds",
    )
    assert inst.distance.tolist() == [[0, 1.5, 2], [1.5, 0, 3], [2, 3, 0]]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("3 2 xx 1 2 1 2\n", "line 1"),
        ("3 2 ss 1 2\n", "line 1"),
        ("3 2 ds 1 2 1 2\n0 1 1\n0 5 2\n", "line 3"),
        ("3 2 ds 1 2 1 2\n0 1\n", "line 2"),
        ("3 2 ds 1 2 1 2\n0 1 abc\n", "line 2"),
    ],
)
def test_read_instance_malformed_names_line(tmp_path: Path, text: str, line: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_text(text)
    with pytest.raises(ValueError, match=line):
        read_instance(f)


@pytest.mark.parametrize("name", ["Geo_n010_ss_01", "RanInt_n010_ss_01", "RanReal_n012_ss_01"])
def test_solve_mdgp_reaches_proven_optimum(name: str) -> None:
    value, kind = _references(SMALL)[name]
    assert kind == "optimum"
    inst = read_instance(SMALL / f"{name}.txt")
    res = solve_mdgp(inst.distance, inst.lower, inst.upper, seed=0, time_limit=5.0, max_rounds=30)
    assert round(res.objective, 2) == pytest.approx(value, abs=0.006)
    assert res.objective == pytest.approx(_value(inst.distance, res.groups))


@pytest.mark.parametrize("name", ["Geo_n010_ss_01", "RanInt_n010_ss_01"])
def test_the_published_optima_of_the_n10_instances_hold_by_brute_force(name: str) -> None:
    """The reference itself, checked independently: enumerate every split of the ten."""
    value, _ = _references(SMALL)[name]
    inst = read_instance(SMALL / f"{name}.txt")
    assert _brute_force(inst.distance, list(inst.lower), list(inst.upper)) == pytest.approx(
        value, abs=0.006
    )


@pytest.mark.parametrize("seed", range(6))
def test_solve_mdgp_equals_brute_force_on_tiny_instances(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 10))
    n_groups = int(rng.integers(2, 4))
    d = rng.integers(0, 20, size=(n, n)).astype(float)
    d = np.triu(d, 1)
    d = d + d.T
    lower = [int(rng.integers(1, n // n_groups + 1)) for _ in range(n_groups)]
    upper = [a + int(rng.integers(0, 3)) for a in lower]
    while sum(upper) < n:
        upper[int(rng.integers(n_groups))] += 1
    res = solve_mdgp(d, lower, upper, seed=seed, time_limit=5.0, max_rounds=20)
    assert res.objective == pytest.approx(_brute_force(d, lower, upper))


def test_solve_mdgp_honours_size_bounds_on_ds_instance() -> None:
    _needs_mdgplib()
    inst = read_instance(MDGPLIB / "RanInt_n120_ds_01.txt")
    assert inst.size_kind == "ds"
    res = solve_mdgp(inst.distance, inst.lower, inst.upper, seed=1, time_limit=1.0, max_rounds=8)
    sizes = [len(g) for g in res.groups]
    assert all(a <= k <= b for k, a, b in zip(sizes, inst.lower, inst.upper, strict=True))
    assert sorted(i for g in res.groups for i in g) == list(range(inst.n))


def test_solve_mdgp_is_deterministic_for_a_seed() -> None:
    rng = np.random.default_rng(7)
    d = rng.random((40, 40))
    d = d + d.T
    a = solve_mdgp(d, [8] * 5, [8] * 5, seed=3, time_limit=30.0, max_rounds=10)
    b = solve_mdgp(d, [8] * 5, [8] * 5, seed=3, time_limit=30.0, max_rounds=10)
    assert (a.groups, a.objective, a.iterations) == (b.groups, b.objective, b.iterations)


def test_solve_mdgp_respects_fixed_and_forbidden_pairs() -> None:
    rng = np.random.default_rng(2)
    d = rng.random((12, 12))
    d = d + d.T
    res = solve_mdgp(
        d,
        [4, 4, 4],
        [4, 4, 4],
        fixed={0: 2, 1: 2},
        forbidden_pairs=[(3, 4)],
        seed=0,
        time_limit=5.0,
        max_rounds=5,
    )
    assert {0, 1} <= set(res.groups[2])
    assert res.violated_pairs == ()
    assert not any({3, 4} <= set(g) for g in res.groups)


def test_solve_mdgp_rejects_impossible_bounds() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        solve_mdgp(np.zeros((5, 5)), [1, 1], [2, 2])


def test_solve_mdgp_file_returns_cli_dict() -> None:
    out = solve_mdgp_file(str(SMALL / "Geo_n010_ss_01.txt"), time_limit=0.5, seed=0)
    assert set(out) == {"objective", "groups", "seconds"}
    assert sorted(i for g in out["groups"] for i in g) == list(range(10))


def test_solve_mdgp_ends_within_the_time_limit() -> None:
    warm_up()
    rng = np.random.default_rng(5)
    d = rng.random((160, 160))
    d = d + d.T
    res = solve_mdgp(d, [10] * 16, [10] * 16, seed=0, time_limit=0.8)
    assert res.seconds <= 0.8 * 1.06  # a few % (a busy machine preempts the search)
    assert res.rounds >= 1


def test_solve_mdgp_result_does_not_depend_on_the_chunk_size(monkeypatch) -> None:
    rng = np.random.default_rng(9)
    d = rng.random((50, 50))
    d = d + d.T
    a = solve_mdgp(d, [10] * 5, [10] * 5, seed=4, time_limit=30.0, max_rounds=6)
    monkeypatch.setattr(mdgp, "CHUNK_SECONDS", 1e-5)  # a chunk of one or a few iterations
    b = solve_mdgp(d, [10] * 5, [10] * 5, seed=4, time_limit=30.0, max_rounds=6)
    assert (a.groups, a.objective, a.iterations) == (b.groups, b.objective, b.iterations)
