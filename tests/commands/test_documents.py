"""``ontmoeting documents``: a plan that breaks a hard rule is refused unless --force, and with
--force every broken rule is printed before the pack is written."""

from __future__ import annotations

import pytest

from ontmoeting.cli import main
from ontmoeting.planning.models import PlanStatus
from ontmoeting.planning.services import plan_edition
from ontmoeting.privacy.models import AuditEntry
from tests.factories import KnowsLinkFactory
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = pytest.mark.django_db


def _published(*, broken: bool):
    """The engine's plan of a small edition, published; ``broken``: afterwards a student turns
    out to know their morning expert and a group loses its room (two hard rules)."""
    edition, students, _ = plannable_edition()
    edition.title = "Ontmoetingsdag 2026"
    edition.save()
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    assert plan.feasible
    plan.status = PlanStatus.PUBLISHED
    plan.save()
    if broken:
        expert = plan.pairs.get(student=students[0]).expert
        a, b = sorted((students[0], expert), key=lambda p: p.pk)
        KnowsLinkFactory(edition=edition, a=a, b=b)
        plan.groups.filter(number=2).update(room=None)
    return plan, students[0], expert if broken else None


def test_a_plan_with_hard_violations_is_refused_and_nothing_is_written(tmp_path, capsys):
    _plan, student, expert = _published(broken=True)
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
    assert f"({student.ref}) en" in lines[2]
    assert f"({expert.ref})" in lines[2]
    assert lines[3] == "  - Groep 2 (8 mensen) heeft geen lokaal." or "Groep 2" in lines[3]


def test_force_prints_every_violation_first_then_writes_the_pack(tmp_path, capsys):
    _published(broken=True)
    out = tmp_path / "docs"
    code = main(["documents", "2026", "--out", str(out), "--force", "--workers", "1"])
    assert code == 3
    assert (out / "badges.pdf").exists()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Overtreden harde regels (2):"
    assert [line.startswith("  - ") for line in lines[:3]] == [False, True, True]
    soft = lines[3:-1]
    assert soft[0].startswith("Om op te letten (")
    assert all(line.startswith("  - ") for line in soft[1:])
    assert any("zit voor het eerst een groep voor" in line for line in soft)
    assert (
        lines[-1].startswith("Wrote")
        or " bestanden voor Ontmoetingsdag 2026 (planningsversie 1)" in lines[-1]
    )


def test_a_plan_with_only_soft_findings_is_written_without_a_word_about_them(tmp_path, capsys):
    _published(broken=False)
    out = tmp_path / "docs"
    assert main(["documents", "2026", "--out", str(out), "--workers", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert " bestanden voor Ontmoetingsdag 2026 (planningsversie 1)" in lines[0]
