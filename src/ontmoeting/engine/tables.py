"""Mixed tables of a co-creation meeting, in rounds: a rule set on top of the afternoon
grouping (:func:`~ontmoeting.engine.grouping.solve_grouping`), not a second solver.

Rules (checked in one place, :func:`~ontmoeting.engine.table_rules.check_tables`): every table
has exactly one facilitator (an expert by experience willing to chair), at least one expert,
professionals of more than one sector when the roster has more than one, and — when asked — a
professional willing to co-facilitate; people of the same organisation and people who know each
other sit apart; over the rounds nobody meets the same person twice if that can be done.

Method, round by round (each a grouping problem, :func:`~.table_rules.grouping_problem`):

1. The facilitators are the grouping's chairs; role and sector (and, when asked, the willing
   co-facilitators) are spread categories, so tables are mixed and the co-facilitators spread.
2. Same-organisation and knows pairs are ``apart`` pairs; so is every pair who already met in
   an earlier round. The grouping then breaks as few ``apart`` pairs as it can.
3. When that grouping still breaks one (so "nobody twice" cannot be done as asked), the round is
   solved again with only the organisation and knows pairs apart, and the better of the two is
   kept: fewest broken organisation/knows pairs first, then fewest repeat meetings. Repeat
   meetings are then named pair by pair (``met_before``).
4. The first round fixes the number of tables for the others. Each table's co-facilitator is
   its first willing professional; a table without one swaps a willing professional in from a
   table that has two when that breaks no organisation, knows or repeat pair.

When a round admits no tables (no willing facilitator, sizes that cannot be met), the result
has no tables and the grouping's reasons say why, with the round.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ontmoeting.engine.group_model import Group, GroupingResult
from ontmoeting.engine.grouping import solve_grouping
from ontmoeting.engine.results import Note
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
    """One round's grouping (step 2 and 3 of the module docstring)."""
    spread = ("sector", "role", "co_facilitator") if problem.co_facilitator else ("sector", "role")
    pairs = _sorted_pairs(hard | met)
    first = solve_grouping(
        grouping_problem(problem, n_groups=n_tables, apart=pairs, spread=spread),
        seed=seed,
        time_limit=time_limit,
    )
    if not first.groups or not met or _broken(first.groups, hard | met) == 0:
        return first
    only_hard = _sorted_pairs(hard)
    second = solve_grouping(
        grouping_problem(problem, n_groups=n_tables, apart=only_hard, spread=spread),
        seed=seed,
        time_limit=time_limit,
    )
    if not second.groups:
        return first

    def cost(res: GroupingResult) -> tuple[int, int]:
        return _broken(res.groups, hard), _broken(res.groups, met)

    return second if cost(second) < cost(first) else first


def _co_facilitators(
    problem: TableProblem, groups: Sequence[Group], blocked: set[Pair]
) -> list[list[str]]:
    """The members of each group with a willing co-facilitator second (step 4), swapping one
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


def solve_tables(problem: TableProblem, *, seed: int = 0, time_limit: float = 2.0) -> TableResult:
    """Seat everyone at a mixed table in every round; see the module docstring.

    Deterministic for a given seed; ``time_limit`` seconds are shared by the rounds. Every hard
    rule holds in the result or is named in ``violations`` (from :func:`check_tables`, so a
    hand-edited seating is judged the same way).
    """
    _validate(problem)
    t0 = time.perf_counter()
    hard = {frozenset(p) for p in [*organisation_pairs(problem.members), *knows_pairs(problem)]}
    met: set[Pair] = set()
    tables: list[Table] = []
    n_tables = problem.n_tables
    per_round = time_limit / problem.rounds
    member = {m.ref: m for m in problem.members}
    for r in range(problem.rounds):
        res = _solve_round(
            problem, n_tables=n_tables, hard=hard, met=met, seed=seed + r, time_limit=per_round
        )
        if not res.groups:
            return _no_tables(problem, res, r, t0)
        n_tables = len(res.groups)
        for g, members in zip(
            res.groups, _co_facilitators(problem, res.groups, hard | met), strict=True
        ):
            co = members[1] if problem.co_facilitator and len(members) > 1 else ""
            if co and not (member[co].role == PROFESSIONAL and member[co].can_co_facilitate):
                co = ""
            tables.append(Table(r, g.index, g.chair, co, tuple(members)))
            met |= {frozenset(p) for p in itertools.combinations(members, 2)}
    checks, violations = check_tables(problem, tables)
    feasible = not any(v.hard for v in violations)
    repeats = sum(len(v.params.get("pairs", ())) for v in violations if v.code == "met_before")
    notes = (
        Note(
            "tables_formed",
            {"rounds": problem.rounds, "tables": n_tables or 0, "repeats": repeats},
        ),
    )
    return TableResult(
        tables=tuple(tables),
        checks=checks,
        violations=violations,
        feasible=feasible,
        notes=notes,
        seconds=time.perf_counter() - t0,
    )
