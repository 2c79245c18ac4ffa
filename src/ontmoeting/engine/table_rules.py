"""The mixed tables of a co-creation meeting: their plain types and their rules, one small
function each.

:func:`check_tables` is the one place the rules are checked, for a seating the solver made or
one a coordinator edited by hand. Per round it runs the afternoon grouping's own checks
(:func:`~ontmoeting.engine.group_rules.check_grouping`: everyone at exactly one table, one
willing facilitator per table, the table sizes, people who know each other apart, the sectors
spread), then the table rules of :data:`TABLE_RULES`. Hard: a facilitator, an expert by
experience at every table, professionals of more than one sector (when the roster has more than
one), a willing co-facilitator (when asked), nobody of the same organisation at one table, the
number of rounds. Soft: nobody meets the same person twice over the rounds (``met_before``,
named pair by pair, for when it cannot be done).

Rounds and tables count from 0 here (``Table.round``, ``Table.index``), as groups do; every
finding carries its round in ``params["round"]`` and its table in ``group``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ontmoeting.engine.group_model import Group, GroupingProblem, GroupingWeights, GroupMember
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.results import Note, RuleCheck, Violation

EXPERT = "expert"
PROFESSIONAL = "professional"

#: The grouping rules that are table rules too (the others concern the encounter day only).
GROUPING_RULES = frozenset({"assignment", "group_count", "chair", "size", "apart", "spread"})


@dataclass(frozen=True)
class TableMember:
    """A participant of a co-creation meeting: an expert by experience (who may facilitate) or
    a professional (of a sector and an organisation, who may co-facilitate)."""

    ref: str
    role: str  # "expert" | "professional"
    can_facilitate: bool = False
    can_co_facilitate: bool = False
    sector: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class TableProblem:
    """Input of :func:`~ontmoeting.engine.tables.solve_tables`.

    ``knows``: pairs who know each other (kept apart, hard). ``co_facilitator``: every table
    also gets a professional willing to co-facilitate. ``n_tables``: None = chosen from the
    sizes and the willing facilitators (the same count in every round).
    """

    members: Sequence[TableMember]
    rounds: int = 2
    min_size: int = 5
    max_size: int = 8
    co_facilitator: bool = False
    knows: Sequence[tuple[str, str]] = ()
    n_tables: int | None = None


@dataclass(frozen=True)
class Table:
    """One table in one round (both from 0): its facilitator, its co-facilitator ("" when
    none) and its members, the facilitator first and the co-facilitator next."""

    round: int
    index: int
    facilitator: str
    co_facilitator: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class TableResult:
    """Every round's tables, the rule checks and violations, and the notes of what was done."""

    tables: tuple[Table, ...]
    checks: tuple[RuleCheck, ...]
    violations: tuple[Violation, ...]
    feasible: bool
    notes: tuple[Note, ...] = ()
    seconds: float = 0.0

    def of_round(self, r: int) -> tuple[Table, ...]:
        """The tables of round ``r`` (from 0), by table number."""
        return tuple(sorted((t for t in self.tables if t.round == r), key=lambda t: t.index))


def organisation_pairs(members: Sequence[TableMember]) -> list[tuple[str, str]]:
    """Every pair of members of the same (non-empty) organisation, compared case-blind."""
    by_org: dict[str, list[str]] = {}
    for m in members:
        if m.organisation.strip():
            by_org.setdefault(m.organisation.strip().casefold(), []).append(m.ref)
    return [pair for refs in by_org.values() for pair in itertools.combinations(refs, 2)]


def knows_pairs(problem: TableProblem) -> list[tuple[str, str]]:
    """The knows pairs, each once (in either order) and sorted; a pair of one person dropped."""
    return sorted({(min(a, b), max(a, b)) for a, b in problem.knows if a != b})


def grouping_member(m: TableMember, *, co_facilitator: bool = False) -> GroupMember:
    """``m`` as a member of the grouping: experts may chair (facilitate), sector and role are
    spread; with ``co_facilitator`` the willing professionals are spread too."""
    cats = {"role": m.role}
    if m.sector and m.role == PROFESSIONAL:
        cats["sector"] = m.sector
    if co_facilitator and m.role == PROFESSIONAL and m.can_co_facilitate:
        cats["co_facilitator"] = "yes"
    return GroupMember(
        m.ref,
        EXPERT if m.role == EXPERT else PROFESSIONAL,
        can_chair=m.role == EXPERT and m.can_facilitate,
        chaired_before=True,  # no first-time-chair finding at a table
        categories=cats,
    )


def grouping_problem(
    problem: TableProblem,
    *,
    n_groups: int | None,
    apart: Sequence[tuple[str, str]] = (),
    spread: Sequence[str] = ("sector", "role"),
) -> GroupingProblem:
    """One round of ``problem`` as a grouping problem (facilitators are the chairs)."""
    return GroupingProblem(
        members=[
            grouping_member(m, co_facilitator="co_facilitator" in spread) for m in problem.members
        ],
        n_groups=n_groups,
        min_size=problem.min_size,
        max_size=problem.max_size,
        apart=list(apart),
        spread=tuple(spread),
        weights=GroupingWeights(chair_experience=0.0, isolation=0.0),
        minority_categories=(),
    )


# ------------------------------------------------------------------------------ the rules


@dataclass(frozen=True)
class _Context:
    problem: TableProblem
    member: Mapping[str, TableMember]
    sectors: frozenset[str]
    organisation_of: Mapping[str, str]
    earlier: Mapping[frozenset[str], tuple[int, int]] = field(default_factory=dict)


def _in_round(r: int, params: Mapping[str, object] | None = None) -> dict[str, object]:
    return {**(params or {}), "round": r}


def _expert(ctx: _Context, t: Table) -> list[RuleCheck]:
    experts = [x for x in t.members if x in ctx.member and ctx.member[x].role == EXPERT]
    if experts:
        return [RuleCheck("table_mix", True, "has_expert", t.index, params=_in_round(t.round))]
    return [
        RuleCheck(
            "table_mix",
            False,
            "table_no_expert",
            t.index,
            refs=t.members,
            params=_in_round(t.round),
        )
    ]


def _sectors(ctx: _Context, t: Table) -> list[RuleCheck]:
    if len(ctx.sectors) < 2:
        return []  # the roster does not allow it: named once by _plan_wide
    here = sorted(
        {
            ctx.member[x].sector
            for x in t.members
            if x in ctx.member and ctx.member[x].role == PROFESSIONAL and ctx.member[x].sector
        }
    )
    ok = len(here) >= 2
    return [
        RuleCheck(
            "table_mix",
            ok,
            "sectors_mixed" if ok else "table_one_sector",
            t.index,
            params=_in_round(t.round, {"sectors": here}),
        )
    ]


def _co_facilitator(ctx: _Context, t: Table) -> list[RuleCheck]:
    if not ctx.problem.co_facilitator:
        return []
    co = t.co_facilitator
    if not co:
        return [
            RuleCheck(
                "co_facilitator", False, "no_co_facilitator", t.index, params=_in_round(t.round)
            )
        ]
    m = ctx.member.get(co)
    if m is None or co not in t.members or m.role != PROFESSIONAL or not m.can_co_facilitate:
        return [
            RuleCheck(
                "co_facilitator",
                False,
                "co_facilitator_unwilling",
                t.index,
                refs=(co,),
                params=_in_round(t.round),
            )
        ]
    return [
        RuleCheck(
            "co_facilitator",
            True,
            "co_facilitated_by",
            t.index,
            refs=(co,),
            params=_in_round(t.round),
        )
    ]


def _organisation(ctx: _Context, t: Table) -> list[RuleCheck]:
    here = [x for x in t.members if x in ctx.organisation_of]
    pairs = [
        [a, b]
        for a, b in itertools.combinations(here, 2)
        if ctx.organisation_of[a] == ctx.organisation_of[b]
    ]
    if not pairs:
        return [
            RuleCheck(
                "organisation", True, "organisations_apart", t.index, params=_in_round(t.round)
            )
        ]
    return [
        RuleCheck(
            "organisation",
            False,
            "same_organisation",
            t.index,
            refs=tuple(dict.fromkeys(r for p in pairs for r in p)),
            params=_in_round(t.round, {"pairs": pairs}),
        )
    ]


def _met_before(ctx: _Context, t: Table) -> list[RuleCheck]:
    again: list[list[str | int]] = []
    met: list[str] = []
    for a, b in itertools.combinations(t.members, 2):
        seen = ctx.earlier.get(frozenset((a, b)))
        if seen is not None and seen[0] < t.round:
            again.append([a, b, seen[0], seen[1]])
            met += [a, b]
    if not again:
        if t.round == 0:
            return []
        return [
            RuleCheck(
                "repeat_meeting", True, "all_new", t.index, hard=False, params=_in_round(t.round)
            )
        ]
    return [
        RuleCheck(
            "repeat_meeting",
            False,
            "met_before",
            t.index,
            hard=False,
            refs=tuple(dict.fromkeys(met)),
            params=_in_round(t.round, {"pairs": again}),
        )
    ]


TableRule = Callable[[_Context, Table], list[RuleCheck]]

#: The table rules, in the order the plan page lists them.
TABLE_RULES: tuple[TableRule, ...] = (
    _expert,
    _sectors,
    _co_facilitator,
    _organisation,
    _met_before,
)


def _plan_wide(ctx: _Context, tables: Sequence[Table]) -> list[RuleCheck]:
    """The number of rounds, and the roster's sectors (a mix needs two)."""
    out = []
    rounds = len({t.round for t in tables})
    want = ctx.problem.rounds
    out.append(
        RuleCheck(
            "table_rounds",
            rounds == want,
            "round_count",
            params={"rounds": rounds, "required": want},
        )
    )
    if len(ctx.sectors) < 2 and any(m.role == PROFESSIONAL for m in ctx.problem.members):
        out.append(
            RuleCheck(
                "table_mix", False, "one_sector_only", params={"sectors": sorted(ctx.sectors)}
            )
        )
    return out


def _round_checks(problem: TableProblem, r: int, tables: Sequence[Table]) -> list[RuleCheck]:
    """The grouping's own checks of round ``r`` (facilitator, sizes, knows, spread)."""
    groups = [Group(index=t.index, chair=t.facilitator, members=t.members) for t in tables]
    gp = grouping_problem(problem, n_groups=None, apart=knows_pairs(problem), spread=("sector",))
    checks, _ = check_grouping(gp, groups)
    return [
        RuleCheck(c.rule, c.ok, c.code, c.group, c.hard, c.refs, _in_round(r, c.params))
        for c in checks
        if c.rule in GROUPING_RULES
    ]


def meetings(tables: Sequence[Table]) -> dict[frozenset[str], tuple[int, int]]:
    """Every pair who share a table -> the (round, table) where they first meet."""
    out: dict[frozenset[str], tuple[int, int]] = {}
    for t in sorted(tables, key=lambda t: (t.round, t.index)):
        for a, b in itertools.combinations(t.members, 2):
            out.setdefault(frozenset((a, b)), (t.round, t.index))
    return out


def check_tables(
    problem: TableProblem, tables: Sequence[Table]
) -> tuple[tuple[RuleCheck, ...], tuple[Violation, ...]]:
    """Re-check a (possibly hand-edited) seating of every round against every rule.

    Returns one RuleCheck per (round, table, rule) and the plan-wide ones, and a Violation for
    every failed check (its round in ``params["round"]``, its table in ``group``). O(n^2) per
    round.
    """
    member = {m.ref: m for m in problem.members}
    ctx = _Context(
        problem=problem,
        member=member,
        sectors=frozenset(m.sector for m in problem.members if m.role == PROFESSIONAL and m.sector),
        organisation_of={
            m.ref: m.organisation.strip().casefold()
            for m in problem.members
            if m.organisation.strip()
        },
        earlier=meetings(tables),
    )
    checks = _plan_wide(ctx, tables)
    for r in sorted({t.round for t in tables}):
        in_round = sorted((t for t in tables if t.round == r), key=lambda t: t.index)
        checks.extend(_round_checks(problem, r, in_round))
        for t in in_round:
            for rule in TABLE_RULES:
                checks.extend(rule(ctx, t))
    violations = tuple(
        Violation(c.code, refs=c.refs, hard=c.hard, group=c.group, params=c.params)
        for c in checks
        if not c.ok
    )
    return tuple(checks), violations
