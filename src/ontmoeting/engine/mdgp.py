"""Maximally diverse grouping problem (MDGP): iterated tabu search with a gain matrix.

Problem. Given a symmetric distance matrix ``d`` (n x n) and per-group size bounds
``lower[g] <= |group g| <= upper[g]`` (G groups), split the n elements into G groups so that the
sum over groups of ``d[i, j]`` for every pair i < j in the same group is maximal.

Method. A memetic iterated tabu search in the spirit of the three-phase search of Yang, Cai and
Hao (TPSDP, EJOR 2022) and the iterated maxima search of Lai and Hao (EJOR 2016):

1. a small population of random size-feasible solutions, each improved by tabu search over the
   one-move and swap neighbourhoods (best admissible move, element-to-group tabu tenure,
   aspiration), using an incremental gain matrix M[i, g] = sum_{j in g} d[i, j] (a move or swap
   delta is O(1), an update O(n); an iteration is O(n^2));
2. rounds that either perturb a population member with random swaps (directed towards the best
   solution: the best is perturbed most often) or recombine two members with a group-based
   crossover (groups inherited greedily by quality, the rest filled at random), followed by tabu
   search and a quality-and-distance pool update.

Time limit. The wall time stays within ``time_limit``: every tabu search runs in chunks of
iterations (the kernel state is passed in and out, so chunking does not change the search), each
sized from the measured cost of an iteration to last at most ``CHUNK_SECONDS`` or
``CHUNK_SHARE`` of the limit; the clock is read between chunks and the search stops when the time
(minus a reserve of ``TIME_RESERVE`` of the limit) is used. A round cut short still contributes
its best solution.

Determinism. All randomness derives from ``seed``, and the chunking does not influence the
trajectory. For a given seed the result is the same whenever the run ends by ``max_rounds``,
``stall_rounds`` or ``target`` before the time limit; only a run that the clock cuts short
depends on the machine's speed. Pass ``max_rounds`` (with a generous ``time_limit``) for results
that are reproducible on any machine.
"""

# W follows the mathematical notation of the docstrings.
# ruff: noqa: N806

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ontmoeting.engine import _mdgp_kernels as _k

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

FORBIDDEN_PENALTY = 1.0e7
CALIBRATION_ITERATIONS = 20  # iterations of the first, timed chunk of tabu search
CHUNK_SECONDS = 0.25  # a tabu search is run in chunks of at most this long ...
CHUNK_SHARE = 0.01  # ... and at most this share of the time limit; the clock is read between
TIME_RESERVE = 0.003  # share of the time limit kept back for the work after the search


@dataclass(frozen=True)
class MdgpResult:
    """Result of :func:`solve_mdgp`.

    Attributes
    ----------
    groups : tuple of tuple of int
        Element indices of each group (sorted), one tuple per group, in group order.
    objective : float
        Sum of ``distance[i, j]`` over pairs i < j in the same group.
    seconds : float
        Wall-clock time spent (includes a first-call JIT compile if the kernels were not cached).
    iterations : int
        Tabu-search iterations performed in total.
    rounds : int
        Search rounds performed (the unit that makes a run reproducible, see module docstring).
    violated_pairs : tuple of (int, int)
        ``forbidden_pairs`` that ended up in one group (empty when all could be kept apart).
    """

    groups: tuple[tuple[int, ...], ...]
    objective: float
    seconds: float
    iterations: int
    rounds: int = 0
    violated_pairs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class UnitProblem:
    """The generalised problem the kernels solve (see :mod:`._mdgp_kernels`).

    ``W`` (m x m) pair weights, ``U`` (m x G) unary weights, ``s`` (m,) unit sizes, ``lo``/``hi``
    (G,) size bounds, ``locked`` (m,) units that never move (their group is given by ``start``),
    ``A`` (m x K) property counts with penalties ``tab`` (K x 3) for a count of 0, 1, >= 2.
    """

    W: FloatArray
    U: FloatArray
    s: IntArray
    lo: IntArray
    hi: IntArray
    locked: BoolArray
    A: IntArray
    tab: FloatArray
    use_u: bool = False

    @property
    def n_groups(self) -> int:
        return int(self.lo.shape[0])


@dataclass(frozen=True)
class SearchOutcome:
    p: IntArray
    value: float
    iterations: int
    rounds: int


def construct(problem: UnitProblem, start: IntArray | None, rng: np.random.Generator) -> IntArray:
    """A random assignment that respects the size bounds (locked units keep ``start``).

    Units are placed largest first into the group with the most room below its lower bound
    (random tie-break), then into groups with room below the upper bound. Raises ValueError when
    the bounds cannot be met with this greedy (never for unit sizes of 1 and consistent bounds).
    """
    s, lo, hi, n_groups = problem.s, problem.lo, problem.hi, problem.n_groups
    m = s.shape[0]
    p = np.full(m, -1, dtype=np.int64)
    sizes = np.zeros(n_groups, dtype=np.int64)
    for u in np.flatnonzero(problem.locked):
        assert start is not None
        p[u] = start[u]
        sizes[start[u]] += s[u]
    free = np.flatnonzero(~problem.locked)
    order = free[rng.permutation(free.shape[0])]
    order = order[np.argsort(-s[order], kind="stable")]
    for u in order:
        deficit = lo - sizes
        room = hi - sizes - s[u]
        cand = np.flatnonzero(room >= 0)
        if cand.shape[0] == 0:
            raise ValueError("the units cannot be packed into the groups within the size bounds")
        need = cand[deficit[cand] > 0]
        pool = need if need.shape[0] else cand
        key = -deficit[pool] if need.shape[0] else sizes[pool] - hi[pool]
        best = pool[key == key.min()]
        g = int(best[rng.integers(best.shape[0])])
        p[u] = g
        sizes[g] += s[u]
    if np.any(sizes < lo):
        raise ValueError("the units cannot be packed into the groups within the size bounds")
    return p


def _crossover(
    problem: UnitProblem, pa: IntArray, pb: IntArray, rng: np.random.Generator
) -> IntArray | None:
    """Group-based crossover: alternately inherit the best remaining group of each parent.

    A group's quality is its internal weight per member. Inherited groups keep their members
    (minus members already placed); leftover units are placed randomly respecting bounds.
    Returns None when the child cannot be completed within the bounds.
    """
    n_groups = problem.n_groups
    m = pa.shape[0]
    child = np.full(m, -1, dtype=np.int64)
    locked = problem.locked
    child[locked] = pa[locked]
    sizes = np.zeros(n_groups, dtype=np.int64)
    np.add.at(sizes, child[locked], problem.s[locked])
    used_target = np.zeros(n_groups, dtype=bool)
    parents = [pa, pb]
    taken_src: list[set[int]] = [set(), set()]
    for step in range(n_groups):
        par = parents[step % 2]
        src_taken = taken_src[step % 2]
        best_g, best_q = -1, -np.inf
        for g in range(n_groups):
            if g in src_taken:
                continue
            members = np.flatnonzero((par == g) & (child < 0))
            if members.shape[0] == 0:
                q = 0.0
            else:
                sub = problem.W[np.ix_(members, members)]
                q = float(sub.sum()) / 2.0 / max(1, members.shape[0])
            if q > best_q:
                best_g, best_q = g, q
        src_taken.add(best_g)
        # Target group: the source group itself when free (keeps locked units consistent).
        target = best_g if not used_target[best_g] else int(np.flatnonzero(~used_target)[0])
        used_target[target] = True
        members = np.flatnonzero((par == best_g) & (child < 0))
        for u in members:
            if sizes[target] + problem.s[u] <= problem.hi[target]:
                child[u] = target
                sizes[target] += problem.s[u]
    rest = np.flatnonzero(child < 0)
    rest = rest[rng.permutation(rest.shape[0])]
    for u in rest:
        deficit = problem.lo - sizes
        room = problem.hi - sizes - problem.s[u]
        cand = np.flatnonzero(room >= 0)
        if cand.shape[0] == 0:
            return None
        need = cand[deficit[cand] > 0]
        pool = need if need.shape[0] else cand
        g = int(pool[rng.integers(pool.shape[0])])
        child[u] = g
        sizes[g] += problem.s[u]
    if np.any(sizes < problem.lo):
        return None
    return child


def _distance(a: IntArray, b: IntArray) -> int:
    """Number of units in different groups after the best relabelling is ignored (cheap proxy).

    Counts unordered pairs of units that are together in exactly one of the two solutions,
    computed on a sample-free basis in O(m^2) with numpy; used only for pool diversity.
    """
    same_a = a[:, None] == a[None, :]
    same_b = b[:, None] == b[None, :]
    return int(np.count_nonzero(same_a != same_b)) // 2


@dataclass
class _TabuRun:
    """The kernel state of one tabu search, carried from chunk to chunk."""

    p: IntArray
    M: FloatArray
    sizes: IntArray
    cnt: IntArray
    tabu: IntArray
    best_p: IntArray
    fstate: FloatArray  # [current objective, best objective]
    istate: IntArray  # [iteration, iterations without improving the best]


class _MemeticSearch:
    """One run of :func:`iterated_tabu`: the clock, the generator, the pool and the best found."""

    def __init__(
        self,
        problem: UnitProblem,
        *,
        seed: int,
        time_limit: float,
        max_rounds: int | None,
        progress: Callable[[float], None] | None,
        target: float | None,
        depth: int | None,
        stall_rounds: int | None,
    ) -> None:
        self.t0 = time.perf_counter()
        self.problem = problem
        self.rng = np.random.default_rng(seed)
        self.time_limit = time_limit
        self.max_rounds = max_rounds
        self.progress = progress
        self.target = target
        self.stall_rounds = stall_rounds
        m = problem.s.shape[0]
        self.n_free = int(np.count_nonzero(~problem.locked))
        self.has_min = (
            problem.A.sum(axis=1) > 0 if problem.A.shape[1] else np.zeros(m, dtype=np.bool_)
        )
        self.tenure_base = max(3, self.n_free // 25)
        self.tenure_rand = max(3, self.n_free // 25)
        self.depth = depth if depth is not None else int(min(4000, max(100, 15 * self.n_free)))
        self.strength = max(2, self.n_free // 12)
        self.deadline = self.t0 + time_limit * (1.0 - TIME_RESERVE)
        self.chunk_s = min(CHUNK_SECONDS, max(1e-3, CHUNK_SHARE * time_limit))
        self.per_iter = 0.0  # measured seconds per tabu iteration (0: not measured yet)
        self.out_of_time = False
        self.iterations = 0
        self.rounds = 0
        self.stall = 0
        self.pool: list[tuple[float, IntArray]] = []
        self.best_f = -np.inf
        self.best_p: IntArray | None = None

    # --- tabu search in chunks -------------------------------------------------------------

    def _new_seed(self) -> int:
        return int(self.rng.integers(2**31 - 1))

    def tabu_search(self, p: IntArray) -> tuple[IntArray, float, int]:
        """Tabu search from ``p`` in chunks, checking the clock between chunks."""
        pr = self.problem
        p = p.copy()
        M, sizes, cnt, cur = _k.tabu_start(
            pr.W, pr.U, pr.s, pr.lo, pr.hi, pr.locked, pr.A, pr.tab, self.has_min, p,
            pr.n_groups, self._new_seed(), pr.use_u,
        )  # fmt: skip
        run = _TabuRun(
            p=p,
            M=M,
            sizes=sizes,
            cnt=cnt,
            tabu=np.zeros((p.shape[0], pr.n_groups), dtype=np.int64),
            best_p=p.copy(),
            fstate=np.array([cur, cur], dtype=np.float64),
            istate=np.zeros(2, dtype=np.int64),
        )
        while self._chunk(run):
            pass
        bf = float(_k.objective(pr.W, pr.U, pr.A, pr.tab, run.best_p, pr.n_groups, pr.use_u))
        return run.best_p, bf, int(run.istate[0])

    def _chunk(self, run: _TabuRun) -> bool:
        """One chunk of tabu iterations sized to the clock; False when the search is over."""
        left = self.deadline - time.perf_counter()
        if left <= 0.0:
            self.out_of_time = True
            return False
        span = min(self.chunk_s, left)
        steps = (
            CALIBRATION_ITERATIONS if self.per_iter <= 0.0 else max(1, int(span / self.per_iter))
        )
        t = time.perf_counter()
        it_before = int(run.istate[0])
        pr = self.problem
        over = _k.tabu_steps(
            pr.W, pr.U, pr.s, pr.lo, pr.hi, pr.locked, pr.A, pr.tab, self.has_min, run.p,
            pr.n_groups, run.M, run.sizes, run.cnt, run.tabu, run.best_p, run.fstate,
            run.istate, steps, self.depth, self.tenure_base, self.tenure_rand, pr.use_u,
        )  # fmt: skip
        did = int(run.istate[0]) - it_before
        if did >= min(steps, CALIBRATION_ITERATIONS):
            self.per_iter = (time.perf_counter() - t) / did
        return not over

    def perturbed(self, p: IntArray, strength: int) -> IntArray:
        """``p`` after ``strength`` random size-feasible swaps (in place; returned for clarity)."""
        pr = self.problem
        _k.perturb(pr.s, pr.lo, pr.hi, pr.locked, p, pr.n_groups, strength, self._new_seed())
        return p

    # --- rounds ------------------------------------------------------------------------------

    def done(self) -> bool:
        if self.max_rounds is not None and self.rounds >= self.max_rounds:
            return True
        if self.target is not None and self.best_f >= self.target - 1e-9:
            return True
        if self.stall_rounds is not None and self.stall >= self.stall_rounds:
            return True
        return self.out_of_time or time.perf_counter() >= self.deadline

    def report(self) -> None:
        if self.progress is None:
            return
        elapsed = time.perf_counter() - self.t0
        frac = elapsed / self.time_limit if self.time_limit > 0 else 1.0
        if self.max_rounds is not None:
            frac = max(frac, self.rounds / self.max_rounds)
        self.progress(float(min(1.0, frac)))

    def round(self, p: IntArray, *, eps: float) -> tuple[IntArray, float, bool]:
        """Tabu search from ``p`` as one round; keeps a new best (better by more than ``eps``)."""
        bp, bf, it = self.tabu_search(p)
        self.iterations += it
        self.rounds += 1
        improved = bool(bf > self.best_f + eps)
        if improved:
            self.best_f, self.best_p = bf, bp
        return bp, bf, improved

    def fill_pool(
        self, start: IntArray | None, construct_from: IntArray | None, pool_size: int
    ) -> None:
        """The first population: each member constructed, then improved by tabu search."""
        pr = self.problem
        first = start if start is not None and not pr.locked.any() else None
        if first is not None:
            sizes0 = np.bincount(first, weights=pr.s, minlength=pr.n_groups)
            if np.any(sizes0 < pr.lo) or np.any(sizes0 > pr.hi):
                first = None
        for i in range(pool_size):
            if i == 0 and first is not None:
                p0 = first
            elif construct_from is not None:
                p0 = construct_from.copy()
                if i > 0:
                    self.perturbed(p0, self.strength)
            else:
                p0 = construct(pr, start, self.rng)
            bp, bf, _ = self.round(p0, eps=0.0)
            self.pool.append((bf, bp))
            self.report()
            if self.n_free < 2 or self.done():
                break

    def child(self) -> IntArray:
        """A crossover of two pool members (30 %) or a perturbed member, the best most often."""
        pool = self.pool
        r = self.rng.random()
        order = sorted(range(len(pool)), key=lambda j: -pool[j][0])
        if len(pool) >= 2 and r < 0.3:
            a, b = self.rng.choice(len(pool), size=2, replace=False)
            child = _crossover(self.problem, pool[int(a)][1], pool[int(b)][1], self.rng)
            if child is None:
                child = self.perturbed(pool[order[0]][1].copy(), self.strength)
            return child
        # Directed perturbation: the best member most often, others sometimes.
        j = order[0] if self.rng.random() < 0.6 else int(self.rng.integers(len(pool)))
        k = int(self.rng.integers(max(1, self.strength // 2), self.strength + 1))
        return self.perturbed(pool[j][1].copy(), k)

    def update_pool(self, bp: IntArray, bf: float) -> None:
        """Replace the worst member when the child is better and not a duplicate."""
        pool = self.pool
        worst = min(range(len(pool)), key=lambda j: pool[j][0])
        if bf > pool[worst][0] + 1e-9:
            dup = any(abs(bf - f) < 1e-9 and _distance(bp, q) == 0 for f, q in pool)
            if not dup:
                pool[worst] = (bf, bp)

    def outcome(self) -> SearchOutcome:
        assert self.best_p is not None
        return SearchOutcome(self.best_p, self.best_f, self.iterations, self.rounds)


def iterated_tabu(
    problem: UnitProblem,
    start: IntArray | None,
    *,
    seed: int,
    time_limit: float,
    max_rounds: int | None = None,
    progress: Callable[[float], None] | None = None,
    pool_size: int = 6,
    target: float | None = None,
    depth: int | None = None,
    stall_rounds: int | None = None,
    construct_from: IntArray | None = None,
) -> SearchOutcome:
    """Memetic iterated tabu search on a :class:`UnitProblem` (see module docstring).

    ``construct_from``: a solution within the size bounds (locked units in place) from which
    the population is drawn by random swaps instead of the greedy :func:`construct` (for
    problems whose bounds the greedy may miss, e.g. pairs and trios kept together).

    ``start`` gives the groups of locked units (and, when no unit is locked, an optional first
    solution). Stops within ``time_limit`` seconds (the clock is read between chunks of tabu
    iterations, see the module docstring), after ``max_rounds``
    rounds, after ``stall_rounds`` rounds in a row without a new best, or as soon as
    ``target`` is reached. ``depth`` is the number of non-improving tabu iterations that end a
    round (default: 15 per free unit, between 100 and 4000).
    """
    search = _MemeticSearch(
        problem,
        seed=seed,
        time_limit=time_limit,
        max_rounds=max_rounds,
        progress=progress,
        target=target,
        depth=depth,
        stall_rounds=stall_rounds,
    )
    search.fill_pool(start, construct_from, pool_size)
    if search.n_free < 2:
        return search.outcome()
    while not search.done():
        bp, bf, improved = search.round(search.child(), eps=1e-9)
        search.stall = 0 if improved else search.stall + 1
        search.update_pool(bp, bf)
        search.report()
    return search.outcome()


def _check_inputs(distance: Any, lower: Sequence[int], upper: Sequence[int]) -> FloatArray:
    d = np.asarray(distance, dtype=np.float64)
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        raise ValueError(f"distance must be a square matrix, got shape {d.shape}")
    if not np.allclose(d, d.T):
        raise ValueError("distance must be symmetric")
    if len(lower) != len(upper) or len(lower) == 0:
        raise ValueError("lower and upper must have the same, non-zero length (one per group)")
    n = d.shape[0]
    for g, (a, b) in enumerate(zip(lower, upper, strict=True)):
        if a < 0 or a > b:
            raise ValueError(f"group {g}: bounds {a}..{b} are not 0 <= lower <= upper")
    if sum(lower) > n or sum(upper) < n:
        raise ValueError(
            f"{n} elements do not fit the size bounds (they need between {sum(lower)} "
            f"and {sum(upper)} elements)"
        )
    return d


def solve_mdgp(
    distance: Any,
    lower: Sequence[int],
    upper: Sequence[int],
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    progress: Callable[[float], None] | None = None,
    fixed: Mapping[int, int] | None = None,
    forbidden_pairs: Sequence[tuple[int, int]] | None = None,
    max_rounds: int | None = None,
    target: float | None = None,
) -> MdgpResult:
    """Split n elements into G groups maximising the within-group sum of distances.

    Parameters
    ----------
    distance : array_like, shape (n, n)
        Symmetric distances (the diagonal is ignored).
    lower, upper : sequence of int, length G
        Size bounds per group.
    seed : int
        Seed of all random choices.
    time_limit : float
        Seconds of wall time (the search ends within it; see the module docstring).
    progress : callable, optional
        Called with the fraction (0..1) of the time/round budget used.
    fixed : mapping int -> int, optional
        Elements locked to a group.
    forbidden_pairs : sequence of (int, int), optional
        Pairs that must not share a group (a large penalty; reported in ``violated_pairs``).
    max_rounds : int, optional
        Round budget; with it the result does not depend on the machine's speed.
    target : float, optional
        Stop as soon as this objective is reached.

    Returns
    -------
    MdgpResult

    Notes
    -----
    One tabu iteration costs O(n^2); memory O(n^2 + nG).

    Examples
    --------
    >>> d = [[0, 1, 9, 9], [1, 0, 9, 9], [9, 9, 0, 1], [9, 9, 1, 0]]
    >>> r = solve_mdgp(d, [2, 2], [2, 2], time_limit=0.5, max_rounds=3)
    >>> r.objective
    18.0
    """
    t0 = time.perf_counter()
    d = _check_inputs(distance, lower, upper)
    n = d.shape[0]
    n_groups = len(lower)
    W = d.copy()
    np.fill_diagonal(W, 0.0)
    for i, j in forbidden_pairs or ():
        if i == j:
            raise ValueError(f"forbidden pair ({i}, {j}) names one element twice")
        W[i, j] = W[j, i] = -FORBIDDEN_PENALTY
    locked = np.zeros(n, dtype=np.bool_)
    start = np.zeros(n, dtype=np.int64)
    for i, g in (fixed or {}).items():
        if not 0 <= g < n_groups:
            raise ValueError(f"element {i} is fixed to group {g}, which does not exist")
        locked[i] = True
        start[i] = g
    problem = UnitProblem(
        W=W,
        U=np.zeros((1, 1)),
        s=np.ones(n, dtype=np.int64),
        lo=np.asarray(lower, dtype=np.int64),
        hi=np.asarray(upper, dtype=np.int64),
        locked=locked,
        A=np.zeros((n, 0), dtype=np.int64),
        tab=np.zeros((0, 3)),
        use_u=False,
    )
    out = iterated_tabu(
        problem,
        start if fixed else None,
        seed=seed,
        time_limit=time_limit - (time.perf_counter() - t0),
        max_rounds=max_rounds,
        progress=progress,
        target=target,
    )
    groups = tuple(tuple(int(i) for i in np.flatnonzero(out.p == g)) for g in range(n_groups))
    value = 0.0
    for grp in groups:
        idx = np.asarray(grp, dtype=np.int64)
        value += float(d[np.ix_(idx, idx)].sum() - np.trace(d[np.ix_(idx, idx)])) / 2.0
    violated = tuple((int(i), int(j)) for i, j in (forbidden_pairs or ()) if out.p[i] == out.p[j])
    return MdgpResult(
        groups=groups,
        objective=round(value, 9),
        seconds=time.perf_counter() - t0,
        iterations=out.iterations,
        rounds=out.rounds,
        violated_pairs=violated,
    )


def solve_mdgp_file(path: str, *, time_limit: float, seed: int) -> dict[str, Any]:
    """Solve an MDGPLIB instance file; for ``ontmoeting solve mdgp FILE --json``.

    Returns ``{"objective": float, "groups": [[element, ...], ...], "seconds": float}``.
    """
    from ontmoeting.engine.mdgplib import read_instance

    inst = read_instance(path)
    res = solve_mdgp(inst.distance, inst.lower, inst.upper, seed=seed, time_limit=time_limit)
    return {
        "objective": res.objective,
        "groups": [list(g) for g in res.groups],
        "seconds": res.seconds,
    }


def warm_up() -> float:
    """Compile (or load from cache) the numba kernels on a tiny instance; returns seconds."""
    t0 = time.perf_counter()
    d = np.arange(16, dtype=np.float64).reshape(4, 4)
    solve_mdgp(d + d.T, [2, 2], [2, 2], time_limit=5.0, max_rounds=1)
    return time.perf_counter() - t0
