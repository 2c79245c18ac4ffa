"""Linking responses into respondents: planted pairs of each kind, and the rules as properties."""

from __future__ import annotations

import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from ontmoeting.surveys.linkage import (
    SELF_CODE,
    SELF_CODE_TOLERANT,
    STUDY_CODE,
    Record,
    hamming,
    link,
)

PAPER, ONLINE = "paper", "online"


def _golden_records() -> list[Record]:
    """An edition as a coordinator would type it in: every kind of link, a slip, a clash."""
    rows = [
        # online - online by study code (3 pairs)
        ("pre", "K7MQ-2XDP", "", ONLINE),
        ("post", "K7MQ-2XDP", "", ONLINE),
        ("pre", "A2BC-3DEF", "", ONLINE),
        ("post", "A2BC-3DEF", "", ONLINE),
        ("pre", "Z9YX-8WVU", "MA07GE", ONLINE),
        ("post", "Z9YX-8WVU", "", ONLINE),
        # paper - paper, exact self-made code (2 pairs)
        ("pre", None, "AN12BR", PAPER),
        ("post", None, "AN12BR", PAPER),
        ("pre", None, "LI30AN", PAPER),
        ("post", None, "LI30AN", PAPER),
        # online pre (the form asked for the self-made code) - paper post (1 pair)
        ("pre", "Q3RS-4TUV", "GR05LE", ONLINE),
        ("post", None, "GR05LE", PAPER),
        # a slip of the pen: day 17 written 11 on the post form (1 tolerant pair)
        ("pre", None, "EL17OO", PAPER),
        ("post", None, "EL11OO", PAPER),
        # the same code twice in the pre wave: ambiguous, nothing linked
        ("pre", None, "MO03HA", PAPER),
        ("pre", None, "MO03HA", PAPER),
        ("post", None, "MO03HA", PAPER),
        # two post forms one character away from one pre: not unique, not linked
        ("pre", None, "JO22KO", PAPER),
        ("post", None, "JO22KA", PAPER),
        ("post", None, "JO22KE", PAPER),
        # answered one wave only
        ("pre", "N4PQ-5RST", "", ONLINE),
        ("post", None, "WI09ME", PAPER),
    ]
    return [
        Record(id=i, wave=wave, study_code=code, self_code=self_code, source=source)
        for i, (wave, code, self_code, source) in enumerate(rows, start=1)
    ]


def test_every_planted_pair_is_linked_with_its_method():
    table = link(_golden_records()).table("pre", "post")
    assert table.by_study_code == 3
    assert table.by_self_code == 3  # two paper-paper and one online-paper
    assert table.by_self_code_tolerant == 1
    assert table.total == 7
    assert (table.online_online, table.paper_paper, table.online_paper) == (3, 3, 1)


def test_clashing_and_one_wave_answers_stay_unmatched():
    table = link(_golden_records()).table("pre", "post")
    # pre: the two MO03HA, JO22KO and N4PQ-5RST; post: MO03HA, JO22KA, JO22KE and WI09ME
    assert table.unmatched_first == 4
    assert table.unmatched_second == 4
    assert table.ambiguous_codes == 1


def test_the_slip_is_linked_only_when_tolerance_is_allowed():
    table = link(_golden_records(), tolerant=False).table("pre", "post")
    assert table.by_self_code_tolerant == 0
    assert table.total == 6


def test_a_respondent_is_named_by_study_code_else_by_the_first_self_code():
    linkage = link(_golden_records())
    identities = {r.identity for r in linkage.respondents}
    assert "Q3RS-4TUV" in identities  # the online pre gives the paper post its study code
    assert "self:EL17OO" in identities
    assert "self:EL11OO" not in identities


def test_two_different_study_codes_are_never_one_person_even_with_one_self_code():
    records = [
        Record(1, "pre", "AAAA-AAAA", "MA07GE", ONLINE),
        Record(2, "post", "BBBB-BBBB", "MA07GE", ONLINE),
    ]
    assert link(records).table("pre", "post").total == 0


def test_an_incomplete_response_is_linked_but_not_counted_as_a_pair():
    records = [
        Record(1, "pre", None, "MA07GE", PAPER, completed=True),
        Record(2, "post", None, "MA07GE", PAPER, completed=False),
    ]
    linkage = link(records)
    assert len(linkage.respondents) == 1
    assert linkage.table("pre", "post").total == 0


# Properties ----------------------------------------------------------------------------------

LETTERS = st.sampled_from(list(string.ascii_uppercase[:4]))  # few letters: many near codes
DAYS = st.sampled_from(["01", "07", "17"])


@st.composite
def records(draw: st.DrawFn) -> list[Record]:
    n = draw(st.integers(min_value=0, max_value=14))
    out = []
    for i in range(1, n + 1):
        wave = draw(st.sampled_from(["pre", "post", "fu"]))
        has_code = draw(st.booleans())
        code = draw(st.sampled_from(["C1", "C2", "C3", "C4"])) if has_code else None
        self_code = (
            draw(LETTERS) + draw(LETTERS) + draw(DAYS) + draw(LETTERS) + draw(LETTERS)
            if not has_code or draw(st.booleans())
            else ""
        )
        out.append(Record(i, wave, code, self_code, ONLINE if has_code else PAPER))
    # one response per study code and wave, as the database enforces
    seen: set[tuple[str, str]] = set()
    unique = []
    for r in out:
        if r.study_code is not None and (r.wave, r.study_code) in seen:
            continue
        if r.study_code is not None:
            seen.add((r.wave, r.study_code))
        unique.append(r)
    return unique


def _partition(rs: list[Record], *, tolerant: bool = True) -> set[frozenset[int]]:
    return {
        frozenset(r.id for r in p.records.values()) for p in link(rs, tolerant=tolerant).respondents
    }


@settings(max_examples=300, deadline=None)
@given(records())
def test_each_response_belongs_to_one_respondent_and_one_wave_to_each(rs):
    linkage = link(rs)
    ids = [r.id for p in linkage.respondents for r in p.records.values()]
    assert sorted(ids) == sorted(r.id for r in rs)
    for person in linkage.respondents:
        waves = [wave for wave, record in person.records.items() if record.wave == wave]
        assert len(waves) == len(person.records)
        codes = {r.study_code for r in person.records.values() if r.study_code}
        assert len(codes) <= 1  # two study codes are two people


@settings(max_examples=300, deadline=None)
@given(records(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_rows(rs, rnd):
    shuffled = list(rs)
    rnd.shuffle(shuffled)
    assert _partition(shuffled) == _partition(rs)


def _connected(items: list[Record], *, tolerant: bool) -> bool:
    """Whether same study code, same self-made code (and, if ``tolerant``, codes one character
    apart) connect all of ``items``: every link must be justified by one of them."""

    def joined(a: Record, b: Record) -> bool:
        if a.study_code and a.study_code == b.study_code:
            return True
        if not a.self_code or not b.self_code:
            return False
        return a.self_code == b.self_code or (tolerant and hamming(a.self_code, b.self_code) == 1)

    reached = {items[0].id}
    frontier = [items[0]]
    while frontier:
        current = frontier.pop()
        for other in items:
            if other.id not in reached and joined(current, other):
                reached.add(other.id)
                frontier.append(other)
    return len(reached) == len(items)


@settings(max_examples=300, deadline=None)
@given(records())
def test_every_link_is_justified_by_a_code_of_its_method(rs):
    for person in link(rs).respondents:
        items = list(person.records.values())
        if len(items) < 2:
            continue
        assert _connected(items, tolerant=person.method == SELF_CODE_TOLERANT)
        if person.method == STUDY_CODE:
            assert len({r.study_code for r in items}) == 1
        if person.method == SELF_CODE:
            assert _connected(items, tolerant=False)


@settings(max_examples=200, deadline=None)
@given(records())
def test_exact_links_are_exactly_the_unique_shared_codes_brute_force(rs):
    """Against a brute force over all pairs, for data without study codes and one pre/post."""
    rs = [r for r in rs if r.study_code is None and r.wave in ("pre", "post")]
    pre = [r for r in rs if r.wave == "pre"]
    post = [r for r in rs if r.wave == "post"]
    expected = {
        frozenset((a.id, b.id))
        for a in pre
        for b in post
        if a.self_code == b.self_code
        and sum(r.self_code == a.self_code for r in pre) == 1
        and sum(r.self_code == a.self_code for r in post) == 1
    }
    found = {p for p in _partition(rs, tolerant=False) if len(p) == 2}
    assert found == expected


def test_a_realistic_cohort_links_every_planted_pair():
    """108 students: 60 online pairs, 30 paper pairs, 10 online-paper, 4 slips, 4 alone."""
    rnd = random.Random(7)
    used: set[str] = set()

    def code() -> str:
        while True:
            value = (
                "".join(rnd.choices(string.ascii_uppercase, k=2))
                + f"{rnd.randint(1, 31):02d}"
                + "".join(rnd.choices(string.ascii_uppercase, k=2))
            )
            near = any(hamming(value, other) <= 1 for other in used)
            if not near:
                used.add(value)
                return value

    rows: list[tuple[str, str | None, str, str]] = []
    for i in range(60):
        rows += [("pre", f"S{i}", "", ONLINE), ("post", f"S{i}", "", ONLINE)]
    for _ in range(30):
        c = code()
        rows += [("pre", None, c, PAPER), ("post", None, c, PAPER)]
    for i in range(10):
        c = code()
        rows += [("pre", f"T{i}", c, ONLINE), ("post", None, c, PAPER)]
    for _ in range(4):
        c = code()
        slip = c[:5] + ("A" if c[5] != "A" else "B")
        rows += [("pre", None, c, PAPER), ("post", None, slip, PAPER)]
    for _ in range(4):
        rows += [("pre", None, code(), PAPER)]
    records_ = [Record(i, w, s, c, src) for i, (w, s, c, src) in enumerate(rows, start=1)]
    rnd.shuffle(records_)
    table = link(records_).table("pre", "post")
    assert (table.by_study_code, table.by_self_code, table.by_self_code_tolerant) == (60, 40, 4)
    assert (table.unmatched_first, table.unmatched_second) == (4, 0)
