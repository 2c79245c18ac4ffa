"""The pairing's objective is what its documentation says, recomputed here from the pairs; and
the coordinator's preferences, the progress callback and a short time limit behave as promised."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontmoeting.engine.model import Expert, PairingWeights, Student
from ontmoeting.engine.pairing import solve_pairing
from ontmoeting.engine.results import Violation
from ontmoeting.engine.synthetic import edition

WEIGHTS = PairingWeights(domain_spread=1.5, experience_spread=0.75, trio_penalty=2.0)


@st.composite
def classes(draw: st.DrawFn) -> tuple[list[Student], list[Expert]]:
    n_s, n_e = draw(st.integers(1, 9)), draw(st.integers(1, 7))
    students = [
        Student(
            f"S{i}",
            interests=tuple(draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=3))),
            class_group=draw(st.sampled_from(["", "1A", "1A", "1B"])),
            available=draw(st.integers(0, 6)) > 0,
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            domains=frozenset(draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=2))),
            veteran=draw(st.booleans()),
            max_students=draw(st.sampled_from((None, 1, 3))),
        )
        for j in range(n_e)
    ]
    return students, experts


def spread(pairs, students, feature) -> float:
    """sum over (class group, value) of n (n - 1) / 2 / class size: n students of the class met
    an expert with that value (students without a class group are not counted)."""
    size: dict[str, int] = {}
    for s in students:
        if s.available and s.class_group:
            size[s.class_group] = size.get(s.class_group, 0) + 1
    n: dict[tuple[str, str], int] = {}
    for s, e in pairs:
        if s.class_group:
            for value in feature(e):
                n[s.class_group, value] = n.get((s.class_group, value), 0) + 1
    return sum(k * (k - 1) / 2 / size[c] for (c, _), k in n.items())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(classes())
def test_pairing_objective_parts_are_the_documented_sums(instance):
    students, experts = instance
    result = solve_pairing(students, experts, weights=WEIGHTS)
    s_by, e_by = {s.ref: s for s in students}, {e.ref: e for e in experts}
    pairs = [(s_by[p.student], e_by[p.expert]) for p in result.pairs]

    def interest(s: Student, e: Expert) -> float:
        ranked = [WEIGHTS.interest_ranks[r] for r, d in enumerate(s.interests) if d in e.domains]
        return ranked[0] if ranked else 0.0

    per_expert: dict[str, int] = {}
    for _, e in pairs:
        per_expert[e.ref] = per_expert.get(e.ref, 0) + 1
    expected = {
        "interest": sum(interest(s, e) for s, e in pairs),
        "no_preference_veteran": sum(
            WEIGHTS.no_preference_veteran for s, e in pairs if not s.interests and e.veteran
        ),
        "domain_spread": WEIGHTS.domain_spread * spread(pairs, students, lambda e: e.domains),
        "experience_spread": WEIGHTS.experience_spread
        * spread(pairs, students, lambda e: ["veteran" if e.veteran else "newcomer"]),
        "trios": WEIGHTS.trio_penalty * sum(k - 1 for k in per_expert.values()),
        "unserved": float(sum(1 for s in students if s.available) - len(pairs)),
    }
    expected["total"] = (
        expected["interest"]
        + expected["no_preference_veteran"]
        - expected["domain_spread"]
        - expected["experience_spread"]
        - expected["trios"]
    )
    assert dict(result.objective) == pytest.approx(expected)
    # every pair's score is its interest and veteran bonus
    for p in result.pairs:
        s, e = s_by[p.student], e_by[p.expert]
        bonus = WEIGHTS.no_preference_veteran if not s.interests and e.veteran else 0.0
        assert p.score == pytest.approx(interest(s, e) + bonus)


# ------------------------------------------------------------------------------ preferences


def test_pairing_keeps_a_preference_even_against_the_best_score():
    students = [Student("S1", interests=("a",)), Student("S2", interests=("b",))]
    experts = [Expert("E1", domains=frozenset({"a"})), Expert("E2", domains=frozenset({"b"}))]
    assert {(p.student, p.expert) for p in solve_pairing(students, experts).pairs} == {
        ("S1", "E1"),
        ("S2", "E2"),
    }
    preferred = solve_pairing(students, experts, fixed={"S1": "E2"})
    assert {(p.student, p.expert) for p in preferred.pairs} == {("S1", "E2"), ("S2", "E1")}
    assert preferred.violations == ()


def test_pairing_drops_a_preference_a_hard_rule_forbids_or_for_someone_absent():
    students = [
        Student("S1", languages=frozenset({"en"})),
        Student("S2"),
        Student("S3", knows=frozenset({"E2"})),
    ]
    experts = [
        Expert("E1", languages=frozenset({"nl", "en"})),
        Expert("E2"),
        Expert("E3"),
        Expert("E4", available=False),
    ]
    result = solve_pairing(
        students, experts, fixed={"S1": "E2", "S2": "E4", "S3": "E2", "S9": "E1"}
    )
    dropped = [v for v in result.violations if v.code == "preference_dropped"]
    # no common language, not taking part, they know each other; a student not taking part
    # has no preference to keep
    assert dropped == [
        Violation("preference_dropped", ("S1", "E2"), hard=False),
        Violation("preference_dropped", ("S2", "E4"), hard=False),
        Violation("preference_dropped", ("S3", "E2"), hard=False),
    ]
    assert not any(v.hard for v in dropped)
    assert len(result.pairs) == 3
    assert result.feasible


def test_pairing_a_lock_wins_over_a_preference_for_the_same_student():
    students = [Student("S1"), Student("S2")]
    experts = [Expert("E1"), Expert("E2")]
    result = solve_pairing(students, experts, fixed={"S1": "E2"}, locked_pairs=[("S1", "E1")])
    assert ("S1", "E1") in {(p.student, p.expert) for p in result.pairs}
    assert not [v for v in result.violations if v.code == "preference_dropped"]


# --------------------------------------------------------------------------- time, progress


def test_pairing_reports_progress_from_start_to_end():
    students, experts, _ = edition(30, 24, seed=3)
    seen: list[float] = []
    solve_pairing(students, experts, progress=seen.append)
    assert seen[0] == 0.1
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    assert 0.9 in seen


def test_pairing_cut_short_by_the_clock_still_serves_everyone():
    students, experts, _ = edition(40, seed=4)
    full = solve_pairing(students, experts)
    rushed = solve_pairing(students, experts, time_limit=0.0)
    assert rushed.method == full.method == "lsa+spread"
    assert len(rushed.pairs) == len(full.pairs)
    assert rushed.unserved == full.unserved
    # without the spread rounds the result may only be worse, never better
    assert rushed.objective["total"] <= full.objective["total"] + 1e-9
