"""Numba kernels for the (generalised) maximally diverse grouping problem.

The kernels work on *units* (an element, or a block of people that must stay together) and
maximise

    f(p) = sum_g sum_{u<v, p_u=p_v=g} W[u, v]  +  sum_u U[u, p_u]
           - sum_g sum_k tab[k, min(cnt[g, k], 2)]

where ``cnt[g, k] = sum_{u in g} A[u, k]`` counts a property k in group g and ``tab`` (K x 3) is a
penalty for a count of 0, 1, or 2 and more (e.g. a minority value present exactly once, or a
group without anyone willing to chair). Group g holds ``lo[g] <= sum_{u in g} s[u] <=
hi[g]`` members. Plain MDGP is the special case s = 1, U = 0, K = 0.

State kept incrementally: the gain matrix ``M[u, g] = sum_{v in g} W[u, v]`` (m x G), the group
sizes and the minority counts, so a move or swap delta costs O(1) (+ O(K) for units that carry
minority values) and applying a move costs O(m).

All randomness comes from numba's generator, reseeded from ``seed`` at the start of each call,
so results are reproducible for given inputs.
"""

# Matrix names (W, U, A, M) follow the mathematical notation of the docstrings.
# ruff: noqa: N803, N806

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

# The numba decorator is untyped for mypy.
_jit: Any = njit(cache=True)

NEG_INF = -1.0e300


@_jit
def build_state(W, U, s, A, p, n_groups):  # type: ignore[no-untyped-def]
    """Gain matrix M (m x G), group sizes (G,) and minority counts (G x K) of assignment p."""
    m = W.shape[0]
    k_count = A.shape[1]
    M = np.zeros((m, n_groups))
    sizes = np.zeros(n_groups, dtype=np.int64)
    cnt = np.zeros((n_groups, k_count), dtype=np.int64)
    for v in range(m):
        g = p[v]
        sizes[g] += s[v]
        for k in range(k_count):
            cnt[g, k] += A[v, k]
    for u in range(m):
        row = M[u]
        for v in range(m):
            if v != u:
                row[p[v]] += W[u, v]
    return M, sizes, cnt


@_jit
def objective(W, U, A, tab, p, n_groups, use_u):  # type: ignore[no-untyped-def]
    """Objective f(p) as defined in the module docstring; O(m^2 + m K)."""
    m = W.shape[0]
    total = 0.0
    for u in range(m):
        for v in range(u + 1, m):
            if p[u] == p[v]:
                total += W[u, v]
        if use_u:
            total += U[u, p[u]]
    k_count = A.shape[1]
    if k_count > 0:
        cnt = np.zeros((n_groups, k_count), dtype=np.int64)
        for u in range(m):
            for k in range(k_count):
                cnt[p[u], k] += A[u, k]
        for g in range(n_groups):
            for k in range(k_count):
                total -= _pen(tab, k, cnt[g, k])
    return total


@_jit
def _pen(tab, k, c):  # type: ignore[no-untyped-def]
    return tab[k, 2] if c >= 2 else tab[k, c]


@_jit
def _iso_move(A, tab, cnt, u, g, h):  # type: ignore[no-untyped-def]
    """Objective change of the minority term when unit u moves from g to h."""
    d = 0.0
    for k in range(A.shape[1]):
        a = A[u, k]
        if a != 0:
            cg = cnt[g, k]
            ch = cnt[h, k]
            d -= _pen(tab, k, cg - a) + _pen(tab, k, ch + a) - _pen(tab, k, cg) - _pen(tab, k, ch)
    return d


@_jit
def _iso_swap(A, tab, cnt, u, v, g, h):  # type: ignore[no-untyped-def]
    """Objective change of the minority term when u (in g) and v (in h) swap groups."""
    d = 0.0
    for k in range(A.shape[1]):
        dg = A[v, k] - A[u, k]
        if dg != 0:
            cg = cnt[g, k]
            ch = cnt[h, k]
            d -= _pen(tab, k, cg + dg) + _pen(tab, k, ch - dg) - _pen(tab, k, cg) - _pen(tab, k, ch)
    return d


@_jit
def _apply_move(W, A, M, sizes, cnt, p, s, u, h):  # type: ignore[no-untyped-def]
    g = p[u]
    m = W.shape[0]
    for w in range(m):
        x = W[w, u]
        M[w, g] -= x
        M[w, h] += x
    sizes[g] -= s[u]
    sizes[h] += s[u]
    for k in range(A.shape[1]):
        a = A[u, k]
        cnt[g, k] -= a
        cnt[h, k] += a
    p[u] = h


@_jit
def _fits_after_swap(s, lo, hi, sizes, u, v, g, h):  # type: ignore[no-untyped-def]
    """Whether both groups stay within their bounds when u (in g) and v (in h) swap."""
    if s[u] == s[v]:
        return True
    ng = sizes[g] - s[u] + s[v]
    nh = sizes[h] - s[v] + s[u]
    return lo[g] <= ng <= hi[g] and lo[h] <= nh <= hi[h]


@_jit
def _best_descent_move(U, s, hi, A, tab, has_min, p, n_groups, use_u, M, sizes, cnt, u, bdelta):  # type: ignore[no-untyped-def]
    """Best one-move of unit u that gains more than ``bdelta``: ``(delta, group)`` or ``(bdelta, -1)``."""
    g = p[u]
    bh = -1
    use_k = A.shape[1] > 0
    for h in range(n_groups):
        if h == g or sizes[h] + s[u] > hi[h]:
            continue
        delta = M[u, h] - M[u, g]
        if use_u:
            delta += U[u, h] - U[u, g]
        if use_k and has_min[u]:
            delta += _iso_move(A, tab, cnt, u, g, h)
        if delta > bdelta:
            bdelta = delta
            bh = h
    return bdelta, bh


@_jit
def _best_descent_swap(  # type: ignore[no-untyped-def]
    W, U, s, lo, hi, locked, A, tab, has_min, p, use_u, M, sizes, cnt, u, bdelta, bh
):
    """Best swap of unit u that beats ``bdelta``: ``(delta, partner, group)``; partner -1 if none."""
    m = W.shape[0]
    g = p[u]
    bv = -1
    use_k = A.shape[1] > 0
    for v in range(m):
        h = p[v]
        if h == g or locked[v]:
            continue
        delta = M[u, h] - M[u, g] + M[v, g] - M[v, h] - 2.0 * W[u, v]
        if not _fits_after_swap(s, lo, hi, sizes, u, v, g, h):
            continue
        if use_u:
            delta += U[u, h] - U[u, g] + U[v, g] - U[v, h]
        if use_k and (has_min[u] or has_min[v]):
            delta += _iso_swap(A, tab, cnt, u, v, g, h)
        if delta > bdelta:
            bdelta = delta
            bv = v
            bh = h
    return bdelta, bv, bh


@_jit
def _descent(  # type: ignore[no-untyped-def]
    W, U, s, lo, hi, locked, A, tab, has_min, p, n_groups, use_u, M, sizes, cnt
):
    """First-improvement descent in random order: each unit takes its best move or swap.

    One pass costs O(m^2 + m G) and may apply up to m improvements, which makes it much faster
    than tabu search for descending from a random solution. Returns the total gain.
    """
    m = W.shape[0]
    eps = 1e-9
    gain = 0.0
    improved = True
    order = np.arange(m)
    while improved:
        improved = False
        np.random.shuffle(order)
        for u in order:
            if locked[u]:
                continue
            g = p[u]
            bdelta = eps
            bh = -1
            if sizes[g] - s[u] >= lo[g]:
                bdelta, bh = _best_descent_move(
                    U, s, hi, A, tab, has_min, p, n_groups, use_u, M, sizes, cnt, u, bdelta
                )
            bdelta, bv, bh = _best_descent_swap(
                W, U, s, lo, hi, locked, A, tab, has_min, p, use_u, M, sizes, cnt, u, bdelta, bh
            )
            if bh >= 0:
                _apply_move(W, A, M, sizes, cnt, p, s, u, bh)
                if bv >= 0:
                    _apply_move(W, A, M, sizes, cnt, p, s, bv, g)
                gain += bdelta
                improved = True
    return gain


@_jit
def tabu_start(W, U, s, lo, hi, locked, A, tab, has_min, p, n_groups, seed, use_u):  # type: ignore[no-untyped-def]
    """Seed the generator, descend from ``p`` (in place) and build the search state.

    Returns ``(M, sizes, cnt, cur)``: gain matrix, group sizes, minority counts and the objective
    of ``p`` after the descent. Continue with :func:`tabu_steps`.
    """
    np.random.seed(seed)
    M, sizes, cnt = build_state(W, U, s, A, p, n_groups)
    cur = objective(W, U, A, tab, p, n_groups, use_u)
    cur += _descent(W, U, s, lo, hi, locked, A, tab, has_min, p, n_groups, use_u, M, sizes, cnt)
    return M, sizes, cnt, cur


@_jit
def _admit(delta, bdelta, ties, eps):  # type: ignore[no-untyped-def]
    """Tie-aware choice of the best admissible neighbour: ``(take, best delta, ties)``.

    A strictly better ``delta`` replaces the best; an equal one (within ``eps``) replaces it with
    probability 1/ties, so every tied neighbour is equally likely to be chosen.
    """
    if delta > bdelta + eps:
        return True, delta, 1
    ties += 1
    return np.random.randint(0, ties) == 0, bdelta, ties


@_jit
def _scan_moves(  # type: ignore[no-untyped-def]
    U, s, lo, hi, locked, A, tab, has_min, p, n_groups, M, sizes, cnt, tabu, it, cur, best, use_u
):
    """Best admissible one-move of the tabu step: ``(delta, unit, group, ties)``."""
    m = M.shape[0]
    eps = 1e-9
    use_k = A.shape[1] > 0
    bdelta = NEG_INF
    bu = -1
    bh = -1
    ties = 0
    for u in range(m):
        g = p[u]
        if locked[u] or sizes[g] - s[u] < lo[g]:
            continue
        base = -M[u, g]
        if use_u:
            base -= U[u, g]
        for h in range(n_groups):
            if h == g or sizes[h] + s[u] > hi[h]:
                continue
            delta = M[u, h] + base
            if use_u:
                delta += U[u, h]
            if use_k and has_min[u]:
                delta += _iso_move(A, tab, cnt, u, g, h)
            if delta < bdelta - eps or (tabu[u, h] > it and cur + delta <= best + eps):
                continue
            take, bdelta, ties = _admit(delta, bdelta, ties, eps)
            if take:
                bu = u
                bh = h
    return bdelta, bu, bh, ties


@_jit
def _scan_swaps(  # type: ignore[no-untyped-def]
    W, U, s, lo, hi, locked, A, tab, has_min, p, M, sizes, cnt, tabu, it, cur, best, use_u, state
):
    """Swaps into the running best ``state = (delta, u, h, ties)`` of the tabu step: ``(delta,
    u, v, h)``, v -1 when the best stays a one-move."""
    m = W.shape[0]
    eps = 1e-9
    use_k = A.shape[1] > 0
    bdelta, bu, bh, ties = state
    bv = -1
    for u in range(m):
        if locked[u]:
            continue
        g = p[u]
        mug = M[u, g]
        tu = tabu[u]
        for v in range(u + 1, m):
            h = p[v]
            if h == g or locked[v]:
                continue
            delta = M[u, h] - mug + M[v, g] - M[v, h] - 2.0 * W[u, v]
            if delta < bdelta - eps or not _fits_after_swap(s, lo, hi, sizes, u, v, g, h):
                continue
            if use_u:
                delta += U[u, h] - U[u, g] + U[v, g] - U[v, h]
            if use_k and (has_min[u] or has_min[v]):
                delta += _iso_swap(A, tab, cnt, u, v, g, h)
            if delta < bdelta - eps or (
                (tu[h] > it or tabu[v, g] > it) and cur + delta <= best + eps
            ):
                continue
            take, bdelta, ties = _admit(delta, bdelta, ties, eps)
            if take:
                bu = u
                bv = v
                bh = h
    return bdelta, bu, bv, bh


@_jit
def _tabu_step(  # type: ignore[no-untyped-def]
    W, U, s, lo, hi, locked, A, tab, has_min, p, n_groups, M, sizes, cnt, tabu, it, cur, best, use_u
):
    """The best admissible move or swap of one tabu iteration: ``(delta, u, v, h)``; u -1: none."""
    # fmt: off
    state = _scan_moves(
        U, s, lo, hi, locked, A, tab, has_min, p, n_groups, M, sizes, cnt, tabu, it, cur, best,
        use_u,
    )
    # fmt: on
    # fmt: off
    return _scan_swaps(
        W, U, s, lo, hi, locked, A, tab, has_min, p, M, sizes, cnt, tabu, it, cur, best, use_u,
        state,
    )
    # fmt: on


@_jit
def tabu_steps(  # type: ignore[no-untyped-def]
    W,
    U,
    s,
    lo,
    hi,
    locked,
    A,
    tab,
    has_min,
    p,
    n_groups,
    M,
    sizes,
    cnt,
    tabu,
    best_p,
    fstate,
    istate,
    steps,
    depth,
    tenure_base,
    tenure_rand,
    use_u,
):
    """Up to ``steps`` iterations of tabu search with the one-move and swap neighbourhoods.

    Best admissible move each step; an element that leaves group g may not re-enter g for
    ``tenure_base + rand(0..tenure_rand)`` iterations unless that yields a new best
    (aspiration). The whole state is passed in and updated in place — ``p``, ``M``, ``sizes``,
    ``cnt``, ``tabu`` (m x G), ``best_p``, ``fstate = [cur, best]``, ``istate = [iteration,
    iterations without improvement]`` — so a search split into chunks follows exactly the same
    trajectory as one call (the generator is seeded once, by :func:`tabu_start`). Time per
    iteration: O(m^2 + m G).

    Returns True when the search is over (``depth`` iterations without improving the best, or
    no admissible move), False when it stopped after ``steps`` iterations.
    """
    cur = fstate[0]
    best = fstate[1]
    it = istate[0]
    no_imp = istate[1]
    over = False
    stop = it + steps
    while True:
        if no_imp >= depth:
            over = True
            break
        if it >= stop:
            break
        # fmt: off
        bdelta, bu, bv, bh = _tabu_step(
            W, U, s, lo, hi, locked, A, tab, has_min, p, n_groups, M, sizes, cnt, tabu, it, cur,
            best, use_u,
        )
        # fmt: on
        if bu < 0:
            over = True
            break
        g = p[bu]
        _apply_move(W, A, M, sizes, cnt, p, s, bu, bh)
        tabu[bu, g] = it + tenure_base + np.random.randint(0, tenure_rand + 1)
        if bv >= 0:
            _apply_move(W, A, M, sizes, cnt, p, s, bv, g)
            tabu[bv, bh] = it + tenure_base + np.random.randint(0, tenure_rand + 1)
        cur += bdelta
        it += 1
        if cur > best + 1e-9:
            best = cur
            best_p[:] = p
            no_imp = 0
        else:
            no_imp += 1
    fstate[0] = cur
    fstate[1] = best
    istate[0] = it
    istate[1] = no_imp
    return over


@_jit
def perturb(s, lo, hi, locked, p, n_groups, strength, seed):  # type: ignore[no-untyped-def]
    """Apply ``strength`` random size-feasible swaps (or moves) of unlocked units, in place."""
    np.random.seed(seed)
    m = p.shape[0]
    sizes = np.zeros(n_groups, dtype=np.int64)
    for u in range(m):
        sizes[p[u]] += s[u]
    free = np.empty(m, dtype=np.int64)
    nf = 0
    for u in range(m):
        if not locked[u]:
            free[nf] = u
            nf += 1
    if nf < 2:
        return p
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength + 100:
        tries += 1
        u = free[np.random.randint(0, nf)]
        g = p[u]
        if np.random.random() < 0.5:
            v = free[np.random.randint(0, nf)]
            h = p[v]
            if h == g:
                continue
            ng = sizes[g] - s[u] + s[v]
            nh = sizes[h] - s[v] + s[u]
            if ng < lo[g] or ng > hi[g] or nh < lo[h] or nh > hi[h]:
                continue
            p[u] = h
            p[v] = g
            sizes[g] = ng
            sizes[h] = nh
            done += 1
        else:
            h = np.random.randint(0, n_groups)
            if h == g or sizes[g] - s[u] < lo[g] or sizes[h] + s[u] > hi[h]:
                continue
            p[u] = h
            sizes[g] -= s[u]
            sizes[h] += s[u]
            done += 1
    return p
