"""The demo's respondents and open answers, in plain Python: self-made codes and their slips,
the modes of answering, open answers whose coded excerpts are parts of them."""

from __future__ import annotations

import random

from ontmoeting.demo.open_answers import QUAL_CODES, open_answer
from ontmoeting.demo.respondents import (
    ItemSpec,
    Person,
    draw_self_codes,
    plan_students,
    slip,
)
from ontmoeting.surveys.codes import SELF_CODE_PATTERN

ITEMS = [
    ItemSpec("att_1", "likert", "attitudes"),
    ItemSpec("att_2", "likert", "attitudes", reverse=True),
    ItemSpec("att_3", "likert", "attitudes"),
    ItemSpec("crit_1", "likert", "critical"),
    ItemSpec("crit_2", "likert", "critical"),
    ItemSpec("crit_3", "likert", "critical", reverse=True),
    ItemSpec("prior_contact", "single", choices=("yes", "no", "private")),
]


def test_self_codes_are_valid_and_different():
    codes = draw_self_codes(random.Random(1), 300)
    assert len(set(codes)) == 300
    assert all(SELF_CODE_PATTERN.fullmatch(c) for c in codes)


def test_a_slip_changes_one_character_into_a_valid_unused_code():
    rng = random.Random(2)
    taken = set(draw_self_codes(rng, 50))
    for code in sorted(taken):
        slipped = slip(code, rng, taken)
        assert SELF_CODE_PATTERN.fullmatch(slipped)
        assert slipped not in taken
        assert sum(a != b for a, b in zip(code, slipped, strict=True)) == 1


def _plan(seed: int):
    people = [Person(pk, "nl", present=pk % 20 != 0) for pk in range(1, 101)]
    return plan_students(random.Random(seed), 2020, people, ITEMS, online_pre=0.85, online_post=0.7)


def test_students_plan_is_the_same_for_the_same_seed():
    assert _plan(5) == _plan(5)
    assert _plan(5) != _plan(6)


def test_students_online_shares_are_the_editions():
    answers = _plan(3)
    online_pre = [a for a in answers if a.wave == "pre" and a.source == "online" and a.complete]
    online_post = [a for a in answers if a.wave == "post" and a.source == "online"]
    assert len(online_pre) == 85
    assert len(online_post) == round(0.7 * 95)
    absent = {pk for pk in range(1, 101) if pk % 20 == 0}
    assert not [a for a in answers if a.wave == "post" and a.participant in absent]
    paper = [a for a in answers if a.source == "paper"]
    assert paper
    assert all(a.self_code and not a.with_study_code for a in paper)


def test_reverse_keyed_items_are_answered_the_other_way():
    """A student who agrees with the positive items disagrees with the reversed one."""
    answers = [a for a in _plan(4) if {"att_1", "att_2", "att_3"} <= set(a.values)]
    high = [a for a in answers if int(a.values["att_1"]) + int(a.values["att_3"]) >= 9]
    low = [a for a in answers if int(a.values["att_1"]) + int(a.values["att_3"]) <= 6]
    assert high
    assert low

    def mean_reversed(group):
        return sum(int(a.values["att_2"]) for a in group) / len(group)

    assert mean_reversed(high) < mean_reversed(low)


def test_open_answers_carry_coded_excerpts_of_their_own_text():
    rng = random.Random(7)
    themes = {label for label, _description in QUAL_CODES}
    for wave in ("pre", "post", "expert_feedback"):
        for _ in range(50):
            answer = open_answer(wave, rng)
            assert answer.text
            for theme, excerpt in answer.segments:
                assert theme in themes
                assert excerpt in answer.text


def test_open_answers_with_personal_data_are_not_coded():
    answer = open_answer("post", random.Random(1), personal_data=True)
    assert answer.personal_data
    assert answer.segments == ()
    assert "@example.org" in answer.text or "straat" in answer.text
