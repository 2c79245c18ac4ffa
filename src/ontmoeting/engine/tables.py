"""Mixed tables of a co-creation meeting, in rounds: a rule set on top of the afternoon
grouping (:func:`~ontmoeting.engine.grouping.solve_grouping`), not a second solver.

Rules (checked in one place, :func:`~ontmoeting.engine.table_rules.check_tables`): every table
has exactly one facilitator (an expert by experience willing to chair), at least one expert,
professionals of more than one sector when the roster has more than one, and — when asked — a
professional willing to co-facilitate; people of the same organisation and people who know each
other sit apart; over the rounds nobody meets the same person twice if that can be done.

Method. First the number of tables (the same in every round): the one asked for; else the
grouping's own choice from the sizes and the facilitators, and — over several rounds, when
that count forces repeat meetings — also the count that forces the fewest
(:func:`_repeat_bound`: a table of s people can only spread over the next round's g tables
without two of them meeting again if s <= g, so 34 people at 5 tables of about 7 meet 9 pairs
again in round 2 however they are seated, at 6 tables of 5-6 none need). Each count is tried
with the steps below and the seating with the fewest broken hard rules, then the fewest repeat
meetings, is kept (ties: the grouping's own count).

Then, round by round (each a grouping problem, :func:`~.table_rules.grouping_problem`):

1. The facilitators are the grouping's chairs; role and sector (and, when asked, the willing
   co-facilitators) are spread categories, so tables are mixed and the co-facilitators spread.
2. Same-organisation and knows pairs are ``apart`` pairs; so is every pair who already met in
   an earlier round. The grouping then breaks as few ``apart`` pairs as it can.
3. The grouping is then repaired: people of one kind (role, sector, facilitator or not and,
   when asked, willingness to co-facilitate) trade tables while that breaks fewer organisation
   or knows pairs, then fewer repeat meetings. The grouping weighs every ``apart`` pair alike,
   so with many of them it may keep a colleague pair to avoid a repeat meeting; like-for-like
   swaps keep every other rule of each table as it was.
4. When that still breaks an ``apart`` pair (so "nobody twice" cannot be done as asked), or
   the grouping finds no tables at all (so many pairs apart that it sees no way), the round is
   solved again with only the organisation and knows pairs apart and repaired as in step 3;
   the better of the two is kept: fewest broken organisation/knows pairs first, then fewest
   repeat meetings. Repeat meetings are then named pair by pair (``met_before``).
5. Each table's co-facilitator is its first willing professional; a table without one swaps a
   willing professional in from a table that has two when that breaks no organisation, knows or
   repeat pair.

When a round admits no tables (no willing facilitator, sizes that cannot be met), the result
has no tables and the grouping's reasons say why, with the round.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ontmoeting.engine.group_model import Group, GroupingResult
from ontmoeting.engine.grouping import fit_for, solve_grouping
from ontmoeting.engine.results import Note, RuleCheck, Violation
from ontmoeting.engine.table_rules import (
    EXPERT,
    PROFESSIONAL,
    Table,
    TableMember,
    TableProblem,
    TableResult,
    check_tables,
    grouping_problem,
    knows_pairs,
    organisation_pairs,
)

__all__ = [
    "Table",
    "TableMember",
    "TableProblem",
    "TableResult",
    "check_tables",
    "solve_tables",
]

Pair = frozenset[str]
Judged = tuple[tuple[RuleCheck, ...], tuple[Violation, ...]]


def _validate(problem: TableProblem) -> None:
    if problem.rounds < 1:
        raise ValueError("need at least one round")
    if problem.min_size < 1 or problem.max_size < problem.min_size:
        raise ValueError("need 0 < min_size <= max_size")
    roles = {m.role for m in problem.members}
    if not roles <= {EXPERT, PROFESSIONAL}:
        raise ValueError(f"unknown roles {sorted(roles - {EXPERT, PROFESSIONAL})}")


def _broken(groups: Iterable[Group], pairs: set[Pair]) -> int:
    """How many of ``pairs`` share a group."""
    return sum(
        1
        for g in groups
        for a, b in itertools.combinations(g.members, 2)
        if frozenset((a, b)) in pairs
    )


def _sorted_pairs(pairs: Iterable[Pair]) -> list[tuple[str, str]]:
    return sorted((min(p), max(p)) for p in pairs)


def _solve_round(
    problem: TableProblem,
    *,
    n_tables: int | None,
    hard: set[Pair],
    met: set[Pair],
    seed: int,
    time_limit: float,
) -> GroupingResult:
    """One round's grouping (steps 2-4 of the module docstring)."""
    spread = ("sector", "role", "co_facilitator") if problem.co_facilitator else ("sector", "role")
    pairs = _sorted_pairs(hard | met)
    first = solve_grouping(
        grouping_problem(problem, n_groups=n_tables, apart=pairs, spread=spread),
        seed=seed,
        time_limit=time_limit,
    )
    if first.groups:
        first = _repaired(problem, first, hard, met)
    if not met or (first.groups and _broken(first.groups, hard | met) == 0):
        return first
    only_hard = _sorted_pairs(hard)
    second = solve_grouping(
        grouping_problem(problem, n_groups=n_tables, apart=only_hard, spread=spread),
        seed=seed,
        time_limit=time_limit,
    )
    if not second.groups:
        return first
    second = _repaired(problem, second, hard, met)
    if not first.groups:
        return second  # so many pairs apart that the grouping saw no way: the repair's turn

    def cost(res: GroupingResult) -> tuple[int, int]:
        return _broken(res.groups, hard), _broken(res.groups, met)

    return second if cost(second) < cost(first) else first


#: The weight of an organisation or knows pair at one table in the repair (a repeat meeting
#: weighs 1): more than every repeat meeting of a round together.
HARD_PAIR = 100_000


def _kinds(problem: TableProblem, groups: Sequence[Group]) -> dict[str, tuple[object, ...]]:
    """Who may trade places in the repair: same role, sector and (when asked) willingness to
    co-facilitate, and both facilitators or neither, so every table keeps its facilitator, its
    experts, its sectors and its spread exactly."""
    chairs = {g.chair for g in groups}
    co = problem.co_facilitator
    return {
        m.ref: (m.role, m.sector, co and m.can_co_facilitate, m.ref in chairs)
        for m in problem.members
    }


def _repair(
    tables: list[list[str]], kind: dict[str, tuple[object, ...]], weight: dict[Pair, int]
) -> None:
    """Swap people of one kind between tables while that lowers the weight of the pairs who
    share a table (step 3); in place. Each swap lowers it, so it ends; O(n^2) per pass."""
    where = {r: i for i, t in enumerate(tables) for r in t}

    def clash(x: str, t: int, skip: str) -> int:
        return sum(weight.get(frozenset((x, z)), 0) for z in tables[t] if z not in (x, skip))

    improved = True
    while improved:
        improved = False
        for x in sorted(where):
            a = where[x]
            here = clash(x, a, x)
            if here == 0:
                continue
            gains = [
                (here + clash(y, where[y], y) - clash(x, where[y], y) - clash(y, a, x), y)
                for y in sorted(where)
                if where[y] != a and kind[y] == kind[x]
            ]
            gain, y = max(gains, default=(0, x))
            if gain > 0:
                b = where[y]
                tables[a][tables[a].index(x)], tables[b][tables[b].index(y)] = y, x
                where[x], where[y] = b, a
                improved = True


def _repaired(
    problem: TableProblem, res: GroupingResult, hard: set[Pair], met: set[Pair]
) -> GroupingResult:
    """``res`` with its groups repaired by :func:`_repair` (their facilitators first)."""
    weight = dict.fromkeys(met, 1) | dict.fromkeys(hard, HARD_PAIR)
    if _broken(res.groups, set(weight)) == 0:
        return res
    tables = [list(g.members) for g in res.groups]
    _repair(tables, _kinds(problem, res.groups), weight)
    groups = tuple(
        replace(g, chair=t[0] if g.chair else g.chair, members=tuple(t))
        for g, t in zip(res.groups, tables, strict=True)
    )
    return replace(res, groups=groups)


def _co_facilitators(
    problem: TableProblem, groups: Sequence[Group], blocked: set[Pair]
) -> list[list[str]]:
    """The members of each group with a willing co-facilitator second (step 5), swapping one
    in from a group with two when that joins no ``blocked`` pair."""
    member = {m.ref: m for m in problem.members}

    def willing(r: str) -> bool:
        return member[r].role == PROFESSIONAL and member[r].can_co_facilitate

    tables = [list(g.members) for g in groups]
    if not problem.co_facilitator:
        return tables
    for short in [t for t in tables if not any(willing(r) for r in t)]:
        _swap_in(short, tables, willing, member, blocked)
    for t in tables:
        co = next((r for r in t if willing(r)), None)
        if co is not None:
            t.remove(co)
            t.insert(1, co)
    return tables


def _swap_in(
    short: list[str],
    tables: list[list[str]],
    willing: Callable[[str], bool],
    member: dict[str, TableMember],
    blocked: set[Pair],
) -> None:
    """Swap a willing professional from a table with two into ``short`` for a professional of
    ``short`` (never the facilitator), when neither lands next to a blocked pair and neither
    table loses its mix of sectors."""

    def sectors(table: list[str]) -> int:
        return len({member[x].sector for x in table if member[x].role == PROFESSIONAL})

    def fits(ref: str, table: list[str], leaving: str) -> bool:
        if any(frozenset((ref, x)) in blocked for x in table if x != leaving):
            return False
        after = [ref if x == leaving else x for x in table]
        return sectors(after) >= min(2, sectors(table))

    for rich in tables:
        spare = [r for r in rich if willing(r)]
        if len(spare) < 2:
            continue
        for give, take in itertools.product(spare[1:], short[1:]):
            if member[take].role != PROFESSIONAL:
                continue
            if fits(give, short, take) and fits(take, rich, give):
                short[short.index(take)] = give
                rich[rich.index(give)] = take
                return


def _no_tables(problem: TableProblem, res: GroupingResult, r: int, t0: float) -> TableResult:
    checks, viols = check_tables(problem, ())
    reasons = tuple(replace(v, params={**v.params, "round": r}) for v in res.violations if v.hard)
    return TableResult(
        tables=(),
        checks=checks,
        violations=reasons + viols,
        feasible=False,
        notes=(Note("no_tables", {"round": r}),),
        seconds=time.perf_counter() - t0,
    )


def _repeat_bound(n: int, g: int) -> int:
    """The fewest repeat meetings in round 2 when ``n`` people sit at ``g`` tables of even
    sizes in both rounds: the s people of a round-1 table spread over the g tables of round 2
    at best, so two of them share a table whenever s > g (none only if every table has at most
    g people)."""
    total = 0
    for i in range(g):
        q, r = divmod(n // g + (1 if i < n % g else 0), g)
        total += r * math.comb(q + 1, 2) + (g - r) * math.comb(q, 2)
    return total


def _table_counts(problem: TableProblem) -> list[int | None]:
    """The numbers of tables to try (the first step of the module docstring): the given one; else the
    grouping's own count and, over several rounds, the count with the fewest unavoidable repeat
    meetings (:func:`_repeat_bound`; ties: fewer tables) within the sizes, the facilitators and
    (when asked) the willing co-facilitators, when that count is another."""
    if problem.n_tables is not None or problem.rounds < 2:
        return [problem.n_tables]
    layout = fit_for(grouping_problem(problem, n_groups=None)).layout
    if layout is None:
        return [None]
    g0, n = layout.n_groups, len(problem.members)
    hi = min(n // problem.min_size, sum(1 for m in problem.members if m.can_facilitate))
    if problem.co_facilitator:
        hi = min(hi, max(g0, sum(1 for m in problem.members if m.can_co_facilitate)))
    best = min(range(g0, max(g0, hi) + 1), key=lambda g: (_repeat_bound(n, g), g))
    return [g0] if best == g0 else [best, g0]


def _seat_rounds(
    problem: TableProblem, hard: set[Pair], *, n_tables: int | None, seed: int, time_limit: float
) -> tuple[list[Table], tuple[GroupingResult, int] | None]:
    """Every round's tables (steps 1-4), or the grouping and round where no tables formed."""
    met: set[Pair] = set()
    tables: list[Table] = []
    per_round = time_limit / problem.rounds
    member = {m.ref: m for m in problem.members}
    for r in range(problem.rounds):
        res = _solve_round(
            problem, n_tables=n_tables, hard=hard, met=met, seed=seed + r, time_limit=per_round
        )
        if not res.groups:
            return [], (res, r)
        n_tables = len(res.groups)
        for g, members in zip(
            res.groups, _co_facilitators(problem, res.groups, hard | met), strict=True
        ):
            co = members[1] if problem.co_facilitator and len(members) > 1 else ""
            if co and not (member[co].role == PROFESSIONAL and member[co].can_co_facilitate):
                co = ""
            tables.append(Table(r, g.index, g.chair, co, tuple(members)))
            met |= {frozenset(p) for p in itertools.combinations(members, 2)}
    return tables, None


def _cost(violations: Sequence[Violation]) -> tuple[int, int]:
    """Broken hard rules, then repeat meetings: the lower the better."""
    repeats = sum(len(v.params.get("pairs", ())) for v in violations if v.code == "met_before")
    return sum(1 for v in violations if v.hard), repeats


def solve_tables(problem: TableProblem, *, seed: int = 0, time_limit: float = 2.0) -> TableResult:
    """Seat everyone at a mixed table in every round; see the module docstring.

    Deterministic for a given seed; ``time_limit`` seconds are shared by the table counts
    tried and the rounds. Every hard rule holds in the result or is named in ``violations``
    (from :func:`check_tables`, so a hand-edited seating is judged the same way).
    """
    _validate(problem)
    t0 = time.perf_counter()
    hard = {frozenset(p) for p in [*organisation_pairs(problem.members), *knows_pairs(problem)]}
    counts = _table_counts(problem)
    failure: tuple[GroupingResult, int] | None = None
    found: list[tuple[tuple[int, int], int, list[Table], Judged]] = []
    for i, count in enumerate(counts):
        tables, failed = _seat_rounds(
            problem, hard, n_tables=count, seed=seed, time_limit=time_limit / len(counts)
        )
        if failed is not None:
            failure = failure or failed
            continue
        judged = check_tables(problem, tables)
        found.append((_cost(judged[1]), i, tables, judged))
        if found[-1][0] == (0, 0):
            break  # nothing can be better
    if not found:
        assert failure is not None
        return _no_tables(problem, failure[0], failure[1], t0)
    (_, repeats), _, tables, (checks, violations) = min(found, key=lambda f: (f[0], f[1]))
    n_tables = sum(1 for t in tables if t.round == 0)
    notes = (
        Note(
            "tables_formed",
            {"rounds": problem.rounds, "tables": n_tables, "repeats": repeats},
        ),
    )
    return TableResult(
        tables=tuple(tables),
        checks=checks,
        violations=violations,
        feasible=not any(v.hard for v in violations),
        notes=notes,
        seconds=time.perf_counter() - t0,
    )
