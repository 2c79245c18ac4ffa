"""Why no complete assignment exists: a Hall's-theorem witness.

For a bipartite graph of rows (students, groups) and columns with capacities (experts, rooms),
every row can be served iff for every set ``S`` of rows the capacity of its neighbourhood
``N(S)`` is at least ``|S|`` (Hall). When a maximum matching leaves a row unmatched, the rows
reachable from it by alternating paths form such a violator: every column they reach is full
and filled by rows of the set, so ``cap(N(S)) = |S| - 1``. We take the smallest of these sets
over (at most 64) unmatched rows and then shrink it greedily to an inclusion-minimal violator.

Complexity: the matching is Hopcroft-Karp on the slot-expanded graph, O(m sqrt(n)); each
alternating search is O(m); the shrinking is O(|S|^2 * C).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

MAX_ROOTS = 64
MAX_SHRINK = 400


@dataclass(frozen=True)
class HallWitness:
    """A set of rows that cannot all be served.

    Attributes
    ----------
    rows : tuple of int
        Indices of the rows of the violator ``S``.
    columns : tuple of int
        Indices of the columns of its neighbourhood ``N(S)``.
    capacity : int
        Total capacity of ``N(S)``; always ``< len(rows)``.
    """

    rows: tuple[int, ...]
    columns: tuple[int, ...]
    capacity: int

    @property
    def deficiency(self) -> int:
        """How many rows of the set must stay unserved."""
        return len(self.rows) - self.capacity


def max_matching(
    allowed: npt.NDArray[np.bool_], capacity: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Maximum b-matching of rows to columns with ``capacity`` places per column.

    Returns ``(row_to_col, slot_col)``: for each row the matched column or -1.
    """
    n_r, n_c = allowed.shape
    slot_col = np.repeat(np.arange(n_c), np.maximum(capacity, 0)).astype(np.int64)
    if n_r == 0 or slot_col.size == 0:
        return np.full(n_r, -1, dtype=np.int64), slot_col
    graph = csr_matrix(allowed[:, slot_col].astype(np.int8))
    match = maximum_bipartite_matching(graph, perm_type="column")
    row_to_col = np.where(match >= 0, slot_col[np.maximum(match, 0)], -1).astype(np.int64)
    return row_to_col, slot_col


def _neighbourhood(allowed: npt.NDArray[np.bool_], rows: Sequence[int]) -> npt.NDArray[np.bool_]:
    if len(rows) == 0:
        return np.zeros(allowed.shape[1], dtype=bool)
    result: npt.NDArray[np.bool_] = np.asarray(allowed[list(rows)].any(axis=0), dtype=bool)
    return result


def _reach(
    allowed: npt.NDArray[np.bool_], row_to_col: npt.NDArray[np.int64], root: int
) -> list[int]:
    """Rows reachable from ``root`` by alternating paths (non-matching edge to a column, then
    the matching edges from that column back to rows)."""
    by_col: dict[int, list[int]] = {}
    for r, c in enumerate(row_to_col.tolist()):
        if c >= 0:
            by_col.setdefault(c, []).append(r)
    seen_rows = {root}
    seen_cols: set[int] = set()
    queue = deque([root])
    while queue:
        r = queue.popleft()
        for c in np.flatnonzero(allowed[r]).tolist():
            if c in seen_cols:
                continue
            seen_cols.add(c)
            for r2 in by_col.get(c, []):
                if r2 not in seen_rows:
                    seen_rows.add(r2)
                    queue.append(r2)
    return sorted(seen_rows)


def _shrink(
    allowed: npt.NDArray[np.bool_], capacity: npt.NDArray[np.int64], rows: list[int]
) -> list[int]:
    """Drop rows one at a time while the set stays a Hall violator (inclusion-minimal)."""
    if len(rows) > MAX_SHRINK:
        return rows
    current = list(rows)
    # try the best-connected rows first: they are the least likely to be part of the core
    order = sorted(current, key=lambda r: -int(allowed[r].sum()))
    for r in order:
        trial = [x for x in current if x != r]
        cap = int(capacity[_neighbourhood(allowed, trial)].sum())
        if trial and cap < len(trial):
            current = trial
    return current


def hall_witness(
    allowed: npt.NDArray[np.bool_], capacity: npt.NDArray[np.int64]
) -> HallWitness | None:
    """The smallest Hall violator we can find, or None when every row can be served.

    Parameters
    ----------
    allowed : ndarray of bool, shape (R, C)
        Which row may take which column.
    capacity : ndarray of int, shape (C,)
        Places per column.
    """
    capacity = np.asarray(capacity, dtype=np.int64)
    row_to_col, _ = max_matching(allowed, capacity)
    unmatched = np.flatnonzero(row_to_col < 0).tolist()
    if not unmatched:
        return None
    best: list[int] | None = None
    for root in unmatched[:MAX_ROOTS]:
        rows = _reach(allowed, row_to_col, root)
        if best is None or len(rows) < len(best):
            best = rows
        if len(best) == 1:
            break
    assert best is not None
    rows = _shrink(allowed, capacity, best)
    cols = np.flatnonzero(_neighbourhood(allowed, rows))
    return HallWitness(
        rows=tuple(rows), columns=tuple(int(c) for c in cols), capacity=int(capacity[cols].sum())
    )
