"""Property tests of the mixed tables: on random rosters every returned seating either meets
each hard rule or names the violation, and :func:`check_tables` agrees with independent
brute-force counts (also on random hand-made seatings)."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.results import Violation
from ontmoeting.engine.tables import (
    Table,
    TableMember,
    TableProblem,
    check_tables,
    solve_tables,
)

PROPS = settings(max_examples=20, deadline=None)


def _roster(seed: int) -> TableProblem:
    r = random.Random(seed)
    members = [
        TableMember(f"E{i}", "expert", can_facilitate=r.random() < 0.6)
        for i in range(r.randint(1, 6))
    ]
    sectors = r.sample(["ggz", "vz", "jh"], r.randint(1, 3))
    orgs = ["", "Org A", "Org B", "Org C", "org a"]
    members += [
        TableMember(
            f"P{i}",
            "professional",
            can_co_facilitate=r.random() < 0.5,
            sector=r.choice(sectors),
            organisation=r.choice(orgs),
        )
        for i in range(r.randint(2, 14))
    ]
    refs = [m.ref for m in members]
    knows = [tuple(r.sample(refs, 2)) for _ in range(r.randint(0, 3))]
    lo = r.randint(2, 4)
    return TableProblem(
        members,
        rounds=r.randint(1, 3),
        min_size=lo,
        max_size=lo + r.randint(0, 3),
        co_facilitator=r.random() < 0.5,
        knows=[(a, b) for a, b in knows],
    )


def _random_seating(problem: TableProblem, seed: int) -> list[Table]:
    """Everyone at a random table in every round, a random facilitator and co-facilitator."""
    r = random.Random(seed)
    refs = [m.ref for m in problem.members]
    n_tables = r.randint(1, 3)
    out = []
    for rnd in range(problem.rounds):
        r.shuffle(refs)
        for t in range(n_tables):
            members = tuple(refs[t::n_tables])
            if not members:
                continue
            co = r.choice(members) if r.random() < 0.5 else ""
            out.append(Table(rnd, t, members[0], co, members))
    return out


# ------------------------------------------------------------------ independent counts


def _orgs(problem: TableProblem) -> dict[str, str]:
    return {
        m.ref: m.organisation.strip().lower() for m in problem.members if m.organisation.strip()
    }


def count_same_org(problem: TableProblem, tables: Sequence[Table]) -> int:
    org = _orgs(problem)
    return sum(
        1
        for t in tables
        for a, b in itertools.combinations(t.members, 2)
        if a in org and b in org and org[a] == org[b]
    )


def count_repeats(tables: Sequence[Table]) -> int:
    """Meetings at a table with someone already met at an earlier round (pair x later round)."""
    seen: Counter[frozenset[str]] = Counter()
    total = 0
    for rnd in sorted({t.round for t in tables}):
        now = [
            frozenset(p)
            for t in tables
            if t.round == rnd
            for p in itertools.combinations(t.members, 2)
        ]
        total += sum(1 for p in now if seen[p])
        seen.update(now)
    return total


def count_knows(problem: TableProblem, tables: Sequence[Table]) -> int:
    knows = {frozenset(p) for p in problem.knows}
    return sum(
        1 for t in tables for p in itertools.combinations(t.members, 2) if frozenset(p) in knows
    )


def named_pairs(violations: Sequence[Violation], code: str) -> int:
    return sum(len(v.params["pairs"]) for v in violations if v.code == code)


def _assert_counts_agree(problem: TableProblem, tables: Sequence[Table]) -> None:
    _, violations = check_tables(problem, tables)
    assert named_pairs(violations, "same_organisation") == count_same_org(problem, tables)
    assert named_pairs(violations, "met_before") == count_repeats(tables)
    assert named_pairs(violations, "together_apart") == count_knows(problem, tables)


def _assert_rules_hold_or_named(
    problem: TableProblem, tables: Sequence[Table], violations: Sequence[Violation]
) -> None:
    member = {m.ref: m for m in problem.members}
    named = {(v.code, v.params.get("round"), v.group) for v in violations}
    codes = {c for c, _, _ in named}
    sectors = {m.sector for m in problem.members if m.role == "professional"}
    for t in tables:
        key = (t.round, t.index)
        f = member.get(t.facilitator)
        if f is None or not f.can_facilitate:
            assert {
                ("no_chair", *key),
                ("chair_unwilling", *key),
                ("chair_not_member", *key),
            } & named
        if not problem.min_size <= len(t.members) <= problem.max_size:
            assert ("group_size", *key) in named
        if not any(member[r].role == "expert" for r in t.members):
            assert ("table_no_expert", *key) in named
        here = {member[r].sector for r in t.members if member[r].role == "professional"}
        if len(sectors) > 1 and len(here) < 2:
            assert ("table_one_sector", *key) in named
        if problem.co_facilitator and not t.co_facilitator:
            assert ("no_co_facilitator", *key) in named
    if len(sectors) == 1:
        assert "one_sector_only" in codes


@PROPS
@given(st.integers(0, 10_000))
def test_solved_seating_meets_every_hard_rule_or_names_it(seed: int) -> None:
    problem = _roster(seed)
    result = solve_tables(problem, seed=seed, time_limit=0.3)
    if not result.tables:
        assert any(v.hard for v in result.violations)
        assert not result.feasible
        return
    assert {t.round for t in result.tables} == set(range(problem.rounds))
    for rnd in range(problem.rounds):
        seated = [r for t in result.of_round(rnd) for r in t.members]
        assert sorted(seated) == sorted(m.ref for m in problem.members)
    _assert_rules_hold_or_named(problem, result.tables, result.violations)
    assert result.violations == check_tables(problem, result.tables)[1]
    assert result.feasible == (not any(v.hard for v in result.violations))
    _assert_counts_agree(problem, result.tables)


@PROPS
@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_check_tables_agrees_with_brute_force_counts_on_any_seating(seed: int, s2: int) -> None:
    problem = _roster(seed)
    tables = _random_seating(problem, s2)
    _assert_counts_agree(problem, tables)
    _, violations = check_tables(problem, tables)
    _assert_rules_hold_or_named(problem, tables, violations)
