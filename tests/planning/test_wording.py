"""The presenter words every finding the engine can return, in every language."""

from __future__ import annotations

import pytest
from django.utils import translation

from ontmoeting.engine.results import RULE_OF
from ontmoeting.planning.wording import VIOLATIONS, Names, violation_text


def test_every_violation_code_of_the_engine_has_words():
    assert set(RULE_OF) <= set(VIOLATIONS)


@pytest.mark.parametrize("language", ["nl", "en", "it"])
def test_groups_are_named_from_1_and_people_by_name_and_ref(language):
    names = Names(people={"E097": "Tuur Dubois"})
    finding = {"code": "first_time_chair", "refs": ["E097"], "group": 4, "hard": False}
    with translation.override(language):
        text = violation_text(finding, names)
    assert "Tuur Dubois (E097)" in text
    assert {"nl": "Groep 5", "en": "Group 5", "it": "Gruppo 5"}[language] in text
    assert {
        "nl": "zit voor het eerst een groep voor",
        "en": "chairs a group for the first time",
        "it": "guida un gruppo per la prima volta",
    }[language] in text
