"""``ontmoeting documents``: a plan that breaks a hard rule is refused unless --force, and with
--force every broken rule is printed before the pack is written."""

from __future__ import annotations

import pytest

from ontmoeting.cli import main
from ontmoeting.privacy.models import AuditEntry
from tests.documents.builders import build_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]

HARD = [
    {"rule": "knows", "refs": ["S001", "E097"], "message": "x", "hard": True, "group": None},
    {"rule": "capacity", "refs": ["C.0.01"], "message": "x", "hard": True, "group": 0},
]
SOFT = [{"rule": "spread", "refs": ["E003"], "message": "x", "hard": False, "group": 1}]


def _broken(violations):
    built = build_edition(pairs=2)
    built.plan.violations = violations
    built.plan.feasible = not any(v["hard"] for v in violations)
    built.plan.save()
    return built


def test_a_plan_with_hard_violations_is_refused_and_nothing_is_written(tmp_path, capsys):
    _broken([*HARD, *SOFT])
    audit = AuditEntry.objects.count()
    out = tmp_path / "docs"
    assert main(["documents", "2026", "--out", str(out)]) == 2
    assert not out.exists()
    assert AuditEntry.objects.count() == audit
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Planningsversie 1 overtreedt 2 harde regel(s)")
    assert "--force" in lines[0]
    assert lines[1] == "Overtreden harde regels (2):"
    assert len([line for line in lines if line.startswith("  - ")]) == 2
    assert "E097" in lines[2]


def test_force_prints_every_violation_first_then_writes_the_pack(tmp_path, capsys):
    _broken([*HARD, *SOFT])
    out = tmp_path / "docs"
    code = main(["documents", "2026", "--out", str(out), "--force", "--workers", "1"])
    assert code == 3
    assert (out / "badges.pdf").exists()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Overtreden harde regels (2):"
    assert lines[3] == "Zachte regels niet gehaald (1):"
    assert [line.startswith("  - ") for line in lines[:6]] == [
        False,
        True,
        True,
        False,
        True,
        False,
    ]
    assert "E003" in lines[4]
    assert lines[5].startswith("15 bestanden voor Ontmoetingsdag 2026 (planningsversie 1)")


def test_a_plan_with_only_soft_violations_is_written_without_a_word_about_them(tmp_path, capsys):
    _broken(SOFT)
    out = tmp_path / "docs"
    assert main(["documents", "2026", "--out", str(out), "--workers", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("15 bestanden voor Ontmoetingsdag 2026")
