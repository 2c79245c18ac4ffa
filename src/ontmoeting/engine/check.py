"""The one rule check of a whole plan: pairs, groups, rooms of every block.

:func:`check_plan` is the only place a finished plan is judged. The engine calls it at the end
of :func:`~ontmoeting.engine.plan.make_plan`; the app calls it after every hand edit, before
publishing and before printing documents, so a plan is never "clean" in one place and broken in
another. It takes a plan as plain data (:class:`PlanLayout`), so a plan read back from the
database is checked exactly like one fresh from the solvers.

Rules (hard unless said otherwise):

* pairs: both people take part (``not_taking_part``); the pair rules of
  :func:`~ontmoeting.engine.feasibility.edge_rules` (``knows``, ``language``,
  ``accessibility``); a student has one expert (``student_paired_twice``); an expert takes no
  more students than allowed (``expert_over_capacity``); every student has an expert
  (``unserved``);
* groups: every rule of :mod:`~ontmoeting.engine.group_rules` (the locks included);
* rooms: every group has a room (``no_room``) that is free in the afternoon
  (``room_unavailable``), seats it (``room_overfull``), is step-free when someone needs it
  (``room_not_step_free``) and hosts no other group (``room_shared``); every conversation has a
  room (``conversation_no_room``), free in the morning, step-free when needed, and no room holds
  more people than seats; every block everyone spends together has rooms that are free, seat
  everyone (``plenary_too_small``) and include a step-free one when needed
  (``plenary_not_step_free``).

Complexity: O(pairs + people^2 / groups) — the group rules dominate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ontmoeting.engine.afternoon import grouping_problem
from ontmoeting.engine.feasibility import edge_rules
from ontmoeting.engine.group_model import Group
from ontmoeting.engine.group_rules import check_grouping, score_grouping
from ontmoeting.engine.model import (
    DEFAULT_BLOCKS,
    PLENARY_KINDS,
    Block,
    Expert,
    Person,
    PlanSettings,
    Room,
    Student,
)
from ontmoeting.engine.results import RuleCheck, Violation
from ontmoeting.engine.rooms import block_of


@dataclass(frozen=True)
class PlanLayout:
    """A plan as plain data: who meets whom, who sits where.

    ``pairs``: (student ref, expert ref); ``pair_rooms``: expert ref -> room of the morning;
    ``group_rooms``: group index -> room; ``block_rooms``: block key -> rooms of a block
    everyone spends together (None: not planned, e.g. a plan made before blocks had rooms);
    ``fixed`` / ``fixed_chairs``: the coordinator's locks (ref -> group index, group index ->
    chair).
    """

    pairs: Sequence[tuple[str, str]]
    groups: Sequence[Group]
    pair_rooms: Mapping[str, str] = field(default_factory=dict)
    group_rooms: Mapping[int, str] = field(default_factory=dict)
    block_rooms: Mapping[str, Sequence[str]] | None = None
    fixed: Mapping[str, int] = field(default_factory=dict)
    fixed_chairs: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanCheck:
    """The verdict: every violation, the compliance of every rule per group, who has no
    expert, and the grouping's objective parts."""

    violations: tuple[Violation, ...]
    checks: tuple[RuleCheck, ...]
    unpaired: tuple[str, ...]
    objective: Mapping[str, float]

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not any(v.hard for v in self.violations)


def _expert_capacity(expert: Expert, settings: PlanSettings) -> int:
    cap = (
        expert.max_students if expert.max_students is not None else settings.pairing.max_per_expert
    )
    return min(cap, 1) if not settings.pairing.allow_trios else cap


def _pair_rules(
    students: Mapping[str, Student],
    experts: Mapping[str, Expert],
    pairs: Sequence[tuple[str, str]],
    settings: PlanSettings,
) -> tuple[list[Violation], list[tuple[str, str]]]:
    """Violations of the pairs, and the pairs of people who both take part."""
    out: list[Violation] = []
    valid: list[tuple[str, str]] = []
    for s_ref, e_ref in pairs:
        s, e = students.get(s_ref), experts.get(e_ref)
        if s is None or e is None:
            gone = tuple(r for r, p in ((s_ref, s), (e_ref, e)) if p is None)
            out.append(
                Violation("not_taking_part", gone, params={"partner": s_ref if s else e_ref})
            )
            continue
        out += [Violation(rule, (s_ref, e_ref)) for rule in edge_rules(s, e)]
        valid.append((s_ref, e_ref))
    experts_of: dict[str, list[str]] = defaultdict(list)
    students_of: dict[str, list[str]] = defaultdict(list)
    for s_ref, e_ref in valid:
        experts_of[s_ref].append(e_ref)
        students_of[e_ref].append(s_ref)
    for s_ref, es in sorted(experts_of.items()):
        if len(es) > 1:
            out.append(Violation("student_paired_twice", (s_ref, *es)))
    for e_ref, ss in sorted(students_of.items()):
        cap = _expert_capacity(experts[e_ref], settings)
        if len(ss) > max(cap, 1):
            out.append(
                Violation(
                    "expert_over_capacity", (e_ref, *ss), params={"count": len(ss), "max": cap}
                )
            )
    out += [Violation("unserved", (r,)) for r in students if r not in experts_of]
    return out, valid


def _group_room_rules(
    groups: Sequence[Group],
    group_rooms: Mapping[int, str],
    rooms: Mapping[str, Room],
    block: Block,
    needs: set[str],
) -> list[RuleCheck]:
    """One check per group: its room exists, is free, seats it, is step-free when needed."""
    out: list[RuleCheck] = []
    used: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        who = tuple(r for r in g.members if r in needs)
        name = group_rooms.get(g.index)
        room = rooms.get(name) if name else None
        size = len(g.members)
        if room is None:
            params = {"size": size, "step_free": bool(who)}
            out.append(RuleCheck("rooms", False, "no_room", g.index, params=params))
            continue
        used[room.name].append(g.index)
        failed = False
        if not room.free_in(block):
            out.append(
                RuleCheck(
                    "rooms",
                    False,
                    "room_unavailable",
                    g.index,
                    params={"block": block.kind, "room": room.name},
                )
            )
            failed = True
        if size > room.capacity:
            out.append(
                RuleCheck(
                    "capacity",
                    False,
                    "room_overfull",
                    g.index,
                    params={"room": room.name, "people": size, "seats": room.capacity},
                )
            )
            failed = True
        if who and not room.step_free:
            out.append(
                RuleCheck(
                    "step_free",
                    False,
                    "room_not_step_free",
                    g.index,
                    refs=who,
                    params={"room": room.name},
                )
            )
            failed = True
        if not failed:
            out.append(
                RuleCheck(
                    "rooms",
                    True,
                    "room_fits",
                    g.index,
                    params={"room": room.name, "people": size, "seats": room.capacity},
                )
            )
    for name, gs in sorted(used.items()):
        if len(gs) > 1:
            out += [
                RuleCheck("rooms", False, "room_shared", g, params={"room": name, "groups": gs})
                for g in gs
            ]
    return out


def _conversation_room_rules(
    pairs: Sequence[tuple[str, str]],
    pair_rooms: Mapping[str, str],
    rooms: Mapping[str, Room],
    block: Block,
    needs: set[str],
) -> list[Violation]:
    out: list[Violation] = []
    students_of: dict[str, list[str]] = defaultdict(list)
    for s_ref, e_ref in pairs:
        students_of[e_ref].append(s_ref)
    seats: Counter[str] = Counter()
    for e_ref, ss in sorted(students_of.items()):
        people = (e_ref, *ss)
        who = tuple(r for r in people if r in needs)
        name = pair_rooms.get(e_ref)
        room = rooms.get(name) if name else None
        if room is None:
            out.append(
                Violation(
                    "conversation_no_room",
                    (e_ref,),
                    params={"seats": len(people), "step_free": bool(who)},
                )
            )
            continue
        seats[room.name] += len(people)
        if not room.free_in(block):
            out.append(
                Violation(
                    "room_unavailable", people, rooms=(room.name,), params={"block": block.kind}
                )
            )
        if who and not room.step_free:
            out.append(
                Violation(
                    "room_not_step_free", who, rooms=(room.name,), params={"block": block.kind}
                )
            )
    for name, used in sorted(seats.items()):
        if used > rooms[name].capacity:
            out.append(
                Violation(
                    "room_overfull",
                    rooms=(name,),
                    params={"block": block.kind, "people": used, "seats": rooms[name].capacity},
                )
            )
    return out


def _plenary_rules(
    blocks: Sequence[Block],
    block_rooms: Mapping[str, Sequence[str]],
    rooms: Mapping[str, Room],
    people: int,
    step_free: bool,
) -> list[Violation]:
    out: list[Violation] = []
    for block in blocks:
        if block.kind not in PLENARY_KINDS:
            continue
        here = [rooms[n] for n in block_rooms.get(block.key, ()) if n in rooms]
        busy = tuple(r.name for r in here if not r.free_in(block))
        if busy:
            out.append(Violation("room_unavailable", rooms=busy, params={"block": block.kind}))
        seats = sum(r.capacity for r in here if r.free_in(block))
        if seats < people:
            out.append(
                Violation(
                    "plenary_too_small",
                    rooms=tuple(r.name for r in here),
                    params={"block": block.kind, "people": people, "seats": seats},
                )
            )
        if step_free and here and not any(r.step_free for r in here):
            out.append(
                Violation(
                    "plenary_not_step_free",
                    rooms=tuple(r.name for r in here),
                    params={"block": block.kind},
                )
            )
    return out


def check_plan(
    students: Sequence[Student],
    experts: Sequence[Expert],
    rooms: Sequence[Room],
    settings: PlanSettings,
    plan: PlanLayout,
    *,
    blocks: Sequence[Block] = DEFAULT_BLOCKS,
) -> PlanCheck:
    """Check every rule of ``plan`` (see the module docstring)."""
    s_by = {s.ref: s for s in students if s.available}
    e_by = {e.ref: e for e in experts if e.available and e.eligible}
    violations, valid = _pair_rules(s_by, e_by, plan.pairs, settings)
    people: list[Person] = [*s_by.values(), *e_by.values()]
    needs = {p.ref for p in people if "step_free" in p.needs}
    problem = grouping_problem(
        list(s_by.values()), list(e_by.values()), valid, settings, n_groups=len(plan.groups) or None
    )
    known = {m.ref for m in problem.members}
    problem = replace(
        problem,
        fixed={r: g for r, g in plan.fixed.items() if r in known},
        fixed_chairs={g: r for g, r in plan.fixed_chairs.items() if r in known},
    )
    checks, g_viols = check_grouping(problem, plan.groups)
    violations += g_viols
    by_name = {r.name: r for r in rooms}
    room_checks = _group_room_rules(
        plan.groups, plan.group_rooms, by_name, block_of(blocks, "groups"), needs
    )
    violations += [
        Violation(
            c.code,
            refs=c.refs,
            group=c.group,
            params=c.params,
            rooms=(c.params["room"],) if "room" in c.params else (),
        )
        for c in room_checks
        if not c.ok
    ]
    violations += _conversation_room_rules(
        valid, plan.pair_rooms, by_name, block_of(blocks, "one_to_one"), needs
    )
    if plan.block_rooms is not None:
        violations += _plenary_rules(
            blocks, plan.block_rooms, by_name, len(s_by) + len(e_by), bool(needs)
        )
    scored = [g for g in plan.groups if set(g.members) <= known]
    objective = score_grouping(problem, scored) if scored else {}
    paired = {s for s, _ in valid}
    return PlanCheck(
        violations=tuple(violations),
        checks=tuple(checks) + tuple(room_checks),
        unpaired=tuple(r for r in s_by if r not in paired),
        objective=objective,
    )
