"""Hard-rule conflicts that make every grouping invalid, found before the search, by name.

Each check is a small function returning :class:`Violation` s with the people involved: a
keep-together chain that must also be kept apart, a chain larger than a group, locks that
contradict each other or a chair lock on someone unwilling, and the chairs: a matching of the
keep-together units holding a willing expert to the groups (with the locks) must cover every
group.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy.optimize import linear_sum_assignment

from ontmoeting.engine.group_model import MemberIndex
from ontmoeting.engine.results import Violation


class _Units:
    """Keep-together components with their locks (computed once for all checks)."""

    def __init__(self, idx: MemberIndex, comps: list[list[int]], n_groups: int) -> None:
        p = idx.problem
        self.idx, self.comps, self.n_groups = idx, comps, n_groups
        self.refs = [m.ref for m in idx.members]
        self.comp_of = {i: ci for ci, c in enumerate(comps) for i in c}
        self.lock: dict[int, int] = {}
        self.lock_sets: dict[int, dict[str, int]] = {}
        for ci, c in enumerate(comps):
            crefs = {self.refs[i] for i in c}
            locks = {r: p.fixed[r] for r in sorted(crefs) if r in p.fixed}
            locks.update({r: g for g, r in p.fixed_chairs.items() if r in crefs})
            if locks:
                self.lock_sets[ci] = locks
                self.lock[ci] = min(locks.values())

    def comp(self, ref: str) -> int:
        return self.comp_of[self.idx.pos[ref]]

    def crefs(self, ci: int) -> list[str]:
        return [self.refs[i] for i in self.comps[ci]]


def _apart_vs_together(u: _Units) -> list[Violation]:
    out = []
    for a, b in u.idx.problem.apart:
        if a == b:
            out.append(Violation("apart_self", (a,)))
        elif u.comp(a) == u.comp(b):
            out.append(Violation("apart_linked", (a, b), params={"chain": u.crefs(u.comp(a))}))
    return out


def _too_big(u: _Units) -> list[Violation]:
    p, out = u.idx.problem, []
    for ci, c in enumerate(u.comps):
        if len(c) > p.max_size:
            out.append(
                Violation(
                    "together_too_big",
                    tuple(u.crefs(ci)),
                    params={"count": len(c), "max_size": p.max_size},
                )
            )
    return out


def _locks(u: _Units) -> list[Violation]:
    p, out = u.idx.problem, []
    for ci, locks in u.lock_sets.items():
        if len(set(locks.values())) > 1:
            out.append(
                Violation(
                    "locks_contradict",
                    tuple(locks),
                    params={"locks": [[r, g] for r, g in locks.items()]},
                    groups=tuple(sorted(set(locks.values()))),
                )
            )
        chairs_here = [g for g, r in p.fixed_chairs.items() if r in set(u.crefs(ci))]
        if len(chairs_here) > 1:
            out.append(
                Violation(
                    "chair_locks_contradict",
                    tuple(p.fixed_chairs[g] for g in chairs_here),
                    groups=tuple(chairs_here),
                )
            )
    for g, r in p.fixed_chairs.items():
        if not u.idx.willing(r):
            out.append(Violation("locked_chair_unwilling", (r,), group=g))
    lock_of = {
        u.refs[i]: u.lock[u.comp_of[i]] for i in range(len(u.refs)) if u.comp_of[i] in u.lock
    }
    for a, b in p.apart:
        same_lock = lock_of.get(a) is not None and lock_of.get(a) == lock_of.get(b)
        if a != b and same_lock and u.comp(a) != u.comp(b):
            out.append(Violation("locked_apart", (a, b), group=lock_of[a]))
    for g, k in sorted(Counter(lock_of.values()).items()):
        if k > p.max_size:
            who = tuple(r for r, lg in lock_of.items() if lg == g)
            out.append(
                Violation(
                    "locked_group_too_big",
                    who,
                    group=g,
                    params={"count": k, "max_size": p.max_size},
                )
            )
    return out


def _chairs(u: _Units) -> list[Violation]:
    """A matching of units holding a willing expert to the groups, the locked ones to theirs."""
    idx, g_count = u.idx, u.n_groups
    cand = [ci for ci, c in enumerate(u.comps) if any(idx.willing(u.refs[i]) for i in c)]
    willing = [m.ref for m in idx.members if m.role == "expert" and m.can_chair]
    if len(cand) < g_count:
        return [
            Violation(
                "too_few_chairs",
                tuple(willing),
                params={
                    "groups": g_count,
                    "chairs": len(cand),
                    "willing": len(willing),
                    "linked": len(willing) >= g_count,
                },
            )
        ]
    cost = np.zeros((len(cand), g_count))
    for row, ci in enumerate(cand):
        if ci in u.lock:
            cost[row, :] = 1.0
            cost[row, u.lock[ci]] = 0.0
    rows, cols = linear_sum_assignment(cost)
    if cost[rows, cols].sum() == 0:
        return []
    covered = {int(c) for r, c in zip(rows, cols, strict=True) if cost[r, c] == 0}
    open_groups = tuple(sorted(set(range(g_count)) - covered))
    locked_w = tuple(r for r in willing if u.comp(r) in u.lock)
    return [Violation("chairs_locked_elsewhere", locked_w, groups=open_groups)]


def find_conflicts(idx: MemberIndex, comps: list[list[int]], n_groups: int) -> list[Violation]:
    """Hard-rule conflicts that make every grouping into ``n_groups`` groups invalid."""
    u = _Units(idx, comps, n_groups)
    return [*_apart_vs_together(u), *_too_big(u), *_locks(u), *_chairs(u)]


#: Codes of conflicts that leave some group without a possible chair.
CHAIR_CONFLICTS = frozenset(
    {
        "too_few_chairs",
        "chairs_locked_elsewhere",
        "locked_chair_unwilling",
        "chair_locks_contradict",
    }
)


def apart_clique(idx: MemberIndex, a: str, b: str) -> list[str]:
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
