"""The pairing as a MILP (``scipy.optimize.milp`` / HiGHS) for rules that couple pairs.

Used when quotas are set (each domain met by at least k students; no class group with more than
a share of its students in one domain) or when the step-free conversation places do not suffice
for the linear assignment's pairs.

Model (E_a = allowed (student, expert) edges)::

    x_se in {0, 1}        for (s, e) in E_a         student s talks with expert e
    t_e  in {0..cap_e-1}                            extra students of expert e (trios)
    z_q  >= 0                                        slack of coupling row q
    sum_e x_se <= 1                    for each s
    sum_{s,e} x_se  = m                              m = the most students that can be served
    sum_s x_se - t_e <= 1              for each e
    sum_{(s,e) in q} x_se + z_q >= k_q  (at-least rows)   or   - z_q <= k_q (at-most rows)

Solved lexicographically in two stages: (1) minimise the total slack (0 when every quota can
hold), (2) with the slack fixed at its minimum, minimise ``trio_cost * sum t + sum cost * x``.
Size: |E_a| + E + Q variables, S + E + Q + 1 rows.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix, vstack


@dataclass(frozen=True)
class CouplingRow:
    """One quota-like constraint over edges.

    Attributes
    ----------
    name : str
        Rule code (``"quota_domain"``, ``"quota_class_share"``, ``"step_free"``).
    key : tuple of str
        What it is about (e.g. ``("addiction",)`` or ``("1A", "addiction")``).
    mask : ndarray of bool, shape (S, E)
        The edges it counts.
    bound : int
        k.
    at_least : bool
        True for ``>= k``, False for ``<= k``.
    """

    name: str
    key: tuple[str, ...]
    mask: npt.NDArray[np.bool_]
    bound: int
    at_least: bool


@dataclass(frozen=True)
class MilpOutcome:
    """The MILP's answer: ``assign[s]`` = expert index or -1, the slack of every row, status."""

    assign: npt.NDArray[np.int64]
    slack: tuple[float, ...]
    optimal: bool
    message: str


class _MilpResult(Protocol):
    """What this module reads of ``scipy.optimize.milp``'s ``OptimizeResult``."""

    x: npt.NDArray[np.float64] | None  # None when HiGHS found no solution
    status: int  # 0: optimal
    message: str


def solve_pairing_milp(
    allowed: npt.NDArray[np.bool_],
    cost: npt.NDArray[np.float64],
    capacity: npt.NDArray[np.int64],
    served: int,
    rows: Sequence[CouplingRow],
    *,
    trio_cost: float,
    time_limit: float = 10.0,
) -> MilpOutcome | None:
    """Solve the pairing MILP; None when HiGHS finds no solution in time.

    Parameters
    ----------
    allowed : ndarray of bool, shape (S, E)
    cost : ndarray of float, shape (S, E)
        Cost of each edge (minimised); only read where ``allowed``.
    capacity : ndarray of int, shape (E,)
        Most students per expert (>= 0).
    served : int
        Students to serve (the maximum matching size).
    rows : sequence of CouplingRow
    trio_cost : float
        Cost of each extra student of an expert; make it dominate the edge costs.
    """
    start = time.perf_counter()
    n_s, n_e = allowed.shape
    si, ei = np.nonzero(allowed)
    n_x, n_q = si.size, len(rows)
    n_var = n_x + n_e + n_q
    xs = np.arange(n_x)
    a_students = coo_matrix((np.ones(n_x), (si, xs)), shape=(n_s, n_var))
    a_total = coo_matrix((np.ones(n_x), (np.zeros(n_x, dtype=int), xs)), shape=(1, n_var))
    a_experts = coo_matrix(
        (
            np.concatenate([np.ones(n_x), -np.ones(n_e)]),
            (np.concatenate([ei, np.arange(n_e)]), np.concatenate([xs, n_x + np.arange(n_e)])),
        ),
        shape=(n_e, n_var),
    )
    mats = [a_students, a_total, a_experts]
    lbs = [np.zeros(n_s), [served], np.full(n_e, -np.inf)]
    ubs = [np.ones(n_s), [served], np.ones(n_e)]
    for q, row in enumerate(rows):
        on = row.mask[si, ei]
        cols = np.concatenate([xs[on], [n_x + n_e + q]])
        vals = np.concatenate([np.ones(int(on.sum())), [1.0 if row.at_least else -1.0]])
        mats.append(coo_matrix((vals, (np.zeros(cols.size, dtype=int), cols)), shape=(1, n_var)))
        lbs.append([float(row.bound)] if row.at_least else [-np.inf])
        ubs.append([np.inf] if row.at_least else [float(row.bound)])
    a = csr_matrix(vstack(mats))
    lb, ub = (
        np.concatenate([np.asarray(v, float) for v in lbs]),
        np.concatenate([np.asarray(v, float) for v in ubs]),
    )
    integrality = np.concatenate([np.ones(n_x + n_e), np.zeros(n_q)])
    var_ub = np.concatenate([np.ones(n_x), np.maximum(capacity - 1, 0), np.full(n_q, np.inf)])
    bounds = Bounds(np.zeros(n_var), var_ub)
    constraints = [LinearConstraint(a, lb, ub)]

    def run(c: npt.NDArray[np.float64], cons: list[LinearConstraint]) -> _MilpResult:
        left = max(0.5, time_limit - (time.perf_counter() - start))
        result: _MilpResult = milp(
            c,
            integrality=integrality,
            bounds=bounds,
            constraints=cons,
            options={"time_limit": left, "mip_rel_gap": 1e-7, "disp": False},
        )
        return result

    if n_q:
        c1 = np.concatenate([np.zeros(n_x + n_e), np.ones(n_q)])
        r1 = run(c1, constraints)
        if r1.x is None:
            return None
        best_slack = float(np.asarray(r1.x)[n_x + n_e :].sum())
        fix = LinearConstraint(
            csr_matrix(c1.reshape(1, -1)), -np.inf, np.floor(best_slack + 1e-6) + 1e-6
        )
        constraints = [*constraints, fix]
    c2 = np.concatenate([cost[si, ei], np.full(n_e, trio_cost), np.zeros(n_q)])
    r2 = run(c2, constraints)
    if r2.x is None:
        return None
    xv = np.asarray(r2.x)
    assign = np.full(n_s, -1, dtype=np.int64)
    chosen = xv[:n_x] > 0.5
    assign[si[chosen]] = ei[chosen]
    slack = tuple(float(round(v, 6)) for v in xv[n_x + n_e :])
    return MilpOutcome(assign=assign, slack=slack, optimal=r2.status == 0, message=str(r2.message))
