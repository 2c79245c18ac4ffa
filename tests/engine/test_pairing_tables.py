"""The vectorised rule matrix against the per-pair rules restated here.

``allowed_matrix`` is built from a table over *types* of people and spread over the people; these
tests compare it, on random small rosters, with the rules written out for one pair at a time.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontmoeting.engine.feasibility import allowed_matrix, edge_rules, pair_types
from ontmoeting.engine.model import Expert, PairingWeights, Student

LANGS = ("nl", "en", "fr", "sign_language")
NEEDS = (
    frozenset(),
    frozenset(),
    frozenset({"sign_language"}),
    frozenset({"language:fr"}),
    frozenset({"language:xx"}),  # nobody speaks xx
    frozenset({"step_free"}),
    frozenset({"step_free", "language:en"}),
)


def partner_ok(needs: frozenset[str], partner: frozenset[str]) -> bool:
    """Every partner need of one person is met by the other's languages (restated)."""
    for need in needs:
        if need == "sign_language" and "sign_language" not in partner:
            return False
        if need.startswith("language:") and need.removeprefix("language:") not in partner:
            return False
    return True


def reference_allowed(s: Student, e: Expert) -> bool:
    if e.ref in s.knows or s.ref in e.knows:
        return False
    if s.languages.isdisjoint(e.languages):
        return False
    return partner_ok(s.needs, e.languages) and partner_ok(e.needs, s.languages)


@st.composite
def rosters(draw, max_people: int = 8):
    n_s = draw(st.integers(0, max_people))
    n_e = draw(st.integers(0, max_people))
    # few distinct values, so that several people share a type
    langs = st.frozensets(st.sampled_from(LANGS), min_size=0, max_size=2)
    refs_e = [f"E{j}" for j in range(n_e)] or ["-"]
    refs_s = [f"S{i}" for i in range(n_s)] or ["-"]
    students = [
        Student(
            f"S{i}",
            draw(langs),
            tuple(draw(st.lists(st.sampled_from("abc"), max_size=4))),
            class_group=draw(st.sampled_from(("", "A", "B"))),
            needs=draw(st.sampled_from(NEEDS)),
            knows=frozenset(draw(st.lists(st.sampled_from(refs_e), max_size=2))),
        )
        for i in range(n_s)
    ]
    experts = [
        Expert(
            f"E{j}",
            draw(langs),
            frozenset(draw(st.lists(st.sampled_from("abcd"), max_size=2))),
            veteran=draw(st.booleans()),
            needs=draw(st.sampled_from(NEEDS)),
            knows=frozenset(draw(st.lists(st.sampled_from(refs_s), max_size=1))),
        )
        for j in range(n_e)
    ]
    ranks = st.floats(0.0, 10.0, allow_nan=False).map(lambda x: round(x, 1))
    weights = PairingWeights(
        interest_ranks=tuple(draw(st.lists(ranks, max_size=4))),
        no_preference_veteran=draw(ranks),
    )
    return students, experts, weights


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(rosters())
def test_allowed_matrix_equals_the_per_pair_rules(roster):
    students, experts, _ = roster
    allowed = allowed_matrix(students, experts)
    assert allowed.shape == (len(students), len(experts))
    assert allowed.dtype == np.bool_
    for i, s in enumerate(students):
        for j, e in enumerate(experts):
            assert allowed[i, j] == reference_allowed(s, e)
            assert allowed[i, j] == (edge_rules(s, e) == ())


@SETTINGS
@given(rosters())
def test_people_of_one_type_are_interchangeable(roster):
    students, experts, _ = roster
    types = pair_types(students, experts)
    for i, s in enumerate(students):
        rep = types.students[types.student_type[i]]
        assert (rep.languages, rep.needs, rep.interests) == (s.languages, s.needs, s.interests)
    for j, e in enumerate(experts):
        rep = types.experts[types.expert_type[j]]
        assert (rep.languages, rep.needs, rep.domains, rep.veteran) == (
            e.languages,
            e.needs,
            e.domains,
            e.veteran,
        )
