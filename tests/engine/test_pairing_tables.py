"""The vectorised rule and score matrices against per-pair references restated here.

``allowed_matrix``, ``score_matrices`` and the LSA cost matrix of the pairing are built from
tables over *types* of people and spread over the people; these tests compare them, on random
small rosters, with the same rules and scores written out for one pair at a time.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ontmoeting.engine.feasibility import allowed_matrix, edge_rules, pair_types
from ontmoeting.engine.model import Expert, PairingWeights, Student
from ontmoeting.engine.pairing import _tables, score_matrices

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


def reference_score(s: Student, e: Expert, w: PairingWeights) -> tuple[float, float]:
    """(interest, veteran bonus) of one pair: the weight of the first rank of each interest (a
    repeated domain keeps its first rank unless that weight is 0), best over the expert's
    domains; the bonus when the student ranked nothing and the expert is a veteran."""
    first: dict[str, float] = {}
    for r, d in enumerate(s.interests[: len(w.interest_ranks)]):
        if first.get(d, 0.0) == 0.0:
            first[d] = w.interest_ranks[r]
    interest = max([0.0, *(v for d, v in first.items() if d in e.domains)])
    bonus = w.no_preference_veteran * 1.0 if not s.interests and e.veteran else 0.0
    return interest, bonus


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
def test_score_matrices_equal_the_per_pair_scores(roster):
    students, experts, weights = roster
    interest, bonus = score_matrices(students, experts, weights)
    assert interest.shape == bonus.shape == (len(students), len(experts))
    for i, s in enumerate(students):
        for j, e in enumerate(experts):
            assert (interest[i, j], bonus[i, j]) == reference_score(s, e, weights)


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


@SETTINGS
@given(rosters(), st.data())
def test_lsa_cost_matrix_equals_the_dense_reference(roster, data):
    """The LSA cost the pairing builds without dense matrices: -score (+ extra) + slot cost, +inf
    where a rule forbids the pair or a fixed preference pins the student to another expert."""
    students, experts, weights = roster
    n_s, n_e = len(students), len(experts)
    tables = _tables(students, experts, weights)
    allowed = np.array(
        [[reference_allowed(s, e) for e in experts] for s in students], dtype=bool
    ).reshape(n_s, n_e)
    score = np.array(
        [[sum(reference_score(s, e, weights)) for e in experts] for s in students]
    ).reshape(n_s, n_e)
    for i in data.draw(st.lists(st.integers(0, max(n_s - 1, 0)), max_size=2)) if n_s else []:
        ok = np.flatnonzero(allowed[i])
        if ok.size:
            j = int(data.draw(st.sampled_from(ok.tolist())))
            tables.pinned[i] = j
            allowed[i, :] = False
            allowed[i, j] = True
    np.testing.assert_array_equal(tables.allowed(), allowed)
    rows = np.array(sorted(data.draw(st.sets(st.integers(0, max(n_s - 1, 0))))) if n_s else [])
    rows = rows.astype(np.intp)
    capacity = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n_e, max_size=n_e)))
    slot_col = np.repeat(np.arange(n_e), capacity.astype(np.intp))
    slot_add = np.array(
        data.draw(
            st.lists(
                st.sampled_from((0.0, 0.5, 7.0)), min_size=slot_col.size, max_size=slot_col.size
            )
        )
    )
    extra = None
    if data.draw(st.booleans()):
        extra = np.array(
            data.draw(st.lists(st.floats(0.0, 3.0), min_size=n_s * n_e, max_size=n_s * n_e))
        ).reshape(n_s, n_e)
    got = tables.lsa_cost(rows, slot_col, slot_add, extra)
    cost = -score if extra is None else -score + extra
    want = np.where(allowed[rows][:, slot_col], cost[rows][:, slot_col], np.inf)
    want = want + slot_add[None, :]
    assert got.shape == (rows.size, slot_col.size)
    np.testing.assert_array_equal(got, want)
