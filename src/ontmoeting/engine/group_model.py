"""The afternoon grouping's plain types and the member index its solver and checks share.

See :mod:`ontmoeting.engine.grouping` for the rules and the method.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ontmoeting.engine.results import Note, RuleCheck, Violation
from ontmoeting.engine.venue_fit import Fit, GroupRoom


@dataclass(frozen=True)
class GroupMember:
    """A participant of the afternoon: a student or an expert (who may chair).

    ``step_free``: needs a step-free room (everyone kept together with them follows).
    """

    ref: str
    role: str  # "student" | "expert"
    can_chair: bool = False
    chaired_before: bool = False
    categories: Mapping[str, str] = field(default_factory=dict)
    step_free: bool = False


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
    """Input of :func:`~ontmoeting.engine.grouping.solve_grouping`; see that module's rules.

    ``n_groups``: None = chosen by :func:`~ontmoeting.engine.venue_fit.fit_layout` from the
    bounds, the willing chairs and ``rooms``. ``rooms``: the rooms of the afternoon (None = no
    room limits: a grouping alone); with rooms, every group is kept within the seats of a room
    and the result names each group's room.

    ``minority_categories`` (None = all of ``spread``) are the categories whose minority values
    must not be isolated; a value is a minority when at least 2 and at most a half of the mean
    count per value of its category carry it, and fewer than two per group.
    """

    members: Sequence[GroupMember]
    n_groups: int | None
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
    rooms: Sequence[GroupRoom] | None = None
    other_kind_cost: float = 4.0


@dataclass(frozen=True)
class Group:
    """One afternoon group: ``index`` from 0; ``members`` include the chair, listed first."""

    index: int
    chair: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class GroupingResult:
    """The groups (empty when no layout gives every group a chair and a room), each group's
    room (``rooms``, when the problem had rooms), the objective parts, the rule checks and
    violations, the layout that was fitted and the notes of what was done."""

    groups: tuple[Group, ...]
    objective: Mapping[str, float]
    checks: tuple[RuleCheck, ...]
    violations: tuple[Violation, ...]
    feasible: bool
    notes: tuple[Note, ...]
    seconds: float
    rooms: Mapping[int, str] = field(default_factory=dict)
    fit: Fit | None = None


class MemberIndex:
    """Member lookups shared by the solver and the checks; validates the refs of the problem.

    ``n_groups`` is the number of groups the locks are checked against (the problem's, or the
    fitted layout's when the problem leaves it open).
    """

    def __init__(self, problem: GroupingProblem, n_groups: int | None = None) -> None:
        self.members = list(problem.members)
        self.pos = _positions(self.members)
        _check_refs(problem, self.pos)
        g_count = problem.n_groups if n_groups is None else n_groups
        if g_count is not None:
            _check_lock_groups(problem, g_count)
        self.problem = problem
        self.cats = list(dict.fromkeys(problem.spread))
        minority_cats = (
            self.cats if problem.minority_categories is None else list(problem.minority_categories)
        )
        spread_groups = g_count or max(1, len(self.members) // max(1, problem.max_size))
        self.minority: list[tuple[str, str]] = minorities(
            self.members, minority_cats, spread_groups
        )

    def member(self, ref: str) -> GroupMember:
        return self.members[self.pos[ref]]

    def willing(self, ref: str) -> bool:
        mem = self.members[self.pos[ref]]
        return mem.role == "expert" and mem.can_chair

    def chair_of(self, refs: Sequence[str]) -> str:
        """The chair a group with these members gets: a willing expert who chaired before, else
        any willing expert; "" when none of them is willing."""
        cands = [r for r in refs if self.willing(r)]
        if not cands:
            return ""
        seasoned = [r for r in cands if self.members[self.pos[r]].chaired_before]
        return (seasoned or cands)[0]


def _positions(members: Sequence[GroupMember]) -> dict[str, int]:
    """Member ref -> position; a ref listed twice is an error."""
    pos: dict[str, int] = {}
    for i, mem in enumerate(members):
        if mem.ref in pos:
            raise ValueError(f"member {mem.ref!r} is listed twice")
        pos[mem.ref] = i
    return pos


def _check_refs(problem: GroupingProblem, pos: Mapping[str, int]) -> None:
    """Every ref the pairs and locks name is a member."""
    named: list[tuple[str, str]] = [
        *(("keep_together", r) for pair in problem.keep_together for r in pair),
        *(("apart", r) for pair in problem.apart for r in pair),
        *(("fixed", r) for r in problem.fixed),
        *(("fixed_chairs", r) for r in problem.fixed_chairs.values()),
    ]
    for what, r in named:
        if r not in pos:
            raise ValueError(f"{what} names {r!r}, who is not a member")


def _check_lock_groups(problem: GroupingProblem, g_count: int) -> None:
    """At least one group, and every lock names one of the ``g_count`` groups."""
    if g_count < 1:
        raise ValueError("n_groups must be at least 1")
    for r, g in problem.fixed.items():
        if not 0 <= g < g_count:
            raise ValueError(f"{r} is fixed to group {g}, which does not exist")
    for g, r in problem.fixed_chairs.items():
        if not 0 <= g < g_count:
            raise ValueError(f"{r} is fixed as chair of group {g}, which does not exist")


def minorities(
    members: Sequence[GroupMember], categories: Sequence[str], n_groups: int
) -> list[tuple[str, str]]:
    """The (category, value) pairs that are a minority among ``members``: carried by at least 2
    and at most half the mean count per value of the category, and by fewer than two per group
    over ``n_groups`` groups. Sorted by category as given, then value."""
    out: list[tuple[str, str]] = []
    for c in categories:
        counts = Counter(m.categories[c] for m in members if c in m.categories)
        if not counts:
            continue
        mean = sum(counts.values()) / len(counts)
        out += [
            (c, v) for v, k in sorted(counts.items()) if 2 <= k <= mean / 2 and k < 2 * n_groups
        ]
    return out


def components(idx: MemberIndex) -> list[list[int]]:
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
