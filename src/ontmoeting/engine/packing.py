"""A first grouping that meets every count rule exactly: sizes, step-free slots, one chair each.

The tabu search of :mod:`.mdgp` starts from groupings within the size bounds. With morning
pairs and trios kept together, a random greedy often fails to find one when the bounds are
tight (only even sizes fit pairs, trios must fill the odd ones), and the step-free slots and
the chairs add two more counting rules. They are all rules on *how many units of each kind* a
group holds, so one small integer program decides them exactly:

* units are grouped into classes by (size, needs step-free, holds a willing chair);
* ``x[c, g]`` = units of class c in group g (integer); every unit is placed:
  ``sum_g x[c, g] = count[c]`` (minus the locked ones, which are placed already);
* sizes: ``lo[g] <= locked[g] + sum_c size[c] x[c, g] <= hi[g]``;
* step-free: ``x[c, g] = 0`` for a class needing step-free in a slot without it;
* chairs: ``sum_{c holds a chair} x[c, g] >= 1`` unless a locked unit chairs g already.

``scipy.optimize.milp`` (HiGHS) solves it in milliseconds for hundreds of groups (classes are
at most a dozen). Infeasible means no grouping meets these counts, whatever the search does.
The units of each class are then dealt to the groups in a random order (the seed's), so
different seeds start from different groupings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def pack_units(
    sizes: IntArray,
    lo: IntArray,
    hi: IntArray,
    *,
    step_free: BoolArray,
    slot_step_free: Sequence[bool],
    chair: BoolArray,
    locked: BoolArray,
    start: IntArray,
    rng: np.random.Generator,
) -> IntArray | None:
    """Unit -> group meeting the size bounds, the step-free slots and a chair per group, or None
    when no such grouping exists. ``start`` gives the groups of the ``locked`` units.

    Shapes: ``sizes``, ``step_free``, ``chair``, ``locked``, ``start``: (m,); ``lo``, ``hi``,
    ``slot_step_free``: (G,). O(classes * G) variables.
    """
    n_groups = lo.shape[0]
    sf_slot = np.asarray(slot_step_free, dtype=bool)
    load = np.bincount(start[locked], weights=sizes[locked], minlength=n_groups)
    chaired = np.zeros(n_groups, dtype=bool)
    chaired[start[locked & chair]] = True
    if np.any(locked & step_free & ~sf_slot[start]):
        return None
    free = np.flatnonzero(~locked)
    keys = sorted({(int(sizes[u]), bool(step_free[u]), bool(chair[u])) for u in free})
    if not keys:
        ok = np.all(load >= lo) and np.all(load <= hi) and chaired.all()
        return start.copy() if ok else None
    k_count = len(keys)
    count = np.array(
        [sum(1 for u in free if (sizes[u], step_free[u], chair[u]) == k) for k in keys], float
    )
    n_var = k_count * n_groups  # x[c, g] at c * G + g
    cls = np.repeat(np.arange(k_count), n_groups)
    grp = np.tile(np.arange(n_groups), k_count)
    size_of = np.array([k[0] for k in keys], dtype=float)[cls]
    upper = np.full(n_var, np.inf)
    needs_sf = np.array([k[1] for k in keys])[cls]
    upper[needs_sf & ~sf_slot[grp]] = 0.0
    var = np.arange(n_var)
    every = coo_matrix((np.ones(n_var), (cls, var)), shape=(k_count, n_var))
    seats = coo_matrix((size_of, (grp, var)), shape=(n_groups, n_var))
    has_chair = np.array([k[2] for k in keys])[cls]
    chairs = coo_matrix(
        (np.ones(int(has_chair.sum())), (grp[has_chair], var[has_chair])),
        shape=(n_groups, n_var),
    )
    need_chair = np.where(chaired, 0.0, 1.0)
    # a small random cost spreads the classes differently per seed
    res = milp(
        rng.random(n_var) * 1e-3,
        integrality=np.ones(n_var),
        bounds=Bounds(np.zeros(n_var), upper),
        constraints=[
            LinearConstraint(every.tocsr(), count, count),
            LinearConstraint(seats.tocsr(), lo - load, hi - load),
            LinearConstraint(chairs.tocsr(), need_chair, np.inf),
        ],
        options={"disp": False, "time_limit": 10.0},
    )
    if res.x is None:
        return None
    x = np.rint(res.x).astype(np.int64).reshape(k_count, n_groups)
    p = start.copy()
    for c, key in enumerate(keys):
        units = [u for u in free if (sizes[u], step_free[u], chair[u]) == key]
        order = rng.permutation(len(units))
        slots = np.repeat(np.arange(n_groups), x[c])
        for u, g in zip((units[i] for i in order), slots, strict=True):
            p[u] = g
    return p
