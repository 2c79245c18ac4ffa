"""The whole plan of an encounter day: morning pairs -> afternoon groups -> rooms.

:func:`make_plan` runs the three solvers in order and collects their objective parts, rule
violations and explanations; :func:`plan_to_json` gives the shape the app and the API store.

Time budget: the pairing takes what it needs (exact, usually milliseconds), the grouping gets
70 % of what is left, the rooms the rest; the whole plan ends within ``time_limit`` (plus the
rooms' MILP start-up on very large editions).

Re-planning. :class:`PlanLocks` carries what a coordinator locked in a previous plan: morning
pairs (kept by the pairing even when they break a hard rule, which is then reported), members
and chairs of groups (group indices of the previous plan). When the number of groups would
change, :func:`make_plan` keeps at least as many groups as the locks name (when the sizes and
the chairs allow it); locks on groups that still do not exist, or on people who no longer take
part, are dropped and reported as soft violations ("locked_member", "locked_chair").
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ontmoeting.engine.grouping import (
    Group,
    GroupingProblem,
    GroupingResult,
    GroupingWeights,
    GroupMember,
    solve_grouping,
    suggest_group_count,
)
from ontmoeting.engine.model import (
    DEFAULT_PLAN_SETTINGS,
    Expert,
    Person,
    PlanSettings,
    Room,
    Student,
)
from ontmoeting.engine.pairing import Pair, PairingResult, solve_pairing
from ontmoeting.engine.results import Violation
from ontmoeting.engine.rooms import ConversationUnit, GroupUnit, RoomAssignment, assign_rooms


@dataclass(frozen=True)
class PlanLocks:
    """What must hold when a plan is made again (a coordinator's locks).

    Attributes
    ----------
    pairs : tuple of (student ref, expert ref)
        Morning pairs that must stay paired.
    members : mapping of str to int
        Person ref -> index of the group (``Group.index``) they must stay in.
    chairs : mapping of int to str
        Group index -> the expert who must chair it.
    """

    pairs: tuple[tuple[str, str], ...] = ()
    members: Mapping[str, int] = field(default_factory=dict)
    chairs: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanResult:
    """A complete plan.

    Attributes
    ----------
    pairs : tuple of Pair
        Morning conversations (a trio = two pairs with the same expert).
    groups : tuple of Group
        Afternoon groups (``Group.index`` is the key of ``group_rooms``).
    pair_rooms : dict of str to str
        Expert ref -> room of the morning conversation.
    group_rooms : dict of int to str
        Group index -> room.
    unpaired : tuple of str
        Students without a morning expert.
    surplus_experts : tuple of str
        Experts without a morning student.
    violations : tuple of Violation
    objective : dict of str to float
        Parts prefixed by the stage: "pairing.interest", "grouping.diversity", "rooms.walking"...
    explanation : tuple of str
    seconds : float
    feasible : bool
        No hard rule broken anywhere, everyone served.
    """

    pairs: tuple[Pair, ...]
    groups: tuple[Group, ...]
    pair_rooms: dict[str, str]
    group_rooms: dict[int, str]
    unpaired: tuple[str, ...]
    surplus_experts: tuple[str, ...]
    violations: tuple[Violation, ...]
    objective: dict[str, float]
    explanation: tuple[str, ...]
    seconds: float
    feasible: bool
    pairing: PairingResult | None = None
    grouping: GroupingResult | None = None
    rooms: RoomAssignment | None = None
    group_names: dict[int, str] = field(default_factory=dict)


def step_free_pair_places(rooms: Sequence[Room]) -> int:
    """How many pairs the step-free conversation rooms hold (floor(capacity / 2) each)."""
    return sum(r.capacity // 2 for r in rooms if r.step_free and r.kind in ("conversation", "any"))


def pair_domain(student: Student, expert: Expert) -> str:
    """The domain a conversation is about: the student's best-ranked interest the expert has,
    else the expert's first domain (alphabetically), else ""."""
    for d in student.interests:
        if d in expert.domains:
            return d
    return min(expert.domains) if expert.domains else ""


def grouping_members(
    students: Sequence[Student], experts: Sequence[Expert], pairs: Sequence[Pair]
) -> list[GroupMember]:
    """Everyone who takes part, as grouping members with the categories to spread."""
    s_by, e_by = {s.ref: s for s in students}, {e.ref: e for e in experts}
    dom: dict[str, str] = {}
    for p in pairs:
        d = pair_domain(s_by[p.student], e_by[p.expert])
        dom[p.student] = d
        dom.setdefault(p.expert, d)
    members: list[GroupMember] = []
    for s in students:
        cats = {"domain": dom.get(s.ref, ""), "class_group": s.class_group, "gender": s.gender}
        members.append(
            GroupMember(s.ref, "student", categories={k: v for k, v in cats.items() if v})
        )
    for e in experts:
        d = dom.get(e.ref) or (min(e.domains) if e.domains else "")
        cats = {"domain": d, "experience": "veteran" if e.veteran else "newcomer"}
        members.append(
            GroupMember(
                e.ref,
                "expert",
                can_chair=e.can_chair,
                chaired_before=e.chaired_before,
                categories={k: v for k, v in cats.items() if v},
            )
        )
    return members


def knows_links(students: Sequence[Student], experts: Sequence[Expert]) -> list[tuple[str, str]]:
    """Every "knows" link between two people who both take part (each once, sorted)."""
    people: list[Person] = [*students, *experts]
    refs = {p.ref for p in people}
    links = {
        (min(p.ref, q), max(p.ref, q)) for p in people for q in p.knows if q in refs and q != p.ref
    }
    return sorted(links)


def grouping_problem(
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[Pair],
    settings: PlanSettings,
    *,
    previous: Mapping[str, int] | None = None,
    weights: GroupingWeights | None = None,
    n_groups: int | None = None,
) -> GroupingProblem:
    """The afternoon grouping problem for the people who take part."""
    members = grouping_members(students, experts, pairs)
    n_chairs = sum(1 for m in members if m.can_chair)
    if n_groups is None:
        n_groups = settings.n_groups or suggest_group_count(
            len(members), n_chairs, settings.group_min_size, settings.group_max_size
        )
    couples = [(p.student, p.expert) for p in pairs]
    keep = couples if settings.pair_policy == "keep" else []
    # a couple who know each other can only be a locked pair: the pairing reports it, and the
    # afternoon keeps the coordinator's decision (together) instead of breaking a second rule
    kept = {(min(a, b), max(a, b)) for a, b in keep}
    apart = [link for link in knows_links(students, experts) if link not in kept]
    apart += [] if settings.pair_policy == "keep" else couples
    return GroupingProblem(
        members=members,
        n_groups=n_groups,
        min_size=settings.group_min_size,
        max_size=settings.group_max_size,
        keep_together=keep,
        apart=apart,
        previous=previous,
        weights=weights or settings.grouping_weights or GroupingWeights(),
    )


def apply_group_locks(
    problem: GroupingProblem, locks: PlanLocks, *, n_groups_fixed: bool
) -> tuple[GroupingProblem, list[Violation], list[str]]:
    """The grouping problem with the locked members and chairs as ``fixed``/``fixed_chairs``.

    When ``n_groups_fixed`` is False and the locks name a group index beyond the problem's
    groups, the number of groups is raised to hold it, if the sizes and the willing chairs
    allow. Locks that still name a missing group, or a person who does not take part, are
    dropped with a soft violation; a member lock that contradicts a chair lock of the same
    person gives way to the chair lock. O(members + locks).
    """
    refs = {m.ref for m in problem.members}
    violations: list[Violation] = []
    notes: list[str] = []
    g_count = problem.n_groups
    wanted = max([*locks.members.values(), *locks.chairs.keys()], default=-1) + 1
    if wanted > g_count and not n_groups_fixed:
        n = len(problem.members)
        n_chairs = sum(1 for m in problem.members if m.can_chair)
        if n >= wanted * problem.min_size and n_chairs >= wanted:
            notes.append(
                f"{wanted} groups instead of {g_count}: the locks name group {wanted} "
                "of the previous plan."
            )
            g_count = wanted

    def drop(rule: str, ref: str, g: int, what: str) -> None:
        if ref not in refs:
            why = f"{ref} does not take part"
        elif not 0 <= g < g_count:
            why = f"the plan has {g_count} groups (Group 1..{g_count})"
        else:
            why = f"{ref} is locked as chair of another group"
        msg = f"lock dropped: {ref} {what} Group {g + 1}, but {why}"
        violations.append(Violation(rule, (ref,), msg, hard=False, group=g))
        notes.append(msg)

    chairs: dict[int, str] = {}
    for g, ref in sorted(locks.chairs.items()):
        if ref in refs and 0 <= g < g_count:
            chairs[g] = ref
        else:
            drop("locked_chair", ref, g, "was to chair")
    chair_group = {ref: g for g, ref in chairs.items()}
    fixed: dict[str, int] = {}
    for ref, g in sorted(locks.members.items()):
        if ref in refs and 0 <= g < g_count and chair_group.get(ref, g) == g:
            fixed[ref] = g
        else:
            drop("locked_member", ref, g, "was to stay in")
    if fixed or chairs:
        notes.append(f"{len(fixed)} member(s) and {len(chairs)} chair(s) kept in their group.")
    out = replace(problem, n_groups=g_count, fixed=fixed, fixed_chairs=chairs)
    return out, violations, notes


def room_units(
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[Pair],
    groups: Sequence[Group],
) -> tuple[list[GroupUnit], list[ConversationUnit]]:
    """What the rooms must hold: one unit per group, one per conversation (pair or trio)."""
    everyone: list[Person] = [*students, *experts]
    people: dict[str, Person] = {p.ref: p for p in everyone}
    where = {m: g.index for g in groups for m in g.members}
    g_units = [
        GroupUnit(
            g.index,
            len(g.members),
            any("step_free" in people[m].needs for m in g.members if m in people),
        )
        for g in groups
    ]
    by_expert: dict[str, list[str]] = {}
    for p in pairs:
        by_expert.setdefault(p.expert, []).append(p.student)
    c_units = []
    for e_ref, s_refs in by_expert.items():
        refs = [e_ref, *s_refs]
        c_units.append(
            ConversationUnit(
                e_ref,
                len(refs),
                any("step_free" in people[r].needs for r in refs),
                tuple((float(where[r]), math.nan) for r in refs if r in where),
            )
        )
    return g_units, c_units


def make_plan(
    students: Sequence[Student],
    experts: Sequence[Expert],
    rooms: Sequence[Room],
    settings: PlanSettings = DEFAULT_PLAN_SETTINGS,
    *,
    seed: int | None = None,
    time_limit: float | None = None,
    progress: Callable[[float], None] | None = None,
    locks: PlanLocks | None = None,
) -> PlanResult:
    """Plan the day: pairs, then groups, then rooms (see the module docstring).

    ``seed`` and ``time_limit`` override the settings' values; ``locks`` are kept (see
    :class:`PlanLocks` and the module docstring).
    """
    locks = locks or PlanLocks()
    start = time.perf_counter()
    seed = settings.seed if seed is None else seed
    limit = settings.time_limit if time_limit is None else time_limit

    def left() -> float:
        return max(0.05, limit - (time.perf_counter() - start))

    pr = solve_pairing(
        students,
        experts,
        weights=settings.pairing,
        quotas=settings.quotas,
        step_free_pairs=step_free_pair_places(rooms),
        locked_pairs=locks.pairs,
        seed=seed,
        time_limit=0.3 * limit,
    )
    if progress:
        progress(0.2)
    s_in = [s for s in students if s.available]
    e_in = [e for e in experts if e.available and e.eligible]
    violations = list(pr.violations)
    explanation = list(pr.explanation)
    objective = {f"pairing.{k}": float(v) for k, v in pr.objective.items()}
    gr: GroupingResult | None = None
    groups: tuple[Group, ...] = ()
    if not any(e.can_chair for e in e_in):
        violations.append(Violation("chair", (), "no expert is willing to chair a group"))
    else:
        problem = grouping_problem(s_in, e_in, pr.pairs, settings)
        if locks.members or locks.chairs:
            problem, lock_viols, lock_notes = apply_group_locks(
                problem, locks, n_groups_fixed=settings.n_groups is not None
            )
            violations.extend(lock_viols)
            explanation.extend(lock_notes)
        gr = solve_grouping(
            problem,
            seed=seed,
            time_limit=0.7 * left(),
            progress=(lambda f: progress(0.2 + 0.6 * f)) if progress else None,
        )
        groups = gr.groups
        violations.extend(gr.violations)
        explanation.extend(gr.explanation)
        objective.update({f"grouping.{k}": float(v) for k, v in gr.objective.items()})
    g_units, c_units = room_units(s_in, e_in, pr.pairs, groups)
    # the rooms get what is left, minus a little for the bookkeeping after them
    ra = assign_rooms(
        g_units, c_units, rooms, walking=settings.walking, time_limit=left() - 0.01 * limit
    )
    violations.extend(ra.violations)
    explanation.extend(ra.explanation)
    objective.update({f"rooms.{k}": float(v) for k, v in ra.objective.items()})
    if progress:
        progress(1.0)
    return PlanResult(
        pairs=pr.pairs,
        groups=groups,
        pair_rooms=dict(ra.conversation_rooms),
        group_rooms=dict(ra.group_rooms),
        unpaired=pr.unserved,
        surplus_experts=pr.surplus_experts,
        violations=tuple(violations),
        objective=objective,
        explanation=tuple(explanation),
        seconds=time.perf_counter() - start,
        feasible=not any(v.hard for v in violations),
        pairing=pr,
        grouping=gr,
        rooms=ra,
        group_names={g.index: f"Group {g.index + 1}" for g in groups},
    )


def plan_to_json(result: PlanResult) -> dict[str, Any]:
    """The plan as plain JSON data (trios appear as two pairs with the same expert)."""
    return {
        "pairs": [
            {"student": p.student, "expert": p.expert, "room": result.pair_rooms.get(p.expert)}
            for p in result.pairs
        ],
        "groups": [
            {
                "name": result.group_names.get(g.index, f"Group {g.index + 1}"),
                "chair": g.chair,
                "members": list(g.members),
                "room": result.group_rooms.get(g.index),
            }
            for g in result.groups
        ],
        "unpaired": list(result.unpaired),
        "violations": [
            {
                "rule": v.rule,
                "refs": list(v.refs),
                "message": v.message,
                "hard": v.hard,
                "group": v.group,
            }
            for v in result.violations
        ],
        "objective": dict(result.objective),
        "seconds": result.seconds,
    }
