"""The morning pairing: each student talks two hours with one expert by experience.

Method
------
1. :func:`~ontmoeting.engine.feasibility.pool` leaves out absent students and experts who are
   not available or not eligible; :func:`~ontmoeting.engine.feasibility.allowed_matrix` removes
   the pairs a hard rule forbids (knows, language, accessibility).
2. A maximum matching gives ``m``, the most students that can be served. Experts take one
   student; only when that serves fewer than everyone (experts are short, or the rules leave some
   students without a free expert) may experts take a second student (``max_per_expert``).
3. A linear assignment (``scipy.optimize.linear_sum_assignment``) over slot columns: expert ``j``
   has slots ``0..cap_j-1``, slot ``k`` costs ``k * P`` with ``P`` larger than any difference in
   score, so the fewest trios are used and the experts who take two are chosen optimally;
   ``S - m`` dummy columns absorb the students who cannot be served. Without spread penalties
   this is the exact optimum (lexicographic: most served, fewest trios, best score).
4. The spread penalties (domains and veteran/newcomer mix across class groups) couple pairs; they
   are handled by iterated linearisation (a few more assignments, the best true objective kept).
5. Quotas, or too few step-free places for the pairs with a step-free need, turn it into a MILP
   (:mod:`ontmoeting.engine.quotas`).
6. When not everyone can be served, a Hall witness names the smallest group of students who cannot
   all be served and the rules that remove their other options.

Complexity: people are grouped into types (:func:`~ontmoeting.engine.feasibility.pair_types`),
so rules and scores are tables over pairs of types (O(Ts * Te * L)); the LSA cost matrix is spread
from them in one pass (O(S * slots), the only dense matrix on the way of the exact method), then
one LSA, O(n^3) worst case (n = S + slots).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from ontmoeting.engine.feasibility import (
    BoolArray,
    IntArray,
    PairTypes,
    edge_rules,
    knows_pairs,
    pair_types,
    pool,
    type_rules,
)
from ontmoeting.engine.infeasibility import hall_witness, max_matching
from ontmoeting.engine.model import (
    DEFAULT_PAIRING_WEIGHTS,
    NO_QUOTAS,
    Expert,
    PairingWeights,
    Quotas,
    Student,
)
from ontmoeting.engine.quotas import CouplingRow, solve_pairing_milp
from ontmoeting.engine.results import Note, Violation

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Pair:
    """One morning conversation (a trio is two pairs with the same expert)."""

    student: str
    expert: str
    score: float
    reasons: tuple[Note, ...]


@dataclass(frozen=True)
class PairingWitness:
    """Students who cannot all be served, and why.

    Attributes
    ----------
    students : tuple of str
        The set S (inclusion-minimal Hall violator).
    experts : tuple of str
        N(S): every available expert some student of S may meet.
    capacity : int
        Places those experts have together (< len(students)).
    blocked : mapping of str to int
        Rule -> how many (student of S, other available expert) pairs it removes.
    blocked_pairs : tuple of (student, expert, rules)
        Every removed pair between S and the experts outside N(S), with its rules.
    left_out_experts : tuple of str
        Experts left out by the availability/eligibility rule.
    """

    students: tuple[str, ...]
    experts: tuple[str, ...]
    capacity: int
    blocked: Mapping[str, int]
    blocked_pairs: tuple[tuple[str, str, tuple[str, ...]], ...]
    left_out_experts: tuple[str, ...]

    def violation(self) -> Violation:
        """The witness as a violation: who cannot all be served, whom they may meet, why not
        the others (``students_cannot_be_served``)."""
        return Violation(
            "students_cannot_be_served",
            self.students,
            params={
                "experts": list(self.experts),
                "places": self.capacity,
                "blocked": dict(sorted(self.blocked.items(), key=lambda t: -t[1])),
                "left_out": len(self.left_out_experts),
            },
        )


@dataclass(frozen=True)
class PairingResult:
    """The morning pairing.

    Attributes
    ----------
    pairs : tuple of Pair
    unserved : tuple of str
        Students who take part but have no expert.
    surplus_experts : tuple of str
        Available experts without a student (they can still chair or join groups).
    objective : mapping of str to float
        Parts: "interest", "no_preference_veteran", "domain_spread" and "experience_spread"
        (penalties, subtracted), "trios" (count * trio_penalty, subtracted), "unserved" (count),
        "total" (= interest + no_preference_veteran - spreads - trios).
    violations : tuple of Violation
    notes : tuple of Note
    seconds : float
    feasible : bool
        True when every hard rule holds and every student is served.
    witness : PairingWitness or None
    left_out : tuple of str
        People left out by availability/eligibility.
    method : str
        "lsa", "lsa+spread" or "milp".
    """

    pairs: tuple[Pair, ...]
    unserved: tuple[str, ...]
    surplus_experts: tuple[str, ...]
    objective: Mapping[str, float]
    violations: tuple[Violation, ...]
    notes: tuple[Note, ...]
    seconds: float
    feasible: bool = True
    witness: PairingWitness | None = None
    left_out: tuple[str, ...] = ()
    method: str = "lsa"
    counts: Mapping[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------- scoring


def score_matrices(
    students: Sequence[Student], experts: Sequence[Expert], weights: PairingWeights
) -> tuple[FloatArray, FloatArray]:
    """(interest, veteran bonus) score matrices of shape (S, E).

    Scored once per pair of types (:func:`_score_tables`), then spread over the people: O(S * E).
    """
    types = pair_types(students, experts)
    interest, bonus = _score_tables(types.students, types.experts, weights)
    return types.expand(interest), types.expand(bonus)


def _score_tables(
    students: Sequence[Student], experts: Sequence[Expert], weights: PairingWeights
) -> tuple[FloatArray, FloatArray]:
    """(interest, veteran bonus) score matrices of shape (S, E), vectorised over the D domains:
    O(S * E * D). Called on the representatives of the types, so (S, E) is (Ts, Te) there."""
    n_s, n_e = len(students), len(experts)
    domains = sorted({d for e in experts for d in e.domains})
    didx = {d: k for k, d in enumerate(domains)}
    dm = np.zeros((n_e, len(domains)))
    hot = [(j, didx[d]) for j, e in enumerate(experts) for d in e.domains]
    dm[tuple(np.array(hot, dtype=np.intp).reshape(-1, 2).T)] = 1.0
    rank_w = np.zeros((n_s, len(domains)))
    for i, s in enumerate(students):
        for r, d in enumerate(s.interests[: len(weights.interest_ranks)]):
            if d in didx and rank_w[i, didx[d]] == 0.0:
                rank_w[i, didx[d]] = weights.interest_ranks[r]
    interest = np.zeros((n_s, n_e))
    for k in range(len(domains)):
        np.maximum(interest, rank_w[:, k : k + 1] * dm[None, :, k], out=interest)
    bonus = np.zeros((n_s, n_e))
    no_pref = [i for i, s in enumerate(students) if not s.interests]
    if no_pref and weights.no_preference_veteran:
        vet = np.array([e.veteran for e in experts], dtype=float)
        bonus[no_pref] = weights.no_preference_veteran * vet
    return interest, bonus


@dataclass
class _Spread:
    """Spread penalty across class groups: sum_c sum_k w_k n_ck (n_ck - 1) / (2 |c|)."""

    cls: npt.NDArray[np.int64]  # (S,) class index or -1 (no class group: not spread)
    size: FloatArray  # (C,)
    feat: FloatArray  # (E, K) weighted features: domains * w_dom, [veteran, newcomer] * w_exp
    w: FloatArray  # (K,)
    n_dom: int

    @property
    def active(self) -> bool:
        return bool((self.cls >= 0).any()) and bool((self.w > 0).any())

    def counts(self, assign: npt.NDArray[np.int64]) -> FloatArray:
        raw = (self.feat > 0).astype(float)
        n = np.zeros((self.size.size, self.feat.shape[1]))
        ok = (self.cls >= 0) & (assign >= 0)
        np.add.at(n, self.cls[ok], raw[assign[ok]])
        return n

    def penalty(self, assign: npt.NDArray[np.int64]) -> tuple[float, float]:
        n = self.counts(assign)
        per = (n * (n - 1) / 2.0) / np.maximum(self.size, 1.0)[:, None] * self.w[None, :]
        return float(per[:, : self.n_dom].sum()), float(per[:, self.n_dom :].sum())

    def marginal(self, assign: npt.NDArray[np.int64], n: FloatArray | None = None) -> FloatArray:
        """(S, E): penalty added by giving student s expert e, others fixed (counts ``n`` may be
        a smoothed, fractional version of ``counts(assign)``)."""
        n_s, n_e = self.cls.size, self.feat.shape[0]
        out = np.zeros((n_s, n_e))
        has = self.cls >= 0
        if not has.any():
            return out
        if n is None:
            n = self.counts(assign)
        raw = (self.feat > 0).astype(float)
        own = np.zeros((n_s, raw.shape[1]))
        mine = has & (assign >= 0)
        own[mine] = raw[assign[mine]]
        rows = np.flatnonzero(has)
        size = np.maximum(self.size[self.cls[rows]], 1.0)[:, None]
        excl = np.maximum(n[self.cls[rows]] - own[rows], 0.0) / size
        if rows.size == n_s:  # everyone has a class group: no copy into ``out``
            full: FloatArray = (excl * self.w[None, :]) @ raw.T
            return full
        out[rows] = (excl * self.w[None, :]) @ raw.T
        return out


def _spread(students: Sequence[Student], types: PairTypes, weights: PairingWeights) -> _Spread:
    """The spread penalty of ``students`` meeting the experts of ``types``: features per expert
    type, spread over the experts; O(S + E * K). Without spread weights the class groups are not
    read (no penalty: every student counts as outside any class group)."""
    weighted = weights.domain_spread != 0.0 or weights.experience_spread != 0.0
    groups = [s.class_group for s in students] if weighted else []
    classes = sorted({c for c in groups if c})
    cidx = {c: k for k, c in enumerate(classes)}
    cls = np.full(len(students), -1, dtype=np.int64)
    if weighted:
        cls[:] = [cidx.get(c, -1) for c in groups]
    size = np.bincount(cls[cls >= 0], minlength=len(classes)).astype(float)
    domains = sorted({d for e in types.experts for d in e.domains})
    didx = {d: k for k, d in enumerate(domains)}
    feat_t = np.zeros((len(types.experts), len(domains) + 2))
    for j, e in enumerate(types.experts):
        for d in e.domains:
            feat_t[j, didx[d]] = 1.0
        feat_t[j, len(domains) + (0 if e.veteran else 1)] = 1.0
    feat = feat_t[types.expert_type]
    w = np.array([weights.domain_spread] * len(domains) + [weights.experience_spread] * 2)
    return _Spread(cls=cls, size=size, feat=feat, w=w, n_dom=len(domains))


# ----------------------------------------------------------------------------- assignment


def _capacities(experts: Sequence[Expert], weights: PairingWeights) -> npt.NDArray[np.int64]:
    cap = [
        e.max_students if e.max_students is not None else weights.max_per_expert for e in experts
    ]
    return np.maximum(np.array(cap, dtype=np.int64), 0)


@dataclass
class _Tables:
    """The pairing in factored form: rules and scores per pair of types (see
    :class:`~ontmoeting.engine.feasibility.PairTypes`), plus the exceptions per person (``knows``
    pairs, fixed preferences). Dense (S, E) matrices are built only where they are needed.
    """

    types: PairTypes
    rules: BoolArray  # (Ts, Te) language and accessibility rules
    interest: FloatArray  # (Ts, Te)
    bonus: FloatArray  # (Ts, Te)
    score: FloatArray  # (Ts, Te) interest + bonus
    base: FloatArray  # (Ts, Te) -score, +inf where ``rules`` forbid the pair
    knows: tuple[IntArray, IntArray]  # (K,), (K,) student, expert of each pair ``knows`` forbids
    pinned: dict[int, int] = field(default_factory=dict)  # student -> the one expert allowed

    def at(self, table: FloatArray, rows: IntArray, cols: IntArray) -> FloatArray:
        """``table`` at the pairs (rows[k], cols[k]) of students and experts: shape (K,)."""
        values: FloatArray = table[self.types.student_type[rows], self.types.expert_type[cols]]
        return values

    def allows(self, i: int, j: int) -> bool:
        """True when student ``i`` may meet expert ``j`` (every hard rule, pins left aside)."""
        ki, kj = self.knows
        known = bool(((ki == i) & (kj == j)).any())
        return bool(self.rules[self.types.student_type[i], self.types.expert_type[j]]) and not known

    def allowed(self) -> BoolArray:
        """Dense (S, E) allowed matrix: the hard rules, and a pinned student only with their
        expert. O(S * E)."""
        a = self.types.expand(self.rules)
        a[self.knows] = False
        for i, j in self.pinned.items():
            a[i, :] = False
            a[i, j] = True
        return a

    def lsa_cost(
        self,
        rows: IntArray,
        slot_col: IntArray,
        slot_add: FloatArray,
        extra: FloatArray | None,
    ) -> FloatArray:
        """Dense LSA cost of shape (len(rows), len(slot_col)): ``-score + extra + slot_add``, +inf
        where the pair is not allowed.

        ``slot_col`` (sorted) names the expert of each column; ``slot_add`` (per column) is added
        last; ``extra`` (S, E) (the spread marginals) is optional. Each entry is computed with the
        same floating-point operations, in the same order, as from dense matrices. Without
        ``extra`` the columns are formed on the (Ts, Te) table and the rows gathered in one pass:
        O(rows * slots) time, one (rows, slots) float64 array, plus the (Ts, slots) table.
        """
        table = np.take(self.base, self.types.expert_type[slot_col], axis=1)
        if extra is None and slot_add.any():
            table += slot_add[None, :]
        cost: FloatArray = np.take(table, self.types.student_type[rows], axis=0)
        if extra is not None:
            sub = extra if rows.size == extra.shape[0] else extra[rows]
            cost += sub if np.array_equal(slot_col, np.arange(sub.shape[1])) else sub[:, slot_col]
            if slot_add.any():
                cost += slot_add[None, :]
        self._forbid(cost, rows, slot_col)
        return cost

    def _forbid(self, cost: FloatArray, rows: IntArray, slot_col: IntArray) -> None:
        """Set +inf in ``cost`` (rows x slot columns) for the ``knows`` pairs and, on a pinned
        student's row, for every expert but theirs. O(K + pins * slots)."""
        n_e = self.types.expert_type.size
        pos = np.full(self.types.student_type.size, -1, dtype=np.intp)
        pos[rows] = np.arange(rows.size)
        count = np.bincount(slot_col, minlength=n_e)
        first = np.cumsum(count) - count
        ki, kj = self.knows
        keep = (pos[ki] >= 0) & (count[kj] > 0)
        ki, kj = ki[keep], kj[keep]
        reps = count[kj]
        within = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        cost[np.repeat(pos[ki], reps), np.repeat(first[kj], reps) + within] = np.inf
        for i, j in self.pinned.items():
            r = int(pos[i])
            if r < 0:
                continue
            lo, hi = int(first[j]), int(first[j] + count[j])
            own = cost[r, lo:hi].copy()
            cost[r, :] = np.inf
            cost[r, lo:hi] = own


def _tables(ss: Sequence[Student], es: Sequence[Expert], weights: PairingWeights) -> _Tables:
    """Rules and scores of the pairing per pair of types; O(S + E + Ts * Te * (L + D))."""
    types = pair_types(ss, es)
    rules = type_rules(types)
    interest, bonus = _score_tables(types.students, types.experts, weights)
    score = interest + bonus
    base = np.where(rules, -score, np.inf)
    return _Tables(types, rules, interest, bonus, score, base, knows_pairs(ss, es))


def _assign(
    tables: _Tables,
    rows: IntArray,
    capacity: npt.NDArray[np.int64],
    served: int,
    slot_penalty: float,
    taken: npt.NDArray[np.int64],
    extra: FloatArray | None = None,
) -> npt.NDArray[np.int64]:
    """Min-cost assignment of the students ``rows`` to experts with capacities; returns, per row,
    the expert or -1.

    ``served`` rows get an expert (the maximum matching size, so a complete assignment exists);
    ``len(rows) - served`` zero-cost dummy columns take the others. Expert ``j`` has
    ``capacity[j]`` slot columns; slot ``k`` costs ``(taken[j] + k) * slot_penalty`` extra (places
    already used by locked pairs count first). ``extra`` (S, E) is added to the cost (spread
    marginals). Shape: (R, sum(capacity) + R - served) dense matrix (:meth:`_Tables.lsa_cost`).
    Raises ValueError (scipy) when the served rows cannot all get an allowed expert.
    """
    n_r = rows.size
    slot_col = np.repeat(np.arange(capacity.size), capacity)
    first = np.cumsum(capacity) - capacity
    slot_rank = np.arange(slot_col.size) - first[slot_col] + taken[slot_col]
    slot_add: FloatArray = slot_rank * np.float64(slot_penalty)
    cost = tables.lsa_cost(rows, slot_col, slot_add, extra)
    n_dummy = n_r - served
    if n_dummy:
        cost = np.hstack([cost, np.zeros((n_r, n_dummy))])
    assign = np.full(n_r, -1, dtype=np.int64)
    if n_r == 0 or cost.shape[1] == 0:
        return assign
    r, cols = linear_sum_assignment(cost)
    real = cols < slot_col.size
    assign[r[real]] = slot_col[cols[real]]
    return assign


# ----------------------------------------------------------------------------- explanations


def pair_reasons(s: Student, e: Expert, weights: PairingWeights, extra: bool) -> tuple[Note, ...]:
    """Why this pair: the interest it meets (or why none), the common languages, the needs it
    meets, a trio. Codes: ``interest`` (rank, domain), ``no_interest_available``,
    ``no_interest_veteran``, ``no_interest``, ``common_language`` (languages),
    ``no_common_language``, ``needs_met`` (needs), ``needs_step_free``, ``trio``."""
    out: list[Note] = []
    for r, d in enumerate(s.interests):
        if d in e.domains:
            out.append(Note("interest", {"rank": r + 1, "domain": d}))
            break
    else:
        if s.interests:
            out.append(Note("no_interest_available"))
        elif e.veteran and weights.no_preference_veteran > 0:
            out.append(Note("no_interest_veteran"))
        else:
            out.append(Note("no_interest"))
    common = sorted(s.languages & e.languages)
    out.append(
        Note("common_language", {"languages": common}) if common else Note("no_common_language")
    )
    met = sorted(n for n in s.needs | e.needs if n != "step_free")
    if met:
        out.append(Note("needs_met", {"needs": met}))
    if "step_free" in s.needs | e.needs:
        out.append(Note("needs_step_free"))
    if extra:
        out.append(Note("trio"))
    return tuple(out)


def _witness(
    students: Sequence[Student],
    experts: Sequence[Expert],
    allowed: npt.NDArray[np.bool_],
    capacity: npt.NDArray[np.int64],
    left_out: Sequence[Expert],
) -> PairingWitness | None:
    hw = hall_witness(allowed, capacity)
    if hw is None:
        return None
    s_set = [students[i] for i in hw.rows]
    n_set = set(hw.columns)
    blocked: dict[str, int] = {}
    bp: list[tuple[str, str, tuple[str, ...]]] = []
    for s in s_set:
        for j, e in enumerate(experts):
            if j in n_set:
                continue
            rules = edge_rules(s, e)
            if not rules and capacity[j] == 0:
                rules = ("capacity",)
            bp.append((s.ref, e.ref, rules))
            for r in rules:
                blocked[r] = blocked.get(r, 0) + 1
    return PairingWitness(
        students=tuple(s.ref for s in s_set),
        experts=tuple(experts[j].ref for j in hw.columns),
        capacity=hw.capacity,
        blocked=blocked,
        blocked_pairs=tuple(bp),
        left_out_experts=tuple(e.ref for e in left_out),
    )


def _quota_rows(
    students: Sequence[Student],
    experts: Sequence[Expert],
    quotas: Quotas,
    step_free_pairs: int | None,
) -> list[CouplingRow]:
    n_s, n_e = len(students), len(experts)
    rows: list[CouplingRow] = []
    for d, k in sorted(quotas.min_per_domain.items()):
        col = np.array([d in e.domains for e in experts], dtype=bool)
        rows.append(CouplingRow("quota_domain", (d,), np.broadcast_to(col, (n_s, n_e)), k, True))
    if quotas.max_class_domain_share is not None:
        classes = sorted({s.class_group for s in students if s.class_group})
        for c in classes:
            r = np.array([s.class_group == c for s in students], dtype=bool)
            bound = math.ceil(quotas.max_class_domain_share * int(r.sum()) - 1e-9)
            for d in sorted({d for e in experts for d in e.domains}):
                col = np.array([d in e.domains for e in experts], dtype=bool)
                rows.append(
                    CouplingRow("quota_class_share", (c, d), np.outer(r, col), bound, False)
                )
    if step_free_pairs is not None:
        sr = np.array(["step_free" in s.needs for s in students], dtype=bool)
        er = np.array(["step_free" in e.needs for e in experts], dtype=bool)
        rows.append(CouplingRow("step_free", (), sr[:, None] | er[None, :], step_free_pairs, False))
    return rows


def _row_violation(row: CouplingRow, slack: float) -> Violation:
    """A quota or step-free row of the MILP that could not be met by ``slack``."""
    k = round(slack)
    if row.name == "quota_domain":
        params = {"domain": row.key[0], "reached": row.bound - k, "required": row.bound}
        return Violation("quota_domain", params=params)
    if row.name == "quota_class_share":
        params = {
            "class_group": row.key[0],
            "domain": row.key[1],
            "count": row.bound + k,
            "allowed": row.bound,
        }
        return Violation("quota_class_share", params=params)
    return Violation("step_free_places", params={"places": row.bound, "needed": row.bound + k})


def _resolve_locks(
    ss: Sequence[Student],
    es: Sequence[Expert],
    locked_pairs: Sequence[tuple[str, str]],
    capacity: npt.NDArray[np.int64],
) -> tuple[dict[int, int], list[Violation], list[Note]]:
    """Locked pairs as student index -> expert index, with the violations and notes they cause.

    A lock naming someone who does not take part (absent, not eligible, unknown) is dropped and
    reported as a soft ``locked_pair_dropped``; a second lock of the same student likewise. A
    lock that breaks a hard rule is kept (the coordinator decided) and every broken rule is
    reported as a hard violation of the pair (the edge rule, by the plan check); so are locks
    beyond an expert's capacity (``expert_over_capacity``).
    """
    if not locked_pairs:
        return {}, [], []
    s_index = {s.ref: i for i, s in enumerate(ss)}
    e_index = {e.ref: j for j, e in enumerate(es)}
    locks: dict[int, int] = {}
    violations: list[Violation] = []
    for s_ref, e_ref in locked_pairs:
        i, j = s_index.get(s_ref), e_index.get(e_ref)
        if i is None or j is None:
            gone = [r for r, k in ((s_ref, i), (e_ref, j)) if k is None]
            params: dict[str, object] = {"why": "not_taking_part", "who": gone}
        elif i in locks:
            params = {"why": "already_locked", "with": es[locks[i]].ref}
        else:
            locks[i] = j
            violations += [Violation(rule, (s_ref, e_ref)) for rule in edge_rules(ss[i], es[j])]
            continue
        violations.append(
            Violation("locked_pair_dropped", (s_ref, e_ref), hard=False, params=params)
        )
    per_expert = Counter(locks.values())
    for j, k in sorted(per_expert.items()):
        if k > max(int(capacity[j]), 1):
            refs = (es[j].ref, *(ss[i].ref for i, jj in sorted(locks.items()) if jj == j))
            violations.append(
                Violation(
                    "expert_over_capacity", refs, params={"count": k, "max": int(capacity[j])}
                )
            )
    notes = [Note("locked_pairs_kept", {"count": len(locks)})] if locks else []
    return locks, violations, notes


def solve_pairing(
    students: Sequence[Student],
    experts: Sequence[Expert],
    *,
    weights: PairingWeights = DEFAULT_PAIRING_WEIGHTS,
    quotas: Quotas = NO_QUOTAS,
    step_free_pairs: int | None = None,
    fixed: Mapping[str, str] | None = None,
    locked_pairs: Sequence[tuple[str, str]] = (),
    seed: int = 0,
    time_limit: float = 10.0,
    progress: Callable[[float], None] | None = None,
) -> PairingResult:
    """Pair every available student with one expert (see the module docstring).

    Parameters
    ----------
    students, experts : sequences of Student / Expert
    weights : PairingWeights
    quotas : Quotas
        Optional hard quotas (MILP).
    step_free_pairs : int or None
        How many pairs the step-free conversation rooms hold; None = not limited.
    fixed : mapping of str to str
        Preferences: student ref -> expert ref (kept unless a hard rule forbids the pair).
    locked_pairs : sequence of (student ref, expert ref)
        Pairs that must stay (a coordinator's locks for re-planning): they are taken out of the
        assignment and added back, so they hold even when they break a hard rule; each broken
        rule is then reported as a hard violation naming the lock. Locks naming someone who
        does not take part are dropped (soft "locked_pair" violation). Locked students use
        their expert's places first (a second place is a trio).
    seed : int
        Unused by the exact method (kept for a uniform engine API; the result is deterministic).
    time_limit : float
        Seconds (the spread iterations and the MILP stop early).
    progress : callable or None
        Called with the fraction done (0..1).
    """
    del seed
    start = time.perf_counter()
    ss, es, s_out, e_out = pool(students, experts)
    tables = _tables(ss, es, weights)
    cap_max = (
        _capacities(es, weights) if weights.allow_trios else np.minimum(_capacities(es, weights), 1)
    )
    locks, violations, notes = _resolve_locks(ss, es, locked_pairs, cap_max)
    violations += _pin_preferences(ss, es, tables, fixed or {}, locks)
    pb = _Problem(ss, es, tables, _spread(ss, tables.types, weights), weights, locks)
    # the locked students are taken out of the assignment; their experts' places are used
    first, capacity, served, a_free = _first_assignment(
        pb, np.maximum(np.minimum(cap_max, 1) - pb.taken, 0), np.maximum(cap_max - pb.taken, 0)
    )
    if progress:
        progress(0.1)
    witness = None
    if served < pb.free.size:
        witness = _witness([ss[int(i)] for i in pb.free], es, a_free, capacity, e_out)
    slot_penalty = pb.slot_penalty(capacity)
    deadline = start + 0.6 * time_limit
    assign = first if first is not None else pb.lsa(capacity, served, slot_penalty)
    best, best_parts, method = _spread_search(
        pb, assign, capacity, served, slot_penalty, deadline, progress
    )
    rows = _milp_rows(ss, es, quotas, step_free_pairs, best)
    if rows:
        method = "milp"
        milp = _milp(
            pb,
            best,
            rows,
            capacity,
            served,
            slot_penalty,
            max(1.0, time_limit - (time.perf_counter() - start)),
        )
        if milp.parts is not None:
            best, best_parts = milp.assign, milp.parts
        violations += milp.violations
        notes += milp.notes
    if progress:
        progress(0.9)
    if progress:
        progress(1.0)
    return _pairing_result(
        pb, best, best_parts, method, witness, violations, notes, (s_out, e_out), start
    )


def _pin_preferences(
    ss: Sequence[Student],
    es: Sequence[Expert],
    tables: _Tables,
    fixed: Mapping[str, str],
    locks: Mapping[int, int],
) -> list[Violation]:
    """Pin each unlocked student with a preference to that expert (in ``tables.pinned``); a
    preference naming someone not taking part, or a pair a hard rule forbids, is dropped and
    reported (soft ``preference_dropped``)."""
    if not fixed:
        return []
    e_index = {e.ref: j for j, e in enumerate(es)}
    dropped: list[Violation] = []
    for i, s in enumerate(ss):
        target = fixed.get(s.ref)
        if target is None or i in locks:
            continue
        j = e_index.get(target)
        if j is None or not tables.allows(i, j):
            dropped.append(Violation("preference_dropped", (s.ref, target), hard=False))
            continue
        tables.pinned[i] = j
    return dropped


@dataclass
class _Problem:
    """One pairing as the assignment steps see it: the people, the tables, the spread penalty,
    and the locked students (``l_rows``, with their experts ``l_cols``), who are taken out of
    the assignment (``free`` are the others) and use ``taken`` places of their experts."""

    ss: Sequence[Student]
    es: Sequence[Expert]
    tables: _Tables
    spread: _Spread
    weights: PairingWeights
    locks: Mapping[int, int]
    l_rows: npt.NDArray[np.int64] = field(init=False)
    l_cols: npt.NDArray[np.int64] = field(init=False)
    free: npt.NDArray[np.int64] = field(init=False)
    taken: npt.NDArray[np.int64] = field(init=False)

    def __post_init__(self) -> None:
        self.l_rows = np.array(sorted(self.locks), dtype=np.int64)
        self.l_cols = np.array([self.locks[int(i)] for i in self.l_rows], dtype=np.int64)
        is_free = np.ones(len(self.ss), dtype=bool)
        is_free[self.l_rows] = False
        self.free = np.flatnonzero(is_free).astype(np.int64)
        self.taken = np.bincount(self.l_cols, minlength=len(self.es)).astype(np.int64)

    def lsa(
        self,
        cap: npt.NDArray[np.int64],
        served_f: int,
        penalty: float,
        extra: FloatArray | None = None,
    ) -> npt.NDArray[np.int64]:
        """Assignment of every student (locked ones included) from one LSA on the free ones, of
        cost -score + extra."""
        out = np.full(len(self.ss), -1, dtype=np.int64)
        out[self.l_rows] = self.l_cols
        out[self.free] = _assign(self.tables, self.free, cap, served_f, penalty, self.taken, extra)
        return out

    def slot_penalty(self, capacity: npt.NDArray[np.int64]) -> float:
        """The cost of an expert's second place: more than any difference in score and spread,
        so the fewest trios are used; 0 when no expert has a second place."""
        spread = self.spread
        spread_span = float(spread.w.max(initial=0.0)) * float(
            (spread.feat > 0).sum(1).max(initial=0)
        )
        span = float(self.tables.score.max(initial=0.0)) + spread_span + 1.0
        extra_place = (capacity + self.taken > 1) & (capacity > 0)
        return (len(self.ss) + 1) * span if extra_place.any() else 0.0

    def parts(self, assign: npt.NDArray[np.int64]) -> dict[str, float]:
        """The objective parts of ``assign`` (see :class:`PairingResult`)."""
        tables, spread = self.tables, self.spread
        rows = np.flatnonzero(assign >= 0)
        ds, de = spread.penalty(assign) if spread.active else (0.0, 0.0)
        per_expert = np.bincount(assign[rows], minlength=len(self.es))
        trios = float(np.maximum(per_expert - 1, 0).sum())
        parts = {
            "interest": float(tables.at(tables.interest, rows, assign[rows]).sum()),
            "no_preference_veteran": float(tables.at(tables.bonus, rows, assign[rows]).sum()),
            "domain_spread": ds,
            "experience_spread": de,
            "trios": trios * self.weights.trio_penalty,
            "unserved": float(len(self.ss) - rows.size),
        }
        parts["total"] = (
            parts["interest"] + parts["no_preference_veteran"] - ds - de - parts["trios"]
        )
        return parts


def _first_assignment(
    pb: _Problem, cap_one: npt.NDArray[np.int64], cap_max: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64] | None, npt.NDArray[np.int64], int, BoolArray]:
    """How many free students can be served and with which capacities: one place per expert
    when that serves everyone, else the second places too (trios). Returns (the assignment
    when the fast path found one, the capacities, the free students served, the allowed matrix
    of the free students — empty on the fast path, where everyone is served)."""
    n_f = int(pb.free.size)
    if n_f <= int(cap_one.sum()):
        # fast path: one expert each may serve everyone; the LSA itself tells (no matching)
        try:
            return pb.lsa(cap_one, n_f, 0.0), cap_one, n_f, np.zeros((0, 0), dtype=bool)
        except ValueError:  # "cost matrix is infeasible"
            pass
    a_free = pb.tables.allowed()[pb.free]
    # fewer places than students (experts are short): one each cannot serve everyone
    short = n_f > int(cap_one.sum())
    m1 = -1 if short else int((max_matching(a_free, cap_one)[0] >= 0).sum())
    if m1 == n_f:
        return None, cap_one, n_f, a_free
    return None, cap_max, int((max_matching(a_free, cap_max)[0] >= 0).sum()), a_free


def _spread_search(
    pb: _Problem,
    assign: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    served: int,
    slot_penalty: float,
    deadline: float,
    progress: Callable[[float], None] | None,
) -> tuple[npt.NDArray[np.int64], dict[str, float], str]:
    """The spread penalties by iterated linearisation from ``assign`` (Frank-Wolfe-like:
    linearised around smoothed counts, so that the whole class does not jump from one domain
    to the next together); the best true objective is kept. Returns (best, its parts,
    method)."""
    best, best_parts = assign, pb.parts(assign)
    if not pb.spread.active:
        return best, best_parts, "lsa"
    n_smooth = pb.spread.counts(assign)
    iterations = pb.weights.spread_iterations
    for it in range(iterations):
        if time.perf_counter() > deadline:
            break
        new = pb.lsa(capacity, served, slot_penalty, pb.spread.marginal(assign, n_smooth))
        parts = pb.parts(new)
        if parts["total"] > best_parts["total"] + 1e-9:
            best, best_parts = new, parts
        if np.array_equal(new, assign):
            break
        gamma = 2.0 / (it + 3.0)
        n_smooth = (1 - gamma) * n_smooth + gamma * pb.spread.counts(new)
        assign = new
        if progress:
            progress(0.1 + 0.5 * (it + 1) / iterations)
    return best, best_parts, "lsa+spread"


def _milp_rows(
    ss: Sequence[Student],
    es: Sequence[Expert],
    quotas: Quotas,
    step_free_pairs: int | None,
    best: npt.NDArray[np.int64],
) -> list[CouplingRow]:
    """The quota rows, and the step-free row when ``best`` needs more step-free places than
    ``step_free_pairs``: the coupling rows the MILP must meet (none: no MILP)."""
    rows = _quota_rows(ss, es, quotas, None)
    if step_free_pairs is not None:
        sf = _quota_rows(ss, es, Quotas(), step_free_pairs)[0]
        used = int(sf.mask[np.flatnonzero(best >= 0), best[best >= 0]].sum())
        if used > step_free_pairs:
            rows.append(sf)
    return rows


@dataclass(frozen=True)
class _MilpOutcome:
    assign: npt.NDArray[np.int64]
    parts: dict[str, float] | None  # None: no MILP solution, ``assign`` is the one given
    violations: list[Violation]
    notes: list[Note]


def _milp(
    pb: _Problem,
    best: npt.NDArray[np.int64],
    rows: list[CouplingRow],
    capacity: npt.NDArray[np.int64],
    served: int,
    slot_penalty: float,
    time_limit: float,
) -> _MilpOutcome:
    """The pairing with the coupling ``rows`` (quotas, step-free places) as a MILP around
    ``best``: a row that cannot be met is a violation; no solution keeps ``best``."""
    tables = pb.tables
    cost = -tables.types.expand(tables.score) + (
        pb.spread.marginal(best) if pb.spread.active else 0.0
    )
    # the MILP keeps every student; a locked student may only have the locked expert
    allowed_m = tables.allowed()
    allowed_m[pb.l_rows] = False
    allowed_m[pb.l_rows, pb.l_cols] = True
    out = solve_pairing_milp(
        allowed_m,
        cost,
        capacity + pb.taken,
        served + int(pb.l_rows.size),
        rows,
        trio_cost=slot_penalty,
        time_limit=time_limit,
    )
    if out is None:
        return _MilpOutcome(best, None, [], [Note("milp_no_solution")])
    notes = [] if out.optimal else [Note("milp_stopped_early", {"status": out.message})]
    violations = [
        _row_violation(row, sl) for row, sl in zip(rows, out.slack, strict=True) if sl > 0.5
    ]
    return _MilpOutcome(out.assign, pb.parts(out.assign), violations, notes)


def _pairing_result(
    pb: _Problem,
    best: npt.NDArray[np.int64],
    best_parts: Mapping[str, float],
    method: str,
    witness: PairingWitness | None,
    violations: list[Violation],
    notes: list[Note],
    left_out: tuple[Sequence[Student], Sequence[Expert]],
    start: float,
) -> PairingResult:
    """The result of the assignment ``best`` (student index -> expert index or -1): the pairs
    with their reasons, who is unserved or without a student, and every finding."""
    ss, es, n_s, n_e = pb.ss, pb.es, len(pb.ss), len(pb.es)
    s_out, e_out = left_out
    per_expert = np.bincount(best[best >= 0], minlength=n_e)
    pairs = _pairs(pb, best)
    unserved = tuple(ss[i].ref for i in np.flatnonzero(best < 0).tolist())
    surplus = tuple(es[j].ref for j in np.flatnonzero(per_expert == 0).tolist())
    if witness is not None:
        violations.append(witness.violation())
    violations += [Violation("unserved", (ref,)) for ref in unserved]
    n_trios = int(np.maximum(per_expert - 1, 0).sum())
    made = {
        "pairs": len(pairs),
        "students": n_s,
        "experts": int((per_expert > 0).sum()),
        "trios": n_trios,
        "surplus": len(surplus),
        "method": method,
    }
    notes.insert(0, Note("pairs_made", made))
    if s_out or e_out:
        notes.append(Note("left_out", {"students": len(s_out), "experts": len(e_out)}))
    return PairingResult(
        pairs=tuple(pairs),
        unserved=unserved,
        surplus_experts=surplus,
        objective=best_parts,
        violations=tuple(violations),
        notes=tuple(notes),
        seconds=time.perf_counter() - start,
        feasible=not any(v.hard for v in violations),
        witness=witness,
        left_out=tuple(s.ref for s in s_out) + tuple(e.ref for e in e_out),
        method=method,
        counts={"trios": n_trios, "served": len(pairs), "students": n_s, "experts": n_e},
    )


def _pairs(pb: _Problem, best: npt.NDArray[np.int64]) -> list[Pair]:
    """The pairs of ``best`` by student, each with its score and reasons (an expert's second
    student is their trio)."""
    tables = pb.tables
    paired = np.flatnonzero(best >= 0)
    scores = tables.at(tables.score, paired, best[paired]).tolist()
    seen: dict[int, int] = {}
    pairs: list[Pair] = []
    for i, j, score in zip(paired.tolist(), best[paired].tolist(), scores, strict=True):
        seen[j] = seen.get(j, 0) + 1
        s, e = pb.ss[i], pb.es[j]
        pairs.append(
            Pair(
                s.ref,
                e.ref,
                round(float(score), 6),
                pair_reasons(s, e, pb.weights, extra=seen[j] > 1)
                + ((Note("locked"),) if i in pb.locks else ()),
            )
        )
    return pairs
