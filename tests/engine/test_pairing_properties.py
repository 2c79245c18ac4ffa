"""Property tests: every returned pair keeps every hard rule; every Hall witness is real."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontmoeting.engine.model import Expert, PairingWeights, Student
from ontmoeting.engine.pairing import solve_pairing

LANGS = ("nl", "en", "fr")


def independent_rules(s: Student, e: Expert) -> set[str]:
    """The hard rules restated here, independently of the engine."""
    rules = set()
    if e.ref in s.knows or s.ref in e.knows:
        rules.add("knows")
    if s.languages.isdisjoint(e.languages):
        rules.add("language")
    if ("sign_language" in s.needs and "sign_language" not in e.languages) or (
        "sign_language" in e.needs and "sign_language" not in s.languages
    ):
        rules.add("accessibility")
    return rules


@st.composite
def instances(draw, max_people: int = 9):
    n_s = draw(st.integers(1, max_people))
    n_e = draw(st.integers(0, max_people))
    langs = st.frozensets(st.sampled_from((*LANGS, "sign_language")), min_size=1, max_size=2)
    needs = st.sampled_from((frozenset(), frozenset(), frozenset({"sign_language"})))
    students = [
        Student(
            f"S{i}",
            draw(langs),
            tuple(draw(st.lists(st.sampled_from("abc"), unique=True, max_size=3))),
            needs=draw(needs),
            knows=frozenset(
                draw(st.lists(st.sampled_from([f"E{j}" for j in range(n_e)] or ["-"]), max_size=2))
            ),
            available=draw(st.booleans()) or draw(st.booleans()),
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            draw(langs),
            frozenset(draw(st.lists(st.sampled_from("abc"), min_size=1, max_size=2))),
            needs=draw(needs),
            available=draw(st.integers(0, 5)) > 0,
            eligible=draw(st.integers(0, 5)) > 0,
            max_students=draw(st.sampled_from((None, 1, 2))),
        )
        for j in range(n_e)
    ]
    trios = draw(st.booleans())
    return students, experts, trios


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_pairing_every_pair_keeps_every_hard_rule(instance):
    students, experts, trios = instance
    result = solve_pairing(students, experts, weights=PairingWeights(allow_trios=trios))
    s_by, e_by = {s.ref: s for s in students}, {e.ref: e for e in experts}
    load: dict[str, int] = {}
    for p in result.pairs:
        s, e = s_by[p.student], e_by[p.expert]
        assert s.available
        assert e.available
        assert e.eligible
        assert independent_rules(s, e) == set()
        load[e.ref] = load.get(e.ref, 0) + 1
    for ref, n in load.items():
        cap = e_by[ref].max_students if e_by[ref].max_students is not None else 2
        assert n <= (cap if trios else 1)
    paired = [p.student for p in result.pairs]
    assert len(paired) == len(set(paired))
    present = {s.ref for s in students if s.available}
    assert set(paired) | set(result.unserved) == present
    assert result.feasible == (not result.unserved)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_pairing_hall_witness_is_real(instance):
    students, experts, trios = instance
    result = solve_pairing(students, experts, weights=PairingWeights(allow_trios=trios))
    if not result.unserved:
        assert result.witness is None
        return
    w = result.witness
    assert w is not None
    s_by, e_by = {s.ref: s for s in students}, {e.ref: e for e in experts}
    pool = [e for e in experts if e.available and e.eligible]

    neighbours = {e.ref for s in w.students for e in pool if not independent_rules(s_by[s], e)}
    assert neighbours == set(w.experts)
    # Hall: the places of N(S) are fewer than |S| (someone unserved: trios were allowed if on)
    per_cap = {
        e.ref: (e.max_students if e.max_students is not None else 2)
        if trios
        else min(1, e.max_students if e.max_students is not None else 2)
        for e in pool
    }
    assert w.capacity == sum(per_cap[r] for r in neighbours)
    assert w.capacity < len(w.students)
    assert len(result.unserved) >= len(w.students) - w.capacity
    # every missing pair between S and the other experts is really removed by its named rules
    for s_ref, e_ref, rules in w.blocked_pairs:
        assert e_ref not in neighbours
        named = set(rules) - {"capacity"}
        assert named == independent_rules(s_by[s_ref], e_by[e_ref])
        if "capacity" in rules:
            assert e_by[e_ref].max_students == 0
