"""Repair: the fewest changes after absences (brute force on small cases), chairs, late people."""

from __future__ import annotations

import itertools
import random

import pytest

from ontmoeting.engine.feasibility import allowed_matrix
from ontmoeting.engine.model import Expert, PlanSettings, Student
from ontmoeting.engine.pairing import solve_pairing
from ontmoeting.engine.plan import make_plan
from ontmoeting.engine.repair import repair_pairs, repair_plan
from ontmoeting.engine.synthetic import edition


def small(seed: int):
    rng = random.Random(seed)
    n_s, n_e = rng.randint(3, 6), rng.randint(3, 6)
    students = [
        Student(
            f"S{i}",
            frozenset(rng.sample(["nl", "en"], rng.choice((1, 2)))),
            tuple(rng.sample("abc", 2)),
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            frozenset(rng.sample(["nl", "en"], rng.choice((1, 2)))),
            frozenset(rng.sample("abc", 1)),
        )
        for j in range(n_e)
    ]
    return rng, students, experts


def brute_min_changes(students, experts, before, gone):
    ss = [s for s in students if s.ref not in gone]
    es = [e for e in experts if e.ref not in gone]
    allowed = allowed_matrix(ss, es)
    had = {}
    for s_ref, e_ref in before.items():
        if s_ref not in gone and e_ref not in gone:
            had[e_ref] = had.get(e_ref, 0) + 1
    best = None
    for choice in itertools.product(range(-1, len(es)), repeat=len(ss)):
        load = [0] * len(es)
        ok = True
        for i, j in enumerate(choice):
            if j >= 0:
                load[j] += 1
                if not allowed[i, j] or load[j] > max(2, had.get(es[j].ref, 0)):
                    ok = False
        if not ok:
            continue
        served = sum(j >= 0 for j in choice)
        changed = sum(
            1 for i, j in enumerate(choice) if j >= 0 and before.get(ss[i].ref) != es[j].ref
        )
        key = (served, -changed)
        if best is None or key > best:
            best = key
    return best


@pytest.mark.parametrize("seed", range(15))
def test_repair_pairs_changes_are_minimal_by_brute_force(seed):
    rng, students, experts = small(seed)
    result = solve_pairing(students, experts)
    before = {p.student: p.expert for p in result.pairs}
    people = [p.ref for p in (*students, *experts)]
    gone = set(rng.sample(people, rng.randint(1, 3)))
    pairs, changes = repair_pairs(students, experts, result.pairs, gone=gone)
    served = len(pairs)
    changed = sum(1 for c in changes if c.kind == "repair_pair")
    assert (served, -changed) == brute_min_changes(students, experts, before, gone)
    assert not ({p.student for p in pairs} | {p.expert for p in pairs}) & gone


def test_repair_absent_expert_student_gets_free_expert_before_trio():
    students = [Student("S1", interests=("a",)), Student("S2", interests=("a",))]
    experts = [
        Expert("E1", domains=frozenset({"a"})),
        Expert("E2", domains=frozenset({"a"})),
        Expert("E3", domains=frozenset({"b"})),
    ]
    result = solve_pairing(students, experts)
    gone_expert = result.pairs[0].expert
    pairs, changes = repair_pairs(students, experts, result.pairs, gone={gone_expert})
    assert len(pairs) == 2
    assert len({p.expert for p in pairs}) == 2  # a free expert, not a trio
    assert [c.kind for c in changes] == ["repair_pair"]
    assert changes[0].before == gone_expert


def test_repair_absent_student_frees_expert_without_other_changes():
    students = [Student("S1"), Student("S2")]
    experts = [Expert("E1"), Expert("E2")]
    result = solve_pairing(students, experts)
    pairs, changes = repair_pairs(students, experts, result.pairs, gone={"S1"})
    freed = next(p.expert for p in result.pairs if p.student == "S1")
    assert [(c.kind, c.ref) for c in changes] == [("expert_free", freed)]
    assert len(pairs) == 1


@pytest.fixture(scope="module")
def published():
    students, experts, rooms = edition(54, seed=5)
    settings = PlanSettings(group_min_size=6, group_max_size=10)
    plan = make_plan(students, experts, rooms, settings, time_limit=2.0)
    assert plan.feasible
    return students, experts, rooms, settings, plan


def test_repair_absent_chair_replaced_in_same_group_when_possible(published):
    students, experts, rooms, settings, plan = published
    e_by = {e.ref: e for e in experts}
    group = next(
        g
        for g in plan.groups
        if any(e_by.get(m) and e_by[m].can_chair and m != g.chair for m in g.members)
    )
    result = repair_plan(plan, students, experts, rooms, settings, absent={group.chair})
    new_group = next(g for g in result.plan.groups if g.index == group.index)
    assert new_group.chair in group.members
    assert new_group.chair != group.chair
    assert any(c.kind == "new_chair" for c in result.changes)
    assert not [v for v in result.violations if v.hard and v.rule == "chair"]


def test_repair_late_student_keeps_afternoon_group(published):
    students, experts, rooms, settings, plan = published
    late = plan.pairs[0].student
    result = repair_plan(plan, students, experts, rooms, settings, late={late})
    assert late not in {p.student for p in result.plan.pairs}
    assert any(late in g.members for g in result.plan.groups)


def test_repair_absent_experts_gives_valid_plan(published):
    students, experts, rooms, settings, plan = published
    gone = {plan.pairs[0].expert, plan.pairs[5].expert, plan.pairs[9].student}
    result = repair_plan(plan, students, experts, rooms, settings, absent=gone)
    refs = {m for g in result.plan.groups for m in g.members}
    assert not refs & gone
    assert (
        not ({p.expert for p in result.plan.pairs} | {p.student for p in result.plan.pairs}) & gone
    )
    assert result.feasible, [v for v in result.violations if v.hard]
    repaired = {c.ref for c in result.changes if c.kind == "repair_pair"}
    orphans = {p.student for p in plan.pairs if p.expert in gone}
    assert repaired == orphans


def test_a_trio_formed_by_the_repair_never_overfills_its_room():
    """Checked by the one plan check, not by the repair's own bookkeeping: every conversation room
    here holds exactly one pair, so a student who joins another expert as a trio must make the
    trio move to a free room."""
    from ontmoeting.engine.check import check_plan
    from ontmoeting.engine.model import Room

    students = [Student(f"S{i}") for i in range(4)]
    experts = [Expert(f"E{i}", can_chair=True) for i in range(4)]
    rooms = [Room(f"C{i}", capacity=2, kind="conversation") for i in range(4)]
    rooms += [Room("T", capacity=3, kind="conversation")]
    rooms += [Room(f"G{i}", capacity=20, kind="group") for i in range(2)]
    rooms += [Room("Aula", capacity=40, kind="plenary")]
    settings = PlanSettings(group_min_size=2, group_max_size=8)
    plan = make_plan(students, experts, rooms, settings, time_limit=1.0)
    gone = {plan.pairs[0].expert}
    result = repair_plan(plan, students, experts, rooms, settings, absent=gone)
    verdict = check_plan(students, experts, rooms, settings, result.plan.layout())
    assert [v for v in verdict.violations if v.rule == "capacity" and v.hard] == []
