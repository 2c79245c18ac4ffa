"""The mixed tables of a co-creation meeting: examples, infeasible cases named, and tiny cases
checked by brute force."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from ontmoeting.engine.tables import (
    Table,
    TableMember,
    TableProblem,
    check_tables,
    solve_tables,
)


def expert(ref: str, *, chair: bool = True) -> TableMember:
    return TableMember(ref, "expert", can_facilitate=chair)


def prof(ref: str, sector: str, org: str = "", *, co: bool = False) -> TableMember:
    return TableMember(ref, "professional", can_co_facilitate=co, sector=sector, organisation=org)


def partitions(items: list[str], size: int) -> Iterator[list[tuple[str, ...]]]:
    """Every split of ``items`` into unlabeled blocks of ``size`` (len divisible by size)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for others in itertools.combinations(rest, size - 1):
        left = [x for x in rest if x not in others]
        for tail in partitions(left, size):
            yield [(first, *others), *tail]


def pairs_in(blocks: Sequence[Sequence[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for b in blocks for p in itertools.combinations(b, 2)}


def _valid_block(block: Sequence[str], member: dict[str, TableMember]) -> bool:
    """One willing facilitator at least and professionals of two sectors (the hard rules of the
    small cases below, which have no organisations or knows links)."""
    chairs = [r for r in block if member[r].role == "expert" and member[r].can_facilitate]
    sectors = {member[r].sector for r in block if member[r].role == "professional"}
    return bool(chairs) and len(sectors) >= 2


def brute_force_min_repeats(problem: TableProblem, size: int) -> int:
    """The fewest repeat meetings over two rounds among the seatings meeting the hard rules."""
    member = {m.ref: m for m in problem.members}
    valid = [
        p
        for p in partitions([m.ref for m in problem.members], size)
        if all(_valid_block(b, member) for b in p)
    ]
    assert valid
    return min(len(pairs_in(a) & pairs_in(b)) for a in valid for b in valid)


def repeats(tables: Sequence[Table]) -> int:
    first = pairs_in([t.members for t in tables if t.round == 0])
    return len(first & pairs_in([t.members for t in tables if t.round == 1]))


def test_small_case_without_repeats_possible_gets_none() -> None:
    members = [expert("E0"), expert("E1"), expert("E2")] + [
        prof(f"P{i}", "ggz" if i % 2 else "jh") for i in range(6)
    ]
    problem = TableProblem(members, rounds=2, min_size=3, max_size=3)
    assert brute_force_min_repeats(problem, 3) == 0
    result = solve_tables(problem, seed=1, time_limit=0.5)
    assert result.feasible
    assert repeats(result.tables) == 0
    assert [v for v in result.violations if v.code == "met_before"] == []


def test_small_case_where_repeats_cannot_be_avoided_names_the_fewest() -> None:
    members = [expert("E0"), expert("E1"), prof("P0", "ggz"), prof("P1", "jh")]
    members += [prof("P2", "ggz"), prof("P3", "jh")]
    problem = TableProblem(members, rounds=2, min_size=3, max_size=3)
    fewest = brute_force_min_repeats(problem, 3)
    assert fewest == 2  # 2 tables of 3 twice: each new table holds two who met
    result = solve_tables(problem, seed=0, time_limit=0.5)
    named = [p for v in result.violations if v.code == "met_before" for p in v.params["pairs"]]
    assert len(named) == repeats(result.tables) == fewest
    assert all(not v.hard for v in result.violations if v.code == "met_before")
    assert result.feasible  # repeat meetings are named, not a broken hard rule


def test_every_table_is_mixed_and_facilitated() -> None:
    members = [expert(f"E{i}", chair=i < 4) for i in range(6)]
    members += [prof(f"P{i}", ["ggz", "vz", "jh"][i % 3], f"org{i}", co=i < 5) for i in range(14)]
    problem = TableProblem(members, rounds=2, min_size=4, max_size=6, co_facilitator=True)
    result = solve_tables(problem, seed=3, time_limit=1.0)
    member = {m.ref: m for m in members}
    assert result.tables
    for t in result.tables:
        assert member[t.facilitator].can_facilitate
        assert t.members[0] == t.facilitator
        assert len({member[r].sector for r in t.members if member[r].role == "professional"}) > 1
        if t.co_facilitator:
            assert member[t.co_facilitator].can_co_facilitate
            assert t.members[1] == t.co_facilitator
    assert len(result.of_round(0)) == len(result.of_round(1))
    missing_co = [t for t in result.tables if not t.co_facilitator]
    assert len(missing_co) == len([v for v in result.violations if v.code == "no_co_facilitator"])


def test_same_organisation_and_acquaintances_sit_apart() -> None:
    members = [expert(f"E{i}") for i in range(4)]
    members += [
        prof(f"P{i}", ["ggz", "vz"][i % 2], ["Zorggroep A", "zorggroep a "][i % 2] if i < 4 else "")
        for i in range(12)
    ]
    problem = TableProblem(members, rounds=1, min_size=4, max_size=4, knows=[("E0", "P5")])
    result = solve_tables(problem, seed=0, time_limit=0.5)
    assert result.feasible
    for t in result.tables:
        assert len({r for r in t.members if r in {"P0", "P1", "P2", "P3"}}) <= 1
        assert not {"E0", "P5"} <= set(t.members)


def test_no_willing_facilitator_is_named() -> None:
    members = [expert("E0", chair=False), expert("E1", chair=False)]
    members += [prof(f"P{i}", ["ggz", "jh"][i % 2]) for i in range(6)]
    result = solve_tables(TableProblem(members, rounds=2, min_size=3, max_size=4))
    assert result.tables == ()
    assert not result.feasible
    chairs = [v for v in result.violations if v.code == "too_few_chairs"]
    assert chairs
    assert chairs[0].params["round"] == 0
    assert chairs[0].params["chairs"] == 0


def test_one_sector_only_is_named() -> None:
    members = [expert("E0"), expert("E1")] + [prof(f"P{i}", "ggz") for i in range(6)]
    result = solve_tables(TableProblem(members, rounds=1, min_size=4, max_size=4))
    assert len(result.tables) == 2
    one = [v for v in result.violations if v.code == "one_sector_only"]
    assert [v.params["sectors"] for v in one] == [["ggz"]]
    assert one[0].hard
    assert not result.feasible


def test_check_tables_judges_a_hand_edited_seating() -> None:
    members = [
        expert("E0"),
        expert("E1", chair=False),
        prof("P0", "ggz", "A"),
        prof("P1", "jh", "A"),
    ]
    problem = TableProblem(members, rounds=2, min_size=1, max_size=4, co_facilitator=True)
    seating = [
        Table(0, 0, "E0", "", ("E0", "P0", "P1")),
        Table(0, 1, "E1", "", ("E1",)),
        Table(1, 0, "E0", "P0", ("E0", "P0")),
        Table(1, 1, "E1", "", ("E1", "P1")),
    ]
    _, violations = check_tables(problem, seating)
    found = {(v.code, v.params.get("round"), v.group) for v in violations}
    assert ("same_organisation", 0, 0) in found
    assert ("chair_unwilling", 0, 1) in found
    assert ("table_one_sector", 0, 1) in found
    assert ("no_co_facilitator", 0, 0) in found
    assert ("co_facilitator_unwilling", 1, 0) in found  # P0 is not willing
    assert ("met_before", 1, 0) in found
    met = next(v for v in violations if v.code == "met_before")
    assert met.params["pairs"] == [["E0", "P0", 0, 0]]
