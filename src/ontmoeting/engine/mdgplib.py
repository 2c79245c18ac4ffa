"""Read MDGPLIB instance files (maximally diverse grouping problem benchmarks).

Format (Gallego et al. 2013; MDGPLIB of the Optsicom project): the first line is
``n G ss|ds a_1 b_1 ... a_G b_G`` (n elements, G groups, equal or different sizes, then a lower
and an upper size bound per group); every further line is ``i j d_ij`` (0-based, i < j).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class MdgpInstance:
    """An MDGP instance: ``distance`` is a symmetric (n x n) float64 matrix with a zero diagonal."""

    name: str
    n: int
    lower: tuple[int, ...]
    upper: tuple[int, ...]
    distance: npt.NDArray[np.float64]
    size_kind: Literal["ss", "ds"]


def _ints(tokens: list[str], lineno: int, what: str) -> list[int]:
    try:
        return [int(t) for t in tokens]
    except ValueError:
        got = " ".join(tokens)
        raise ValueError(f"line {lineno}: {what} must be integers, got {got!r}") from None


def read_instance(path: str | Path) -> MdgpInstance:
    """Read one instance; raises ValueError naming the line of any malformed input.

    Pairs that are not listed get distance 0. Time and memory O(n^2).
    """
    path = Path(path)
    with path.open() as fh:
        n, kind, lower, upper = _header(fh.readline().split())
        d = _distances(fh, n)
    return MdgpInstance(name=path.stem, n=n, lower=lower, upper=upper, distance=d, size_kind=kind)


def _header(
    tokens: list[str],
) -> tuple[int, Literal["ss", "ds"], tuple[int, ...], tuple[int, ...]]:
    """``n G ss|ds a_1 b_1 ... a_G b_G`` as (n, size kind, lower bounds, upper bounds)."""
    if len(tokens) < 3:
        raise ValueError(f"line 1: expected 'n G ss|ds a_1 b_1 ...', got {' '.join(tokens)!r}")
    n, n_groups = _ints(tokens[:2], 1, "n and G")
    kind = _size_kind(tokens[2])
    if n <= 0 or n_groups <= 0:
        raise ValueError(f"line 1: n and G must be positive, got n={n}, G={n_groups}")
    bounds = _ints(tokens[3:], 1, "size bounds")
    if len(bounds) != 2 * n_groups:
        raise ValueError(
            f"line 1: expected {2 * n_groups} size bounds for {n_groups} groups, got {len(bounds)}"
        )
    lower = tuple(bounds[0::2])
    upper = tuple(bounds[1::2])
    for g, (a, b) in enumerate(zip(lower, upper, strict=True)):
        if a < 0 or a > b:
            raise ValueError(f"line 1: group {g} has bounds {a}..{b}")
    return n, kind, lower, upper


def _size_kind(token: str) -> Literal["ss", "ds"]:
    # B105: "token" here is a word of the instance file, not a password.
    if token == "ss":  # nosec B105
        return "ss"
    if token == "ds":  # nosec B105
        return "ds"
    raise ValueError(f"line 1: size kind must be 'ss' or 'ds', got {token!r}")


def _distances(lines: Iterable[str], n: int) -> npt.NDArray[np.float64]:
    """The symmetric distance matrix from the ``i j d_ij`` lines (line 2 on; blank lines
    skipped)."""
    d = np.zeros((n, n), dtype=np.float64)
    for lineno, line in enumerate(lines, start=2):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3:
            raise ValueError(f"line {lineno}: expected 'i j d_ij', got {line.strip()!r}")
        i, j = _ints(parts[:2], lineno, "i and j")
        try:
            value = float(parts[2])
        except ValueError:
            raise ValueError(f"line {lineno}: distance {parts[2]!r} is not a number") from None
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise ValueError(f"line {lineno}: pair ({i}, {j}) is out of range for n={n}")
        d[i, j] = d[j, i] = value
    return d
