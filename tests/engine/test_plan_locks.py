"""Re-planning around a coordinator's locks: locked pairs, members and chairs hold."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.engine.feasibility import allowed_matrix, edge_rules
from ontmoeting.engine.model import Expert, PlanSettings, Student
from ontmoeting.engine.pairing import solve_pairing
from ontmoeting.engine.plan import PlanLocks, make_plan
from ontmoeting.engine.synthetic import edition


@pytest.fixture(scope="module")
def base():
    students, experts, rooms = edition(48, seed=5)
    plan = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.5)
    assert plan.feasible
    return students, experts, rooms, plan


def _people(students, experts):
    return {p.ref: p for p in (*students, *experts)}


def _swapped_pairs(students, experts, plan):
    """Two pairs of the plan with their experts swapped (allowed, but not what was chosen)."""
    people = _people(students, experts)
    pairs = list(plan.pairs)
    for a in pairs:
        for b in pairs:
            if a.expert == b.expert:
                continue
            if not edge_rules(people[a.student], people[b.expert]) and not edge_rules(
                people[b.student], people[a.expert]
            ):
                return ((a.student, b.expert), (b.student, a.expert))
    raise AssertionError("no swappable pairs")


def test_plan_locked_pairs_stay_and_rules_hold_for_the_others(base):
    students, experts, rooms, plan = base
    locked = _swapped_pairs(students, experts, plan)
    again = make_plan(
        students, experts, rooms, PlanSettings(), seed=1, time_limit=1.5, locks=PlanLocks(locked)
    )
    got = {(p.student, p.expert) for p in again.pairs}
    assert set(locked) <= got
    assert again.feasible
    assert len(again.pairs) == len(students)
    people = _people(students, experts)
    for p in again.pairs:
        assert edge_rules(people[p.student], people[p.expert]) == ()
    locked_students = {s for s, _ in locked}
    assert all(
        any(r.code == "locked" for r in p.reasons)
        for p in again.pairs
        if p.student in locked_students
    )


def test_plan_locked_members_and_chairs_stay(base):
    students, experts, rooms, plan = base
    e_by = {e.ref: e for e in experts}
    g0, g1, g2 = plan.groups[0], plan.groups[1], plan.groups[2]
    # the chair of group 1 must chair group 0; a student of group 0 must move to group 2
    new_chair = g1.chair
    student = next(m for m in g0.members if m.startswith("S"))
    partner = next(p.expert for p in plan.pairs if p.student == student)
    stay = [m for m in g2.members if m != new_chair][:3]
    members = {student: 2, partner: 2, **dict.fromkeys(stay, 2)}
    locks = PlanLocks(members=members, chairs={0: new_chair})
    again = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.5, locks=locks)
    where = {m: g.index for g in again.groups for m in g.members}
    assert {r: where[r] for r in members} == members
    assert again.groups[0].chair == new_chair
    assert again.feasible, [v for v in again.violations if v.hard]
    for g in again.groups:
        assert e_by[g.chair].can_chair
        assert 6 <= len(g.members) <= 10
    for p in again.pairs:
        assert where[p.student] == where[p.expert]


def test_plan_lock_that_breaks_a_hard_rule_is_kept_and_reported(base):
    students, experts, rooms, plan = base
    s0 = students[0]
    pair = next(p for p in plan.pairs if p.student == s0.ref)
    # the student turns out to know the expert they were locked with
    students = [dataclasses.replace(s0, knows=frozenset({pair.expert})), *students[1:]]
    locks = PlanLocks(pairs=((s0.ref, pair.expert),))
    again = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.5, locks=locks)
    assert (s0.ref, pair.expert) in {(p.student, p.expert) for p in again.pairs}
    hard = [v for v in again.violations if v.hard]
    assert [(v.code, v.refs) for v in hard] == [("knows", (s0.ref, pair.expert))]
    assert not again.feasible
    people = _people(students, experts)
    for p in again.pairs:
        if p.student != s0.ref:
            assert edge_rules(people[p.student], people[p.expert]) == ()


def test_plan_lock_on_a_missing_group_or_person_is_dropped_with_a_soft_violation(base):
    students, experts, rooms, plan = base
    locks = PlanLocks(members={"S1": 99, "NOBODY": 0}, chairs={98: plan.groups[0].chair})
    again = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.5, locks=locks)
    dropped = sorted(
        (v.params["what"], v.refs, v.params["why"])
        for v in again.violations
        if v.code == "lock_dropped"
    )
    assert dropped == [
        ("chair", (plan.groups[0].chair,), "no_such_group"),
        ("member", ("NOBODY",), "not_taking_part"),
        ("member", ("S1",), "no_such_group"),
    ]
    assert all(not v.hard for v in again.violations if v.code == "lock_dropped")
    assert again.feasible


def test_plan_keeps_the_group_count_the_locks_need():
    students, experts, rooms = edition(48, seed=5)
    plan = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.0)
    last = len(plan.groups)  # one group more than suggested, if sizes and chairs allow it
    locks = PlanLocks(members={"S3": last})
    again = make_plan(students, experts, rooms, PlanSettings(), seed=1, time_limit=1.0, locks=locks)
    assert len(again.groups) == last + 1
    assert "S3" in again.groups[last].members


def test_pairing_locks_beyond_capacity_and_absent_people_are_reported():
    students = [Student(f"S{i}") for i in range(4)] + [Student("S9", available=False)]
    experts = [Expert(f"E{j}") for j in range(4)]
    res = solve_pairing(
        students,
        experts,
        locked_pairs=[("S0", "E0"), ("S1", "E0"), ("S2", "E0"), ("S9", "E1"), ("S0", "E2")],
    )
    got = {(p.student, p.expert) for p in res.pairs}
    assert {("S0", "E0"), ("S1", "E0"), ("S2", "E0")} <= got
    assert [v.rule for v in res.violations if v.hard] == ["capacity"]
    soft = sorted(v.refs for v in res.violations if v.rule == "locked_pair")
    assert soft == [("S0", "E2"), ("S9", "E1")]
    assert res.unserved == ()


@settings(max_examples=40, deadline=None)
@given(
    n_s=st.integers(2, 9),
    n_e=st.integers(2, 9),
    seed=st.integers(0, 10_000),
    n_locks=st.integers(0, 3),
)
def test_pairing_locked_pairs_always_hold_and_others_obey_the_rules(n_s, n_e, seed, n_locks):
    rng = np.random.default_rng(seed)
    langs = ("nl", "en", "de")
    students = [
        Student(
            f"S{i}",
            frozenset(rng.choice(langs, size=int(rng.integers(1, 3)), replace=False).tolist()),
            knows=frozenset({f"E{int(rng.integers(n_e))}"}) if rng.random() < 0.3 else frozenset(),
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            frozenset(rng.choice(langs, size=int(rng.integers(1, 3)), replace=False).tolist()),
        )
        for j in range(n_e)
    ]
    lock_s = rng.choice(n_s, size=min(n_locks, n_s), replace=False)
    locked = [(f"S{i}", f"E{int(rng.integers(n_e))}") for i in lock_s]
    res = solve_pairing(students, experts, locked_pairs=locked)
    got = {(p.student, p.expert) for p in res.pairs}
    assert set(locked) <= got
    locked_s = {s for s, _ in locked}
    allowed = allowed_matrix(students, experts)
    for p in res.pairs:
        if p.student not in locked_s:
            assert allowed[int(p.student[1:]), int(p.expert[1:])]
    # each rule a lock breaks is reported, naming the lock
    people = {p.ref: p for p in (*students, *experts)}
    broken = sorted((r, (s, e)) for s, e in locked for r in edge_rules(people[s], people[e]))
    reported = sorted((v.rule, v.refs) for v in res.violations if v.refs in set(locked))
    assert reported == broken
