"""Every note the engine can write reaches the coordinator in words, never as a raw code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from ontmoeting.planning.wording import Names, note_text, reason_text

ENGINE = Path(__file__).resolve().parents[2] / "src" / "ontmoeting" / "engine"
CODE = re.compile(r"""Note\(\s*"([a-z_]+)"|code = "([a-z_]+)" if .* else "([a-z_]+)\"""")


def engine_note_codes() -> set[str]:
    codes = set()
    for path in ENGINE.glob("*.py"):
        for match in CODE.finditer(path.read_text(encoding="utf-8")):
            codes |= {g for g in match.groups() if g}
    return codes


def test_the_engine_writes_notes():
    assert {"repaired", "groups_not_repairable", "repair_exact_stopped"} <= engine_note_codes()


class _AnyNumber(dict):
    """Parameters of a note: any count the wording asks for is 2."""

    def __missing__(self, key):
        return 2


@pytest.mark.parametrize("code", sorted(engine_note_codes()))
def test_each_note_code_is_worded(code):
    params = _AnyNumber(
        {
            "seconds": 1,
            "group": 0,
            "rank": 1,
            "domain": "x",
            "languages": ["nl"],
            "needs": ["step_free"],
        }
    )
    note = {"code": code, "params": params}
    with translation.override("nl"):
        texts = {note_text(note, Names()), reason_text(note, Names())}
    assert texts - {code}, f"{code} is shown to the coordinator as a raw code"
