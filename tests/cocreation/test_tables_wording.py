"""Table findings read with the names people see and the table counted from 1 in its round."""

from __future__ import annotations

import re

from ontmoeting.cocreation.selectors import table_findings
from ontmoeting.engine.results import Violation
from ontmoeting.planning.wording import Names

NAMES = Names(
    people={"B001": "Katrien Vermeulen", "B002": "Bart De Smet", "E001": "Mieke Claes"},
    sectors={"ggz": "GGZ"},
)


def test_a_table_finding_names_the_people_and_the_table_of_its_round():
    v = Violation(
        "same_organisation",
        refs=("B001", "B002"),
        group=1,
        params={"round": 0, "pairs": [["B001", "B002"]]},
    )
    found = table_findings([v.to_json()], NAMES)
    assert found.soft == []
    [text] = found.hard
    assert "Katrien Vermeulen (B001)" in text
    assert "Bart De Smet (B002)" in text
    assert re.search(r"(Tafel|Table) 2, (ronde|round) 1", text)


def test_repeat_meetings_are_soft_and_name_the_earlier_round():
    v = Violation(
        "met_before",
        refs=("E001", "B001"),
        hard=False,
        group=0,
        params={"round": 1, "pairs": [["E001", "B001", 0, 3]]},
    )
    found = table_findings([v.to_json()], NAMES)
    assert found.hard == []
    [text] = found.soft
    assert "Mieke Claes (E001)" in text
    assert re.search(r"(Tafel|Table) 1, (ronde|round) 2", text)
    assert re.search(r"(ronde|round) 1\)", text)


def test_one_sector_only_names_the_sector():
    v = Violation("one_sector_only", params={"sectors": ["ggz"]})
    [text] = table_findings([v.to_json()], NAMES).hard
    assert "GGZ" in text
