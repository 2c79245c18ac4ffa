"""Afternoon discussion groups: a maximally diverse grouping with composition rules.

Hard rules: every group has exactly one chair (an expert willing to chair), group sizes within
``min_size..max_size`` (chair included), ``keep_together`` pairs share a group, ``apart`` pairs
never do, and the locks ``fixed`` / ``fixed_chairs`` hold.

Soft rules (scored, see :func:`score_grouping`): diversity (the MDGP objective on an attribute
distance), balance (each category value and the group sizes spread evenly), no isolated minority
(a minority value present exactly once in a group), chairs who chaired before, and stability with
respect to a ``previous`` grouping.

Method. Keep-together pairs are merged into units (union-find); the problem becomes a
generalised MDGP over units solved by the iterated tabu search of :mod:`.mdgp`:

- pair weights ``W`` = diversity - balance - a large penalty per ``apart`` pair;
- unary weights ``U`` = stability (members moved away from ``previous``);
- count penalties: a group with nobody willing to chair (large), a group without a chair who
  chaired before (``chair_experience``), a minority value present exactly once (``isolation``);
- locked units (``fixed``, ``fixed_chairs``) never move.

The chair of each group is then its willing expert who chaired before (else any willing expert),
so the choice of chairs is optimised jointly with the groups. Before searching, conflicts that
make every grouping invalid are detected and explained by name (too few willing chairs, a
keep-together chain that is also apart, contradicting locks, sizes that cannot add up, ...).
"""

# Matrix names (W, U, A, K, G) follow the mathematical notation of the docstrings.
# ruff: noqa: N806

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from ontmoeting.engine.mdgp import UnitProblem, construct, iterated_tabu
from ontmoeting.engine.results import RuleCheck, Violation

HARD = 1.0e6  # penalty of a broken hard rule inside the search
SIZE_PAIR = 1.0  # balance penalty per pair of members in one group (evens out group sizes)


@dataclass(frozen=True)
class GroupMember:
    """A participant of the afternoon: a student or an expert (who may chair)."""

    ref: str
    role: str  # "student" | "expert"
    can_chair: bool = False
    chaired_before: bool = False
    categories: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupingWeights:
    """Weights of the soft rules (all >= 0)."""

    diversity: float = 1.0
    balance: float = 1.0
    chair_experience: float = 0.5
    stability: float = 0.0
    isolation: float = 5.0  # per group where a minority value is present exactly once


@dataclass(frozen=True)
class GroupingProblem:
    """Input of :func:`solve_grouping`; see the module docstring for the rules.

    ``minority_categories`` (None = all of ``spread``) are the categories whose minority values
    must not be isolated; a value is a minority when at least 2 and at most a half of the mean
    count per value of its category carry it, and fewer than two per group.
    """

    members: Sequence[GroupMember]
    n_groups: int
    min_size: int
    max_size: int
    keep_together: Sequence[tuple[str, str]] = ()
    apart: Sequence[tuple[str, str]] = ()
    fixed: Mapping[str, int] = field(default_factory=dict)
    fixed_chairs: Mapping[int, str] = field(default_factory=dict)
    previous: Mapping[str, int] | None = None
    spread: Sequence[str] = ("domain", "experience", "gender", "class_group")
    weights: GroupingWeights = GroupingWeights()
    minority_categories: Sequence[str] | None = None


@dataclass(frozen=True)
class Group:
    index: int
    chair: str  # "" when no member can chair
    members: tuple[str, ...]  # includes the chair (listed first)


@dataclass(frozen=True)
class GroupingResult:
    groups: tuple[Group, ...]
    objective: Mapping[str, float]
    checks: tuple[RuleCheck, ...]
    violations: tuple[Violation, ...]
    feasible: bool
    explanation: tuple[str, ...]
    seconds: float


def suggest_group_count(n_members: int, n_chairs: int, min_size: int, max_size: int) -> int:
    """Number of groups closest to the middle size that the sizes and the chairs allow.

    Returns the count G with ``ceil(n/max) <= G <= floor(n/min)`` and ``G <= n_chairs`` whose
    mean size is nearest ``(min + max) / 2``; if no count satisfies all, the smallest count the
    sizes allow (the solver will then explain the shortage of chairs).

    >>> suggest_group_count(216, 40, 8, 12)
    22
    """
    if n_members <= 0 or min_size <= 0 or max_size < min_size:
        raise ValueError("need n_members > 0 and 0 < min_size <= max_size")
    lo_g = math.ceil(n_members / max_size)
    hi_g = min(n_members // min_size, n_chairs)
    if hi_g < lo_g:
        return max(1, lo_g)
    mid = (min_size + max_size) / 2
    return min(range(lo_g, hi_g + 1), key=lambda g: (abs(n_members / g - mid), g))


# ----------------------------------------------------------------------------------- helpers


def _names(refs: Sequence[str], limit: int = 12) -> str:
    refs = list(refs)
    text = ", ".join(refs[:limit])
    return text + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


class _Index:
    """Member lookups shared by the solver and the checker."""

    def __init__(self, problem: GroupingProblem) -> None:
        self.members = list(problem.members)
        self.pos: dict[str, int] = {}
        for i, mem in enumerate(self.members):
            if mem.ref in self.pos:
                raise ValueError(f"member {mem.ref!r} is listed twice")
            self.pos[mem.ref] = i
        for what, pairs in (("keep_together", problem.keep_together), ("apart", problem.apart)):
            for a, b in pairs:
                for r in (a, b):
                    if r not in self.pos:
                        raise ValueError(f"{what} names {r!r}, who is not a member")
        for r, g in problem.fixed.items():
            if r not in self.pos:
                raise ValueError(f"fixed names {r!r}, who is not a member")
            if not 0 <= g < problem.n_groups:
                raise ValueError(f"{r} is fixed to group {g}, which does not exist")
        for g, r in problem.fixed_chairs.items():
            if r not in self.pos:
                raise ValueError(f"fixed_chairs names {r!r}, who is not a member")
            if not 0 <= g < problem.n_groups:
                raise ValueError(f"{r} is fixed as chair of group {g}, which does not exist")
        if problem.n_groups < 1:
            raise ValueError("n_groups must be at least 1")
        self.problem = problem
        self.cats = list(dict.fromkeys(problem.spread))
        minority_cats = (
            self.cats if problem.minority_categories is None else list(problem.minority_categories)
        )
        self.minority: list[tuple[str, str]] = []  # (category, value)
        for c in minority_cats:
            counts = Counter(m.categories[c] for m in self.members if c in m.categories)
            if not counts:
                continue
            mean = sum(counts.values()) / len(counts)
            for v, k in sorted(counts.items()):
                if 2 <= k <= mean / 2 and k < 2 * problem.n_groups:
                    self.minority.append((c, v))

    def willing(self, ref: str) -> bool:
        mem = self.members[self.pos[ref]]
        return mem.role == "expert" and mem.can_chair

    def chair_of(self, refs: Sequence[str]) -> str:
        """The chair a group with these members gets: a willing expert who chaired before."""
        cands = [r for r in refs if self.willing(r)]
        if not cands:
            return ""
        seasoned = [r for r in cands if self.members[self.pos[r]].chaired_before]
        return (seasoned or cands)[0]


def _components(idx: _Index) -> list[list[int]]:
    """Keep-together components (union-find), each a sorted list of member positions."""
    parent = list(range(len(idx.members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in idx.problem.keep_together:
        ra, rb = find(idx.pos[a]), find(idx.pos[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = {}
    for i in range(len(idx.members)):
        comps.setdefault(find(i), []).append(i)
    return list(comps.values())


# ------------------------------------------------------------------------- scoring and checks


def _pair_matrices(idx: _Index) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Attribute distance d (n x n, in [0, 1]) and same-value share (n x n, in [0, 1]).

    Categories are ``spread`` plus the role; d counts categories where two members differ (one
    having a value the other lacks counts as differing), the same-value share those where both
    have the same value; both are divided by the number of categories.
    """
    n = len(idx.members)
    cats = [*idx.cats, "\0role"]
    d = np.zeros((n, n))
    same = np.zeros((n, n))
    for c in cats:
        vals = [m.role if c == "\0role" else m.categories.get(c) for m in idx.members]
        codes = {v: k for k, v in enumerate(sorted({v for v in vals if v is not None}))}
        x = np.array([codes[v] if v is not None else -1 for v in vals])
        both_missing = (x[:, None] < 0) & (x[None, :] < 0)
        eq = x[:, None] == x[None, :]
        d += (~eq) & ~both_missing
        same += eq & ~both_missing
    d /= len(cats)
    same /= len(cats)
    np.fill_diagonal(d, 0.0)
    np.fill_diagonal(same, 0.0)
    return d, same


def score_grouping(problem: GroupingProblem, groups: Sequence[Group]) -> dict[str, float]:
    """Objective parts of a grouping (higher is better; penalties are negative).

    - ``diversity``: ``weights.diversity`` x sum over groups of the attribute distance of every
      pair in the group;
    - ``balance``: ``-weights.balance`` x sum over pairs in a group of (same-value share + 1),
      i.e. penalises uneven category counts and uneven group sizes (both are convex);
    - ``chair_experience``: ``weights.chair_experience`` x number of chairs who chaired before;
    - ``stability``: ``-weights.stability`` x members not in their ``previous`` group;
    - ``isolated_minority``: ``-weights.isolation`` x (group, minority value) with one member;
    - ``total``: the sum.
    """
    idx = _Index(problem)
    d, same = _pair_matrices(idx)
    return _score_parts(idx, d, same, groups)


def _score_parts(
    idx: _Index, d: npt.NDArray[np.float64], same: npt.NDArray[np.float64], groups: Sequence[Group]
) -> dict[str, float]:
    """:func:`score_grouping` with the member index and pair matrices already built."""
    problem = idx.problem
    w = problem.weights
    div = bal = 0.0
    chair_exp = 0.0
    moved = 0
    isolated = 0
    for grp in groups:
        ii = np.array([idx.pos[r] for r in grp.members], dtype=np.int64)
        div += float(d[np.ix_(ii, ii)].sum()) / 2
        k = ii.shape[0]
        bal += float(same[np.ix_(ii, ii)].sum()) / 2 + SIZE_PAIR * k * (k - 1) / 2
        if grp.chair and idx.members[idx.pos[grp.chair]].chaired_before:
            chair_exp += 1
        if problem.previous is not None:
            moved += sum(
                1 for r in grp.members if r in problem.previous and problem.previous[r] != grp.index
            )
        for c, v in idx.minority:
            if sum(1 for r in grp.members if idx.members[idx.pos[r]].categories.get(c) == v) == 1:
                isolated += 1
    parts = {
        "diversity": w.diversity * div,
        "balance": -w.balance * bal,
        "chair_experience": w.chair_experience * chair_exp,
        "stability": -w.stability * moved,
        "isolated_minority": -w.isolation * isolated,
    }
    parts["total"] = sum(parts.values())
    return parts


def check_grouping(
    problem: GroupingProblem, groups: Sequence[Group]
) -> tuple[tuple[RuleCheck, ...], tuple[Violation, ...]]:
    """Re-check a (possibly hand-edited) grouping against every rule.

    Returns one RuleCheck per (group, rule) — hard rules "chair", "size", "keep_together",
    "apart", "fixed"; soft rules "newcomer_chair", "spread", "isolated_minority", "stability" —
    plus global hard checks "assignment" (everyone in exactly one group) and "group_count", and
    a Violation (naming the people) for every failed check. O(n^2) at most.
    """
    idx = _Index(problem)
    checks: list[RuleCheck] = []
    viols: list[Violation] = []

    def add(
        rule: str, ok: bool, detail: str, g: int | None, hard: bool, refs: Sequence[str]
    ) -> None:
        checks.append(RuleCheck(rule=rule, ok=ok, detail=detail, group=g, hard=hard))
        if not ok:
            viols.append(Violation(rule=rule, refs=tuple(refs), message=detail, hard=hard, group=g))

    where: dict[str, list[int]] = {}
    for grp in groups:
        for r in grp.members:
            where.setdefault(r, []).append(grp.index)
    unknown = sorted(r for r in where if r not in idx.pos)
    missing = [m.ref for m in idx.members if m.ref not in where]
    double = [r for r, gs in where.items() if len(gs) > 1]
    bad = unknown + missing + double
    add(
        "assignment",
        not bad,
        "everyone is in exactly one group"
        if not bad
        else "; ".join(
            x
            for x in (
                f"not in any group: {_names(missing)}" if missing else "",
                f"in more than one group: {_names(double)}" if double else "",
                f"not a participant: {_names(unknown)}" if unknown else "",
            )
            if x
        ),
        None,
        True,
        bad,
    )
    ok_count = len(groups) == problem.n_groups
    add(
        "group_count",
        ok_count,
        f"{len(groups)} groups, {problem.n_groups} required",
        None,
        True,
        (),
    )
    group_of = {r: gs[0] for r, gs in where.items()}
    total_n = len(idx.members)
    cat_totals = {
        c: Counter(m.categories[c] for m in idx.members if c in m.categories) for c in idx.cats
    }
    minority = set(idx.minority)
    for grp in groups:
        g = grp.index
        refs = [r for r in grp.members if r in idx.pos]
        mset = set(refs)
        # chair
        if not grp.chair:
            add("chair", False, f"group {g} has no chair", g, True, refs)
        elif grp.chair not in mset:
            add(
                "chair",
                False,
                f"chair {grp.chair} is not a member of group {g}",
                g,
                True,
                (grp.chair,),
            )
        elif not idx.willing(grp.chair):
            add(
                "chair",
                False,
                f"{grp.chair} chairs group {g} but is not an expert willing to chair",
                g,
                True,
                (grp.chair,),
            )
        else:
            add("chair", True, f"chaired by {grp.chair}", g, True, (grp.chair,))
            seasoned = idx.members[idx.pos[grp.chair]].chaired_before
            add(
                "newcomer_chair",
                seasoned,
                f"{grp.chair} has chaired before"
                if seasoned
                else f"{grp.chair} chairs for the first time",
                g,
                False,
                (grp.chair,),
            )
        # size
        k = len(grp.members)
        ok = problem.min_size <= k <= problem.max_size
        add(
            "size",
            ok,
            f"{k} members (allowed {problem.min_size}-{problem.max_size})",
            g,
            True,
            () if ok else refs,
        )
        # keep together
        broken = [
            (a, b)
            for a, b in problem.keep_together
            if (a in mset) != (b in mset) and (a in mset or b in mset)
        ]
        add(
            "keep_together",
            not broken,
            "all keep-together pairs complete"
            if not broken
            else "split: "
            + "; ".join(
                f"{a} (group {group_of.get(a)}) and {b} (group {group_of.get(b)})"
                for a, b in broken
            ),
            g,
            True,
            [r for p in broken for r in p],
        )
        # apart
        met = [(a, b) for a, b in problem.apart if a in mset and b in mset]
        add(
            "apart",
            not met,
            "no pair that must be kept apart"
            if not met
            else "must be kept apart but are together: "
            + "; ".join(f"{a} and {b}" for a, b in met),
            g,
            True,
            [r for p in met for r in p],
        )
        # locks
        wrong = [r for r, fg in problem.fixed.items() if fg == g and r not in mset]
        fc = problem.fixed_chairs.get(g)
        wrong_chair = fc is not None and fc != grp.chair
        detail = "locks respected"
        if wrong or wrong_chair:
            bits = []
            if wrong:
                bits.append(f"locked in group {g} but placed elsewhere: {_names(wrong)}")
            if wrong_chair:
                bits.append(f"{fc} is locked as chair of group {g}")
            detail = "; ".join(bits)
        add(
            "fixed",
            not (wrong or wrong_chair),
            detail,
            g,
            True,
            wrong + ([fc] if wrong_chair and fc else []),
        )
        # spread: every value within one of its proportional share
        off = []
        for c in idx.cats:
            here = Counter(
                idx.members[idx.pos[r]].categories[c]
                for r in refs
                if c in idx.members[idx.pos[r]].categories
            )
            for v, tot in cat_totals[c].items():
                if (c, v) in minority:
                    continue
                e = tot * k / total_n
                if not math.floor(e) - 1 <= here.get(v, 0) <= math.ceil(e) + 1:
                    off.append(f"{c}={v}: {here.get(v, 0)} (about {e:.1f} expected)")
        add(
            "spread",
            not off,
            "categories spread evenly" if not off else "uneven: " + "; ".join(off),
            g,
            False,
            (),
        )
        # isolated minority
        alone = []
        for c, v in idx.minority:
            holders = [r for r in refs if idx.members[idx.pos[r]].categories.get(c) == v]
            if len(holders) == 1:
                alone.append((c, v, holders[0]))
        add(
            "isolated_minority",
            not alone,
            "no minority member is alone"
            if not alone
            else "; ".join(f"{r} is the only {c}={v} in group {g}" for c, v, r in alone),
            g,
            False,
            [r for _, _, r in alone],
        )
        if problem.previous is not None:
            moved = [r for r in refs if r in problem.previous and problem.previous[r] != g]
            add(
                "stability",
                not moved,
                "nobody moved" if not moved else f"moved here: {_names(moved)}",
                g,
                False,
                moved,
            )
    return tuple(checks), tuple(viols)


# ------------------------------------------------------------------------ conflict detection


def _find_conflicts(idx: _Index, comps: list[list[int]]) -> list[Violation]:
    """Hard-rule conflicts that make every grouping invalid, each naming the people."""
    p = idx.problem
    G = p.n_groups
    refs = [m.ref for m in idx.members]
    out: list[Violation] = []
    comp_of = {i: ci for ci, c in enumerate(comps) for i in c}
    n = len(refs)
    if n < G * p.min_size or n > G * p.max_size:
        out.append(
            Violation(
                "size",
                (),
                f"{n} members cannot form {G} groups of {p.min_size}-{p.max_size} members "
                f"(that needs between {G * p.min_size} and {G * p.max_size} members)",
            )
        )
    for a, b in p.apart:
        if a == b:
            out.append(Violation("apart", (a,), f"{a} is asked to be kept apart from themself"))
        elif comp_of[idx.pos[a]] == comp_of[idx.pos[b]]:
            chain = [refs[i] for i in comps[comp_of[idx.pos[a]]]]
            out.append(
                Violation(
                    "keep_together",
                    (a, b),
                    f"{a} and {b} must be kept apart, but keep-together pairs link them into one "
                    f"group ({_names(chain)})",
                )
            )
    comp_lock: dict[int, int] = {}
    for ci, c in enumerate(comps):
        crefs = [refs[i] for i in c]
        if len(c) > p.max_size:
            out.append(
                Violation(
                    "size",
                    tuple(crefs),
                    f"{len(c)} people must be kept together ({_names(crefs)}), more "
                    f"than the maximum group size {p.max_size}",
                )
            )
        locks = {r: p.fixed[r] for r in crefs if r in p.fixed}
        locks.update({r: g for g, r in p.fixed_chairs.items() if r in crefs})
        if len(set(locks.values())) > 1:
            out.append(
                Violation(
                    "fixed",
                    tuple(locks),
                    "locked to different groups but must be kept together: "
                    + "; ".join(f"{r} in group {g}" for r, g in locks.items()),
                )
            )
        if locks:
            comp_lock[ci] = min(locks.values())
        chairs_here = [g for g, r in p.fixed_chairs.items() if r in crefs]
        if len(chairs_here) > 1:
            out.append(
                Violation(
                    "chair",
                    tuple(p.fixed_chairs[g] for g in chairs_here),
                    "locked as chairs of different groups but must be kept together",
                )
            )
    for g, r in p.fixed_chairs.items():
        if not idx.willing(r):
            out.append(
                Violation(
                    "chair",
                    (r,),
                    f"{r} is locked as chair of group {g} but is not an expert willing to chair",
                    group=g,
                )
            )
    # locked people in one group that must be apart
    lock_of = {refs[i]: comp_lock[comp_of[i]] for i in range(n) if comp_of[i] in comp_lock}
    for a, b in p.apart:
        if (
            a != b
            and a in lock_of
            and b in lock_of
            and lock_of[a] == lock_of[b]
            and comp_of[idx.pos[a]] != comp_of[idx.pos[b]]
        ):
            out.append(
                Violation(
                    "apart",
                    (a, b),
                    f"{a} and {b} must be kept apart but are both locked in group {lock_of[a]}",
                    group=lock_of[a],
                )
            )
    # locked group too big
    load = Counter(lock_of.values())
    for g, k in sorted(load.items()):
        if k > p.max_size:
            who = [r for r, lg in lock_of.items() if lg == g]
            out.append(
                Violation(
                    "size",
                    tuple(who),
                    f"{k} people are locked in group {g}, more than the maximum size {p.max_size}",
                    group=g,
                )
            )
    # chairs: a matching of keep-together components holding a willing expert to groups
    cand_comps = [ci for ci, c in enumerate(comps) if any(idx.willing(refs[i]) for i in c)]
    willing = [m.ref for m in idx.members if m.role == "expert" and m.can_chair]
    if len(cand_comps) < G:
        extra = ""
        if len(willing) >= G:
            extra = " (some of them must be kept together, so they cannot chair different groups)"
        out.append(
            Violation(
                "chair",
                tuple(willing),
                f"only {len(willing)} experts are willing to chair but {G} groups are needed"
                f"{extra}: {_names(willing, 40) or 'nobody'}",
            )
        )
    else:
        cost = np.zeros((len(cand_comps), G))
        for row, ci in enumerate(cand_comps):
            if ci in comp_lock:
                cost[row, :] = 1.0
                cost[row, comp_lock[ci]] = 0.0
        rows, cols = linear_sum_assignment(cost)
        if cost[rows, cols].sum() > 0:
            open_groups = sorted(
                set(range(G)) - {int(c) for r, c in zip(rows, cols, strict=True) if cost[r, c] == 0}
            )
            locked_w = [r for r in willing if comp_of[idx.pos[r]] in comp_lock]
            out.append(
                Violation(
                    "chair",
                    tuple(locked_w),
                    f"groups {open_groups} cannot get a chair: the willing experts "
                    f"{_names(locked_w, 40)} are locked in other groups",
                )
            )
    return out


def _apart_clique(idx: _Index, a: str, b: str) -> list[str]:
    """Greedily grow a set of people who must all be pairwise apart, starting from (a, b)."""
    nbr: dict[str, set[str]] = {}
    for x, y in idx.problem.apart:
        nbr.setdefault(x, set()).add(y)
        nbr.setdefault(y, set()).add(x)
    clique = [a, b]
    cand = nbr.get(a, set()) & nbr.get(b, set())
    while cand:
        c = max(sorted(cand), key=lambda r: len(nbr[r] & cand))
        clique.append(c)
        cand &= nbr[c]
    return clique


# ------------------------------------------------------------------------------------ solver


def solve_grouping(
    problem: GroupingProblem,
    *,
    seed: int = 0,
    time_limit: float = 2.0,
    progress: Callable[[float], None] | None = None,
) -> GroupingResult:
    """Form ``n_groups`` discussion groups that satisfy the hard rules and score best.

    Deterministic for a given seed (the search stops after a fixed number of rounds without
    improvement; ``time_limit`` seconds only cuts it short on very large inputs, and the whole
    call ends within it, checks included, unless the set-up alone takes longer). Time per tabu
    iteration O(m^2 + m G) for m keep-together units; a 216-member edition takes a fraction of a
    second. When no valid grouping exists, ``feasible`` is False, the best-effort grouping is
    returned, and ``violations``/``explanation`` name the rule and the people.
    """
    t0 = time.perf_counter()
    idx = _Index(problem)
    p = problem
    G = p.n_groups
    n = len(idx.members)
    refs = [m.ref for m in idx.members]
    comps = _components(idx)
    conflicts = _find_conflicts(idx, comps)

    # units, sizes and locks
    m = len(comps)
    unit_of = np.empty(n, dtype=np.int64)
    for u, c in enumerate(comps):
        unit_of[c] = u
    s = np.array([len(c) for c in comps], dtype=np.int64)
    locked = np.zeros(m, dtype=np.bool_)
    start = np.zeros(m, dtype=np.int64)
    chair_lock: dict[int, int] = {}  # unit -> group it chairs by lock
    for g, r in sorted(p.fixed_chairs.items()):
        u = int(unit_of[idx.pos[r]])
        if not locked[u]:
            locked[u], start[u] = True, g
            chair_lock[u] = g
    for r, g in sorted(p.fixed.items()):
        u = int(unit_of[idx.pos[r]])
        if not locked[u]:
            locked[u], start[u] = True, g
    lo = np.full(G, p.min_size, dtype=np.int64)
    hi = np.full(G, p.max_size, dtype=np.int64)
    # best effort when sizes cannot hold: widen the bounds just enough
    hi = np.maximum(hi, max(math.ceil(n / G), int(s.max())))
    lo = np.minimum(lo, n // G)
    locked_load = np.bincount(start[locked], weights=s[locked], minlength=G).astype(np.int64)
    hi = np.maximum(hi, locked_load)

    # pair weights between members, then aggregated per unit
    w = p.weights
    d, same = _pair_matrices(idx)
    Wm = w.diversity * d - w.balance * (same + SIZE_PAIR)
    np.fill_diagonal(Wm, 0.0)
    for a, b in p.apart:
        i, j = idx.pos[a], idx.pos[b]
        if i != j:
            Wm[i, j] = Wm[j, i] = Wm[i, j] - HARD
    if m == n:
        order = np.argsort(unit_of)
        W = Wm[np.ix_(order, order)]
    else:
        tmp = np.zeros((m, n))
        np.add.at(tmp, unit_of, Wm)
        W = np.zeros((m, m))
        np.add.at(W.T, unit_of, tmp.T)
        np.fill_diagonal(W, 0.0)
    # unary: stability
    use_u = p.previous is not None and w.stability > 0
    U = np.zeros((m, G)) if use_u else np.zeros((1, 1))
    if use_u:
        assert p.previous is not None
        for r, g in p.previous.items():
            if r in idx.pos:
                u = int(unit_of[idx.pos[r]])
                U[u, :] -= w.stability
                if 0 <= g < G:
                    U[u, g] += w.stability
    # count penalties: 0 willing chair, 0 seasoned chair, minority value present once
    K = 2 + len(idx.minority)
    A = np.zeros((m, K), dtype=np.int64)
    tab = np.zeros((K, 3))
    tab[0, 0] = HARD
    tab[1, 0] = w.chair_experience
    for i, mem in enumerate(idx.members):
        u = int(unit_of[i])
        if idx.willing(mem.ref):
            A[u, 0] += 1
            if mem.chaired_before:
                A[u, 1] += 1
        for k, (cat, val) in enumerate(idx.minority):
            if mem.categories.get(cat) == val:
                A[u, 2 + k] += 1
                tab[2 + k, 1] = w.isolation
    for u, _g in chair_lock.items():
        A[u, 1] = max(A[u, 1], 1)  # the locked chair decides; the bonus is constant there

    problem_u = UnitProblem(W=W, U=U, s=s, lo=lo, hi=hi, locked=locked, A=A, tab=tab, use_u=use_u)
    rng = np.random.default_rng(seed)
    try:
        construct(problem_u, start, rng)
        packable = True
    except ValueError:
        packable = False
    if packable:
        first: npt.NDArray[np.int64] | None = None
        if p.previous is not None and not locked.any():
            first = np.array(
                [min(max(p.previous.get(refs[c[0]], 0), 0), G - 1) for c in comps], dtype=np.int64
            )
        # keep back time for the checks after the search (about a third of the set-up so far)
        spent = time.perf_counter() - t0
        out = iterated_tabu(
            problem_u,
            start if locked.any() else first,
            seed=seed,
            time_limit=max(0.0, time_limit - 1.4 * spent),
            progress=progress,
            pool_size=2 if m > 600 else 3,
            depth=int(min(1000, max(50, 4 * m))) if m <= 600 else 20,
            stall_rounds=3,
        )
        assign = out.p
    else:
        conflicts.append(
            Violation(
                "size",
                (),
                "the keep-together blocks cannot be packed into "
                f"{G} groups of {p.min_size}-{p.max_size} members",
            )
        )
        assign = np.array([i % G for i in range(m)], dtype=np.int64)
        assign[locked] = start[locked]

    # groups with their chairs
    groups: list[Group] = []
    member_group = assign[unit_of]
    order = np.argsort(member_group, kind="stable")
    bounds = np.searchsorted(member_group[order], np.arange(G + 1))
    for g in range(G):
        mem_refs = [refs[int(i)] for i in order[bounds[g] : bounds[g + 1]]]
        chair = p.fixed_chairs.get(g) or idx.chair_of(mem_refs)
        if chair and chair not in mem_refs:
            chair = idx.chair_of(mem_refs)
        ordered = tuple([chair] + [r for r in mem_refs if r != chair]) if chair else tuple(mem_refs)
        groups.append(Group(index=g, chair=chair, members=ordered))
    checks, viols = check_grouping(p, groups)
    hard_broken = [v for v in viols if v.hard]
    # explain apart violations the search could not avoid
    for hv in hard_broken:
        if hv.rule == "apart" and len(hv.refs) >= 2:
            clique = _apart_clique(idx, hv.refs[0], hv.refs[1])
            if len(clique) > G:
                conflicts.append(
                    Violation(
                        "apart",
                        tuple(clique),
                        f"{len(clique)} people must all be kept apart from each other but there are "
                        f"only {G} groups: {_names(clique)}",
                    )
                )
    feasible = not hard_broken and not conflicts
    explanation: list[str] = []
    if feasible:
        explanation.append(f"{G} groups formed; every hard rule holds.")
    else:
        explanation.append(
            "No grouping satisfies every hard rule; a best-effort grouping is returned."
        )
        explanation.extend(c.message for c in conflicts)
        if not conflicts:
            explanation.append(
                "The search found no grouping that meets these rules: "
                + "; ".join(v.message for v in hard_broken)
            )
    soft = [v for v in viols if not v.hard]
    if soft:
        explanation.append(f"{len(soft)} soft rule(s) not fully met (see the checks).")
    all_viols = tuple(conflicts) + tuple(viols)
    return GroupingResult(
        groups=tuple(groups),
        objective=_score_parts(idx, d, same, groups),
        checks=checks,
        violations=all_viols,
        feasible=feasible,
        explanation=tuple(explanation),
        seconds=time.perf_counter() - t0,
    )
