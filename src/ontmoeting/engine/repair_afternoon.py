"""Repair the afternoon groups after absences: the valid grouping with the fewest changes.

**What counts as a change** (the number that is minimised, exactly):

* every person who takes part and whose group differs from their group in the published plan
  counts 1 (``move``; a person who had no group and is given one counts 1 too);
* every group whose chair differs from its published chair counts 1 (``new_chair``).

The absent leaving their groups (``remove``) are the same in every repair and are not counted,
nor are room changes. So an absent chair replaced by a willing member of the group costs 1; a
willing expert moved in to chair costs 2 (the move and the new chair); a repaired morning pair
brought together costs 1 (one of the two moves).

**Valid** means: no hard violation of :func:`~ontmoeting.engine.group_rules.check_grouping` for
the afternoon of the people who take part (everyone in one group; each group chaired by a
willing expert of the group; sizes within the bounds; keep-together pairs together; ``apart``
pairs apart), with the published number of groups (the groups keep their rooms).

**Method (exact).** When the published groups without the absent are valid (chairs present),
nothing changes. Else one small integer program finds the valid grouping with the fewest
changes: :func:`~ontmoeting.engine.nearest_grouping.nearest_valid_grouping` (shared with the
grouping solver; its docstring gives the model and the tie-breaks: fewest first-time chairs,
then people taken from the largest groups).

**Fallbacks** (each with a :class:`Note`): the integer program stops at its time cap (half the
repair's ``time_limit``) with a grouping found but not proven best -> it is used
(``repair_not_proven_minimal``); with none found (``repair_exact_stopped``), or when it proves
that no valid grouping with these groups exists (``groups_not_repairable``) -> the earlier
heuristic (absent chairs replaced, pairs brought together) and, if a hard rule still fails, the
grouping solved again with a high stability weight; its violations are returned as data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ontmoeting.engine.afternoon import grouping_problem
from ontmoeting.engine.changes import Change
from ontmoeting.engine.group_model import Group, GroupingProblem
from ontmoeting.engine.group_rules import check_grouping
from ontmoeting.engine.grouping import solve_grouping
from ontmoeting.engine.model import Expert, PlanSettings, Student
from ontmoeting.engine.nearest_grouping import nearest_valid_grouping
from ontmoeting.engine.pairing import Pair
from ontmoeting.engine.plan import PlanResult
from ontmoeting.engine.results import Note, Violation

Repaired = tuple[tuple[Group, ...], list[Change], list[Violation], list[Note]]


def afternoon_changes(changes: Sequence[Change]) -> int:
    """The number of afternoon changes in the sense of this module (moves and new chairs)."""
    return sum(1 for c in changes if c.kind in ("move", "new_chair"))


def repair_groups(
    plan: PlanResult,
    students: Sequence[Student],
    experts: Sequence[Expert],
    pairs: Sequence[Pair],
    absent: set[str],
    settings: PlanSettings,
    seed: int,
    time_limit: float,
) -> Repaired:
    """The afternoon of ``plan`` repaired for ``absent`` with the fewest changes (see module):
    the groups, every change, the grouping's violations (soft ones too) and the notes."""
    if not plan.groups:
        return (), [], [], []  # no afternoon was planned: nothing to repair
    s_in = [s for s in students if s.available and s.ref not in absent]
    e_in = [e for e in experts if e.available and e.eligible and e.ref not in absent]
    refs = [(p.student, p.expert) for p in pairs]
    problem = grouping_problem(s_in, e_in, refs, settings, n_groups=len(plan.groups))
    exact = nearest_valid_grouping(problem, plan.groups, time_limit / 2)
    if exact.groups is not None:
        groups = exact.groups
        _, viol = check_grouping(problem, groups)
        notes = exact.notes
    else:
        groups, viol, notes = _heuristic(
            plan, problem, e_in, pairs, absent, settings, seed, time_limit / 2
        )
        notes += exact.notes
    return groups, _diff(problem, plan.groups, groups, absent), list(viol), notes


def _diff(
    problem: GroupingProblem,
    published: Sequence[Group],
    groups: Sequence[Group],
    absent: set[str],
) -> list[Change]:
    """Every change from ``published`` to ``groups``: who left, who moved (and why), which
    group has a new chair (and why)."""
    taking_part = {m.ref for m in problem.members}
    before = {r: g.index for g in published for r in g.members}
    changes = [
        Change("remove", r, str(g.index), None, "absent" if r in absent else "not_taking_part")
        for g in published
        for r in g.members
        if r not in taking_part
    ]
    partners: dict[str, set[str]] = {}
    for a, b in problem.keep_together:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    for g in groups:
        for r in g.members:
            if before.get(r) != g.index:
                why = _why_moved(r, g, before, partners.get(r, set()))
                old = before.get(r)
                changes.append(
                    Change("move", r, None if old is None else str(old), str(g.index), why)
                )
    old_chairs = {g.index: g.chair for g in published}
    for g in groups:
        old_chair = old_chairs.get(g.index, "")
        if g.chair != old_chair:
            why = "regrouped" if old_chair in taking_part else "chair_absent"
            changes.append(Change("new_chair", str(g.index), old_chair, g.chair, why))
    return changes


def _why_moved(ref: str, group: Group, before: Mapping[str, int], partners: set[str]) -> str:
    """Why ``ref`` is in ``group`` now: to chair it, they had no group, to join a partner who
    was there or came to chair it, or to meet the group rules."""
    if group.chair == ref:
        return "to_chair"
    if ref not in before:
        return "not_in_group"
    if any(before.get(p) == group.index or group.chair == p for p in partners):
        return "keep_pair"
    return "regrouped"


# --------------------------------------------------------------- the fallback (heuristic)


@dataclass
class _Afternoon:
    """The groups being repaired: members and chair per group index, and who is where."""

    members: dict[int, list[str]]
    chairs: dict[int, str]
    where: dict[str, int]
    notes: list[Note]

    def move(self, ref: str, to: int) -> None:
        old = self.where.get(ref)
        if old is not None:
            self.members[old].remove(ref)
        self.members[to].append(ref)
        self.where[ref] = to

    def groups(self) -> tuple[Group, ...]:
        return tuple(
            Group(index=i, chair=self.chairs[i], members=tuple(self.members[i]))
            for i in sorted(self.members)
        )


def _without_absent(plan: PlanResult, absent: set[str]) -> _Afternoon:
    """The plan's groups without the absent people."""
    members = {g.index: [m for m in g.members if m not in absent] for g in plan.groups}
    where = {m: i for i, ms in members.items() for m in ms}
    chairs = {g.index: g.chair for g in plan.groups}
    return _Afternoon(members, chairs, where, [])


def _replace_chairs(day: _Afternoon, e_in: Sequence[Expert], absent: set[str]) -> None:
    """Give every group whose chair is absent a new one: a willing expert of the group (one who
    chaired before first), else a willing expert who chairs no group, moved in (who chaired
    before first, then from the largest group); else no chair (``no_chair_left``)."""
    e_by = {e.ref: e for e in e_in}
    chairing = {c for c in day.chairs.values() if c not in absent}
    for i, chair in list(day.chairs.items()):
        if chair not in absent:
            continue
        local = [m for m in day.members[i] if m in e_by and e_by[m].can_chair]
        if local:
            new = sorted(local, key=lambda m: (not e_by[m].chaired_before, m))[0]
        else:
            spare = [e.ref for e in e_in if e.can_chair and e.ref not in chairing]
            if not spare:
                day.notes.append(Note("no_chair_left", {"group": i}))
                day.chairs[i] = ""
                continue
            new = sorted(
                spare,
                key=lambda m: (
                    not e_by[m].chaired_before,
                    len(day.members.get(day.where.get(m, -1), [])) * -1,
                    m,
                ),
            )[0]
            day.move(new, i)
        day.chairs[i] = new
        chairing.add(new)


def _heuristic(
    plan: PlanResult,
    problem: GroupingProblem,
    e_in: Sequence[Expert],
    pairs: Sequence[Pair],
    absent: set[str],
    settings: PlanSettings,
    seed: int,
    time_limit: float,
) -> tuple[tuple[Group, ...], tuple[Violation, ...], list[Note]]:
    """The repair before the exact method: absent chairs replaced, each student of a pair moved
    to the expert's group, and the grouping solved again when a hard rule still fails."""
    day = _without_absent(plan, absent)
    _replace_chairs(day, e_in, absent)
    if settings.pair_policy == "keep":
        for p in pairs:
            gs, ge = day.where.get(p.student), day.where.get(p.expert)
            if ge is not None and gs is not None and gs != ge:
                day.move(p.student, ge)
    groups = day.groups()
    _, viol = check_grouping(problem, groups)
    if not any(v.hard for v in viol):
        return groups, viol, day.notes
    day.notes.append(Note("regrouped"))
    previous = {m: g.index for g in groups for m in g.members}
    weights = replace(problem.weights, stability=100.0)
    gr = solve_grouping(
        replace(problem, previous=previous, weights=weights), seed=seed, time_limit=time_limit
    )
    return gr.groups, gr.violations, day.notes
