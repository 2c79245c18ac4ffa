"""Behaviour of the morning pairing: exactness against brute force, trios, surplus, witness."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from ontmoeting.engine.feasibility import allowed_matrix, edge_rules
from ontmoeting.engine.model import Expert, PairingWeights, Student
from ontmoeting.engine.pairing import score_matrices, solve_pairing

EXACT = PairingWeights(domain_spread=0.0, experience_spread=0.0)
DOMAINS = ("a", "b", "c", "d")


def random_instance(rng: random.Random, n_s: int, n_e: int, *, cap2: bool = False):
    students = [
        Student(
            f"S{i}",
            frozenset(rng.sample(["nl", "en", "fr"], rng.choice((1, 2)))),
            tuple(rng.sample(DOMAINS, rng.choice((0, 1, 2, 3)))),
            knows=frozenset({f"E{rng.randrange(n_e)}"}) if rng.random() < 0.3 else frozenset(),
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            frozenset(rng.sample(["nl", "en", "fr"], rng.choice((1, 2)))),
            frozenset(rng.sample(DOMAINS, rng.choice((1, 2)))),
            veteran=rng.random() < 0.5,
            max_students=rng.choice((1, 2)) if cap2 else None,
        )
        for j in range(n_e)
    ]
    return students, experts


def brute_force(students, experts, weights):
    """Best (served, -trios, score) over every assignment, by enumeration."""
    interest, bonus = score_matrices(students, experts, weights)
    score = interest + bonus
    allowed = allowed_matrix(students, experts)
    cap = [
        e.max_students if e.max_students is not None else weights.max_per_expert for e in experts
    ]
    best = None
    for choice in itertools.product(range(-1, len(experts)), repeat=len(students)):
        load = [0] * len(experts)
        ok = True
        for i, j in enumerate(choice):
            if j >= 0:
                load[j] += 1
                if not allowed[i, j] or load[j] > cap[j]:
                    ok = False
                    break
        if not ok:
            continue
        served = sum(j >= 0 for j in choice)
        trios = sum(max(0, x - 1) for x in load)
        total = sum(score[i, j] for i, j in enumerate(choice) if j >= 0)
        key = (served, -trios, round(total, 6))
        if best is None or key > best:
            best = key
    return best


def engine_key(students, experts, result, weights):
    interest, bonus = score_matrices(students, experts, weights)
    si = {s.ref: i for i, s in enumerate(students)}
    ei = {e.ref: j for j, e in enumerate(experts)}
    total = sum(
        interest[si[p.student], ei[p.expert]] + bonus[si[p.student], ei[p.expert]]
        for p in result.pairs
    )
    load = np.bincount([ei[p.expert] for p in result.pairs], minlength=len(experts))
    return (len(result.pairs), -int(np.maximum(load - 1, 0).sum()), round(float(total), 6))


@pytest.mark.parametrize("seed", range(12))
def test_pairing_equals_brute_force_on_small_square_instances(seed):
    rng = random.Random(seed)
    n = rng.randint(3, 6)
    students, experts = random_instance(rng, n, n)
    result = solve_pairing(students, experts, weights=EXACT)
    assert engine_key(students, experts, result, EXACT) == brute_force(students, experts, EXACT)


@pytest.mark.parametrize("seed", range(12))
def test_pairing_equals_brute_force_with_trios(seed):
    rng = random.Random(100 + seed)
    n_s = rng.randint(4, 6)
    n_e = rng.randint(2, n_s - 1)
    students, experts = random_instance(rng, n_s, n_e, cap2=True)
    result = solve_pairing(students, experts, weights=EXACT)
    assert engine_key(students, experts, result, EXACT) == brute_force(students, experts, EXACT)


def test_pairing_uses_fewest_trios_when_experts_are_short():
    students = [Student(f"S{i}", interests=("a",)) for i in range(7)]
    experts = [Expert(f"E{j}", domains=frozenset({"a"})) for j in range(5)]
    result = solve_pairing(students, experts)
    load = {}
    for p in result.pairs:
        load[p.expert] = load.get(p.expert, 0) + 1
    assert len(result.pairs) == 7
    assert sorted(load.values()) == [1, 1, 1, 2, 2]
    assert result.counts["trios"] == 2
    assert sum(any(r.code == "trio" for r in p.reasons) for p in result.pairs) == 2


def test_pairing_reports_surplus_experts():
    students = [Student("S1", interests=("a",))]
    experts = [Expert("E1", domains=frozenset({"b"})), Expert("E2", domains=frozenset({"a"}))]
    result = solve_pairing(students, experts)
    assert [(p.student, p.expert) for p in result.pairs] == [("S1", "E2")]
    assert result.surplus_experts == ("E1",)
    assert [(r.code, dict(r.params)) for r in result.pairs[0].reasons[:2]] == [
        ("interest", {"rank": 1, "domain": "a"}),
        ("common_language", {"languages": ["nl"]}),
    ]


def test_pairing_never_pairs_people_who_know_each_other():
    students = [Student("S1", knows=frozenset({"E1"})), Student("S2")]
    experts = [Expert("E1"), Expert("E2", knows=frozenset({"S2"}))]
    result = solve_pairing(students, experts)
    assert {(p.student, p.expert) for p in result.pairs} == {("S1", "E2"), ("S2", "E1")}
    assert result.feasible


def test_pairing_knows_forces_a_trio_when_no_other_plan_exists():
    students = [Student("S1", knows=frozenset({"E1"})), Student("S2", knows=frozenset({"E1"}))]
    experts = [Expert("E1"), Expert("E2")]
    result = solve_pairing(students, experts)
    assert {(p.student, p.expert) for p in result.pairs} == {("S1", "E2"), ("S2", "E2")}
    assert result.surplus_experts == ("E1",)


def test_pairing_knows_witness_when_trios_are_not_allowed():
    students = [Student("S1", knows=frozenset({"E1"})), Student("S2", knows=frozenset({"E1"}))]
    experts = [Expert("E1"), Expert("E2")]
    result = solve_pairing(students, experts, weights=PairingWeights(allow_trios=False))
    assert not result.feasible
    assert result.witness is not None
    assert set(result.witness.students) == {"S1", "S2"}
    assert result.witness.blocked == {"knows": 2}


def test_pairing_leaves_out_unavailable_and_ineligible_experts():
    students = [Student("S1"), Student("S2")]
    experts = [
        Expert("E1", available=False),
        Expert("E2", eligible=False),
        Expert("E3"),
        Expert("E4"),
    ]
    result = solve_pairing(students, experts)
    assert {p.expert for p in result.pairs} == {"E3", "E4"}
    assert set(result.left_out) == {"E1", "E2"}


def test_pairing_sign_language_need_requires_partner_who_signs():
    signs = frozenset({"nl", "sign_language"})
    students = [Student("S1", signs, needs=frozenset({"sign_language"})), Student("S2")]
    experts = [Expert("E1"), Expert("E2", frozenset({"nl", "sign_language"}))]
    result = solve_pairing(students, experts)
    assert {(p.student, p.expert) for p in result.pairs} == {("S1", "E2"), ("S2", "E1")}


def test_pairing_infeasible_names_students_and_language_rule():
    students = [
        Student("S1", frozenset({"fr"})),
        Student("S2", frozenset({"fr"})),
        Student("S3", frozenset({"nl"})),
    ]
    experts = [Expert("E1", frozenset({"fr"}), max_students=1), Expert("E2"), Expert("E3")]
    result = solve_pairing(students, experts)
    w = result.witness
    assert w is not None
    assert set(w.students) == {"S1", "S2"}
    assert w.experts == ("E1",)
    assert w.capacity == 1
    assert w.blocked == {"language": 4}
    assert len(result.unserved) == 1
    assert result.unserved[0] in {"S1", "S2"}
    assert len(result.pairs) == 2  # the best partial plan
    [v] = [v for v in result.violations if v.code == "students_cannot_be_served"]
    assert set(v.refs) == {"S1", "S2"}
    assert (v.params["experts"], v.params["places"], v.params["blocked"]) == (
        ["E1"],
        1,
        {"language": 4},
    )


def test_pairing_step_free_places_limit_pairs_with_that_need():
    students = [
        Student("S1", interests=("b",), needs=frozenset({"step_free"})),
        Student("S2", interests=("a",)),
    ]
    experts = [
        Expert("E1", domains=frozenset({"a"}), needs=frozenset({"step_free"})),
        Expert("E2", domains=frozenset({"b"})),
    ]
    free = solve_pairing(students, experts)
    assert {(p.student, p.expert) for p in free.pairs} == {("S1", "E2"), ("S2", "E1")}
    result = solve_pairing(students, experts, step_free_pairs=1)
    assert {(p.student, p.expert) for p in result.pairs} == {("S1", "E1"), ("S2", "E2")}
    assert result.method == "milp"
    assert result.feasible


def concentration(students, experts, result):
    """sum over (class, domain) of n(n-1)/2 / class size."""
    cls = {s.ref: s.class_group for s in students}
    dom = {e.ref: next(iter(e.domains)) for e in experts}
    counts = {}
    for p in result.pairs:
        key = (cls[p.student], dom[p.expert])
        counts[key] = counts.get(key, 0) + 1
    sizes = {c: sum(1 for s in students if s.class_group == c) for c in set(cls.values())}
    return sum(n * (n - 1) / 2 / sizes[c] for (c, _), n in counts.items())


def test_pairing_spread_reduces_domain_concentration_in_class_groups():
    # each class group asks for one domain: without spread every class meets only that domain
    students = [
        Student(f"S{i}", interests=("abc"[i % 3],), class_group=f"C{i % 3}") for i in range(30)
    ]
    experts = [Expert(f"E{j}", domains=frozenset({"abc"[j % 3]})) for j in range(30)]
    flat = solve_pairing(students, experts, weights=EXACT)
    spread = solve_pairing(
        students, experts, weights=PairingWeights(domain_spread=50.0, experience_spread=0.0)
    )
    assert spread.method == "lsa+spread"
    assert concentration(students, experts, spread) < concentration(students, experts, flat)
    assert spread.objective["domain_spread"] == pytest.approx(
        50.0 * concentration(students, experts, spread)
    )


def test_pairing_is_deterministic():
    rng = random.Random(9)
    students, experts = random_instance(rng, 20, 18)
    a = solve_pairing(students, experts, seed=1)
    b = solve_pairing(students, experts, seed=2)
    assert a.pairs == b.pairs


def test_pairing_edge_rules_agree_with_matrix():
    rng = random.Random(4)
    students, experts = random_instance(rng, 15, 15)
    allowed = allowed_matrix(students, experts)
    for i, s in enumerate(students):
        for j, e in enumerate(experts):
            assert allowed[i, j] == (edge_rules(s, e) == ())


def test_pairing_with_an_expert_who_takes_nobody_maps_places_to_the_right_experts() -> None:
    # capacities (2, 0): as many places as experts, but not one place per expert — a case that
    # once took the "no copies" shortcut and mapped places to the wrong experts
    students = [Student("S0", frozenset({"nl"})), Student("S1", frozenset({"nl"}))]
    experts = [
        Expert("E0", frozenset({"nl"}), max_students=2),
        Expert("E1", frozenset({"de"}), max_students=0),
    ]
    result = solve_pairing(students, experts)
    assert sorted((p.student, p.expert) for p in result.pairs) == [("S0", "E0"), ("S1", "E0")]
    assert result.unserved == ()
