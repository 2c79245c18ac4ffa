"""``ontmoeting plan [make] YEAR`` and ``ontmoeting plan publish YEAR [--version N]``."""

from __future__ import annotations

import json

import pytest

from ontmoeting.cli import build_parser, main
from ontmoeting.commands.plan import run_mdgp, run_plan, run_publish
from ontmoeting.editions.models import Edition
from ontmoeting.planning.models import Plan, PlanStatus
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.plans_factories import plannable_edition

HARD = [
    {"rule": "knows", "refs": ["S001", "E097"], "message": "x", "hard": True, "group": None},
    {"rule": "size", "refs": [], "message": "x", "hard": True, "group": 1},
]
SOFT = [{"rule": "spread", "refs": ["E003"], "message": "x", "hard": False, "group": 0}]


def _plan(edition, version, violations=(), status=PlanStatus.DRAFT):
    hard = any(v["hard"] for v in violations)
    return Plan.objects.create(
        edition=edition,
        version=version,
        status=status,
        violations=list(violations),
        feasible=not hard,
    )


def _state():
    """What a refusal must leave as it was."""
    return (
        list(Plan.objects.order_by("pk").values_list("version", "status")),
        list(Edition.objects.order_by("pk").values_list("year", "status")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("argv", "handler", "year"),
    [
        (["plan", "2026", "--json", "--seed", "1"], run_plan, 2026),
        (["plan", "--seed", "1", "2026"], run_plan, 2026),
        (["plan", "make", "2026", "--time-limit", "2"], run_plan, 2026),
        (["plan", "publish", "2026"], run_publish, 2026),
        (["plan", "publish", "2026", "--version", "3"], run_publish, 2026),
        (["solve", "mdgp", "x.txt"], run_mdgp, None),
    ],
)
def test_plan_year_is_short_for_plan_make_year(argv, handler, year):
    args = build_parser().parse_args(argv)
    assert args.handler is handler
    assert getattr(args, "year", None) == year
    if argv[:3] == ["plan", "2026", "--json"]:
        assert (args.json, args.seed, args.time_limit) == (True, 1, 10.0)
    if "--version" in argv:
        assert args.version == 3


@pytest.mark.django_db
def test_publish_the_newest_version_and_withdraw_the_one_before(capsys):
    edition = EditionFactory(year=2026, status="recruiting")
    _plan(edition, 1, status=PlanStatus.PUBLISHED)
    _plan(edition, 2, SOFT)
    assert main(["plan", "publish", "2026"]) == 0
    statuses = dict(Plan.objects.values_list("version", "status"))
    assert statuses == {1: PlanStatus.WITHDRAWN, 2: PlanStatus.PUBLISHED}
    edition.refresh_from_db()
    assert edition.status == "published"
    assert capsys.readouterr().out.splitlines() == [
        f"Planningsversie 2 van {edition} is gepubliceerd; de editie is nu 'gepubliceerd'.",
        "Ingetrokken: versie 1.",
    ]


@pytest.mark.django_db
def test_publish_a_chosen_version(capsys):
    edition = EditionFactory(year=2026, status="planned")
    _plan(edition, 1)
    _plan(edition, 2, HARD)
    assert main(["plan", "publish", "2026", "--version", "1"]) == 0
    assert dict(Plan.objects.values_list("version", "status")) == {
        1: PlanStatus.PUBLISHED,
        2: PlanStatus.DRAFT,
    }
    assert main(["plan", "publish", "2026", "--version", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Planningsversie 1 van {edition} is al gepubliceerd."
    )


@pytest.mark.django_db
def test_a_version_with_hard_violations_is_refused_each_listed_and_nothing_changes(capsys):
    """The engine's plan holds; then a student turns out to know their morning expert and
    group 2 loses its room: publishing re-checks, refuses and names both, in Dutch."""
    from ontmoeting.planning.services import plan_edition
    from tests.factories import KnowsLinkFactory
    from tests.web.plans_factories import QUICK

    edition, students, _ = plannable_edition()
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    expert = plan.pairs.get(student=students[0]).expert
    a, b = sorted((students[0], expert), key=lambda p: p.pk)
    KnowsLinkFactory(edition=edition, a=a, b=b)
    plan.groups.filter(number=2).update(room=None)
    before = _state()
    assert main(["plan", "publish", "2026"]) == 2
    assert _state() == before
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Versie 1 breekt 2 harde regels; los die op voor je publiceert."
    assert lines[1] == "Overtreden harde regels (2):"
    listed = [line for line in lines if line.startswith("  - ")]
    assert len(listed) == 2  # the hard ones only
    assert f"({students[0].ref}) en" in listed[0]
    assert f"({expert.ref}) kennen elkaar" in listed[0]
    assert listed[1].startswith("  - Groep 2 (")  # groups are counted from 1
    assert listed[1].endswith("heeft geen lokaal.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["plan", "publish", "1999"],
            "Er is geen editie van de ontmoetingsdag in 1999 (edities: 2026).",
        ),
        (
            ["plan", "publish", "2026"],
            "Editie 2026 heeft nog geen planning; maak er een met 'ontmoeting plan 2026'.",
        ),
        (
            ["plan", "publish", "2026", "--version", "4"],
            "Editie 2026 heeft geen planningsversie 4.",
        ),
    ],
)
def test_publish_without_an_edition_or_a_version_is_bad_input(argv, message, capsys):
    EditionFactory(year=2026, status="recruiting")
    before = _state()
    assert main(argv) == 2
    assert _state() == before
    assert capsys.readouterr().out.strip() == message


@pytest.mark.django_db
def test_plan_lists_the_broken_rules_one_line_each_in_dutch(capsys):
    edition, students, _experts = plannable_edition(n_pairs=6, chairs=2)
    lonely = students[0]
    lonely.language = "it"
    lonely.languages = ["it"]
    lonely.save()
    assert main(["plan", "2026", "--time-limit", "2"]) == 3
    out = capsys.readouterr().out
    plan = Plan.objects.get(edition=edition)
    hard = [v for v in plan.violations if v["hard"]]
    soft = [v for v in plan.violations if not v["hard"]]
    assert out.startswith(f"Planningsversie 1 voor {edition}: ")
    assert f"Overtreden harde regels ({len(hard)}):" in out
    assert len([line for line in out.splitlines() if line.startswith("  - ")]) == len(hard) + len(
        soft
    )
    assert lonely.ref in out


@pytest.mark.django_db
def test_plan_json_keeps_its_shape(capsys):
    plannable_edition(n_pairs=6, chairs=2)
    assert main(["plan", "2026", "--json", "--seed", "1", "--time-limit", "2"]) in (0, 3)
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {
        "version",
        "pairs",
        "groups",
        "unpaired",
        "violations",
        "objective",
        "seconds",
    }
