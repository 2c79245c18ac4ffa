"""Quotas turn the pairing into a MILP; unmet quotas are named."""

from __future__ import annotations

from ontmoeting.engine.model import Expert, Quotas, Student
from ontmoeting.engine.pairing import solve_pairing


def people(n_a: int = 5):
    students = [Student(f"S{i}", interests=("a",), class_group=f"C{i % 2}") for i in range(8)]
    experts = [Expert(f"E{j}", domains=frozenset({"a" if j < n_a else "b"})) for j in range(8)]
    return students, experts


def test_quota_min_per_domain_is_met():
    students, experts = people()
    result = solve_pairing(students, experts, quotas=Quotas(min_per_domain={"b": 3}))
    by = {e.ref: e for e in experts}
    assert result.method == "milp"
    assert sum("b" in by[p.expert].domains for p in result.pairs) >= 3
    assert result.feasible
    assert len(result.pairs) == 8


def test_quota_class_share_is_met():
    students, experts = people(n_a=4)
    result = solve_pairing(students, experts, quotas=Quotas(max_class_domain_share=0.5))
    by_e = {e.ref: e for e in experts}
    by_s = {s.ref: s for s in students}
    for c in ("C0", "C1"):
        n_a = sum(
            1
            for p in result.pairs
            if by_s[p.student].class_group == c and "a" in by_e[p.expert].domains
        )
        assert n_a <= 2
    assert result.feasible
    assert len(result.pairs) == 8


def test_quota_class_share_infeasible_names_class_and_domain():
    students, experts = people(n_a=6)  # 2 "b" experts: 6 students must meet "a"
    result = solve_pairing(students, experts, quotas=Quotas(max_class_domain_share=0.25))
    bad = [v for v in result.violations if v.code == "quota_class_share"]
    assert bad
    assert all(v.params["domain"] == "a" and v.params["count"] > 1 for v in bad)
    assert {v.params["class_group"] for v in bad} <= {"C0", "C1"}
    assert not result.feasible


def test_quota_infeasible_is_explained():
    students, experts = people()
    result = solve_pairing(students, experts, quotas=Quotas(min_per_domain={"c": 1, "b": 5}))
    found = {
        v.params["domain"]: (v.params["reached"], v.params["required"])
        for v in result.violations
        if v.code == "quota_domain"
    }
    assert set(found) == {"b", "c"}
    assert found["b"] == (3, 5)  # at most 3 students can meet a "b" expert; 5 required
    assert not result.feasible
    assert len(result.pairs) == 8  # still the best plan, everyone served


def test_quota_feasible_plan_is_as_good_as_the_lsa_when_quota_does_not_bind():
    students, experts = people()
    free = solve_pairing(students, experts)
    milp = solve_pairing(students, experts, quotas=Quotas(min_per_domain={"a": 1}))
    assert milp.method == "milp"
    assert milp.objective["interest"] == free.objective["interest"]
