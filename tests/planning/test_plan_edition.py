"""Planning an edition from the database: versions, refs, rooms, exit codes."""

from __future__ import annotations

import json

import pytest

from ontmoeting.cli import main
from ontmoeting.planning.models import Plan
from tests.factories import (
    EditionFactory,
    KnowsLinkFactory,
    ParticipantFactory,
)
from tests.web.plans_factories import plannable_edition

_edition = plannable_edition


@pytest.mark.django_db
def test_plan_command_saves_a_version_and_prints_refs(capsys):
    edition, students, experts = _edition()
    KnowsLinkFactory(a=students[0], b=experts[0])
    code = main(["plan", "2026", "--json", "--seed", "1", "--time-limit", "3"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 3)
    assert {p["student"] for p in out["pairs"]} == {s.ref for s in students}
    assert all(p["expert"].startswith("E") and p["room"] for p in out["pairs"])
    grouped = [m for g in out["groups"] for m in g["members"]]
    assert sorted(grouped) == sorted([s.ref for s in students] + [e.ref for e in experts])
    for group in out["groups"]:
        assert group["chair"] in group["members"]
        assert group["chair"] in {e.ref for e in experts[:3]}
    assert ("S000", "E000") not in {(p["student"], p["expert"]) for p in out["pairs"]}
    assert Plan.objects.get(edition=edition).version == 1
    assert main(["plan", "2026", "--time-limit", "2"]) in (0, 3)
    assert list(Plan.objects.filter(edition=edition).values_list("version", flat=True)) == [2, 1]


@pytest.mark.django_db
def test_plan_for_unknown_year_is_bad_input(capsys):
    assert main(["plan", "1999"]) == 2
    assert "Er is geen editie van de ontmoetingsdag in 1999" in capsys.readouterr().out


@pytest.mark.django_db
def test_plan_without_experts_is_bad_input_and_saves_nothing(capsys):
    edition = EditionFactory(year=2026)
    ParticipantFactory(edition=edition, role="student", ref="S1")
    assert main(["plan", "2026"]) == 2
    assert (
        "1 deelnemende studenten en 0 deelnemende ervaringsdeskundigen" in capsys.readouterr().out
    )
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_plan_with_an_unservable_student_exits_3_and_names_them(capsys):
    _, students, experts = _edition(n_pairs=6, chairs=2)
    lonely = students[0]
    lonely.language = "it"
    lonely.languages = ["it"]
    lonely.save()
    for expert in experts:
        expert.languages = ["nl"]
        expert.save()
    experts_profiles = [e.person.expert_profile for e in experts]
    for profile in experts_profiles:
        profile.languages = ["nl"]
        profile.save()
    code = main(["plan", "2026", "--json", "--time-limit", "2"])
    out = json.loads(capsys.readouterr().out)
    assert code == 3
    assert out["unpaired"] == [lonely.ref]
    assert any(lonely.ref in v["refs"] and v["rule"] for v in out["violations"])


@pytest.mark.django_db
def test_too_few_willing_chairs_gives_a_plan_without_groups_and_the_reason_not_a_crash(settings):
    """Once: groups of 9-10 with fewer willing chairs than groups crashed the run ("Mislukt:
    ''"), because the engine returned groups with an empty chair."""
    from ontmoeting.engine.model import PlanSettings
    from ontmoeting.planning.jobs import enqueue_plan, run_pending_jobs
    from ontmoeting.planning.models import JobStatus

    edition, *_ = _edition(n_pairs=12, chairs=2)  # 24 people: at least 3 groups of 10
    job = enqueue_plan(
        edition,
        actor="test",
        settings=PlanSettings(group_min_size=9, group_max_size=10, time_limit=1.0),
    )
    run_pending_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    plan = job.plan
    assert plan.groups.count() == 0
    assert plan.pairs.count() == 12  # the morning is planned all the same
    [reason] = [v for v in plan.violations if v["code"] == "too_few_chairs"]
    assert (reason["params"]["groups"], reason["params"]["chairs"]) == (3, 2)
    assert not plan.feasible
