"""``ontmoeting tables YEAR [--rounds N] [--json]``: exit 0 when every rule holds, 3 with
violations (listed), 2 on bad input."""

from __future__ import annotations

import itertools
import json

import pytest

from ontmoeting.cli import main
from ontmoeting.cocreation.models import TablePlan
from tests.cocreation.tables_data import co_creation_edition

pytestmark = pytest.mark.django_db


def test_tables_json_has_every_round_and_person(capsys):
    cc = co_creation_edition(experts=6, professionals=12)
    code = main(["tables", "2026", "--rounds", "2", "--min-size", "4", "--max-size", "6", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["version"] == 1
    assert [r["round"] for r in out["rounds"]] == [1, 2]
    refs = {p.ref for p in cc.experts + cc.professionals}
    for r in out["rounds"]:
        assert sorted(p["ref"] for t in r["tables"] for p in t["people"]) == sorted(refs)
    repeats = {
        frozenset(p)
        for t in out["rounds"][0]["tables"]
        for p in itertools.combinations([x["ref"] for x in t["people"]], 2)
    } & {
        frozenset(p)
        for t in out["rounds"][1]["tables"]
        for p in itertools.combinations([x["ref"] for x in t["people"]], 2)
    }
    assert code == (0 if not out["violations"] else 3)
    named = sum(len(v["params"]["pairs"]) for v in out["violations"] if v["code"] == "met_before")
    assert named == len(repeats)


def test_tables_lists_the_tables_and_exits_3_on_a_broken_rule(capsys):
    co_creation_edition(experts=2, professionals=4, chairs=0)  # nobody willing to facilitate
    assert main(["tables", "2026"]) == 3
    out = capsys.readouterr().out
    assert "1" in out
    assert TablePlan.objects.get().seats.count() == 0


def test_tables_without_a_meeting_or_with_bad_sizes_is_bad_input(capsys):
    assert main(["tables", "2030"]) == 2
    co_creation_edition(experts=2, professionals=4)
    assert main(["tables", "2026", "--min-size", "6", "--max-size", "3"]) == 2
    assert not TablePlan.objects.exists()
