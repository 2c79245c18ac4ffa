"""The plans a newcomer meets first: the demo's own 2026 edition, and an edition shaped like a
real one (112 students, 104 experts, 7 step-free needs) imported the way a Flemish coordinator
writes a roster, both at the demo's venue (22 group rooms, 18 conversation rooms) and planned
with the default settings. Both must be publishable: no hard violation, a chair and a room for
every group.

They share the demo this folder builds once (``built``, the seed `make demo` uses)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import Workbook

from ontmoeting.demo.samples import expert_rows, student_rows
from ontmoeting.editions.enums import TAKING_PART, RoomKind
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.roster import import_roster
from ontmoeting.editions.roster.columns import columns_for, needs_step_free
from ontmoeting.editions.services import create_edition
from ontmoeting.engine.model import PlanSettings
from ontmoeting.planning.models import PlanStatus
from ontmoeting.planning.services import plan_edition

pytestmark = pytest.mark.django_db


def _publishable(plan) -> None:
    hard = [v for v in plan.violations if v["hard"]]
    assert hard == [], hard
    assert plan.feasible
    groups = list(plan.groups.select_related("chair", "room"))
    assert groups
    assert all(g.chair_id and g.room_id for g in groups)
    assert len({g.room_id for g in groups}) == len(groups)
    assert all(g.memberships.count() <= g.room.capacity for g in groups)


def test_the_demo_2026_edition_plans_with_defaults_and_publishes(built):
    edition = Edition.objects.get(format="encounter_day", year=2026)
    plan, result = plan_edition(edition, actor="test", settings=PlanSettings())
    _publishable(plan)
    taking_part = edition.participants.filter(role="student", status__in=TAKING_PART)
    assert len(result.pairs) == taking_part.count()
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.post(f"/editions/{edition.pk}/plans/{plan.version}/publish/")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert Edition.objects.get(pk=edition.pk).status == "published"


def _dutch(kind: str, rows: list[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
    """The rows under the Dutch headers a Flemish coordinator writes (first Dutch alias)."""
    columns = columns_for(kind)  # type: ignore[arg-type]
    header = [next((a for a in c.aliases if a != c.key), c.key) for c in columns]
    return header, [[row.get(c.key, "") for c in columns] for row in rows]


def test_an_edition_shaped_like_the_real_one_plans_with_defaults(built, tmp_path):
    venue = Edition.objects.get(format="encounter_day", year=2026).venue
    kinds = Counter(venue.rooms.values_list("kind", flat=True))
    assert (kinds[RoomKind.GROUP], kinds[RoomKind.CONVERSATION]) == (22, 18)
    source = Edition.objects.get(format="encounter_day", year=2025)
    day = source.date.replace(year=2027)
    edition = create_edition(
        year=2027,
        date=day,
        window_start=day.replace(month=9, day=1),
        window_end=day.replace(month=12, day=22),
        actor="test",
        venue=venue,
        title="Ontmoetingsdag 2027",
    )
    current = Edition.objects.get(format="encounter_day", year=2026)
    taking_part = set(
        current.participants.filter(status__in=TAKING_PART).values_list("ref", flat=True)
    )
    students = [r for r in student_rows(current) if r["ref"] in taking_part]
    students += [dict(r, ref=f"S9{i:02d}") for i, r in enumerate(student_rows(source)[:4])]
    experts = [
        r for r in expert_rows(current) if r["ref"] in taking_part and r["member_since"] < "2025"
    ]
    experts = experts[:104]
    wheelchairs = 0
    for row in experts:  # exactly seven need a step-free room, in the coordinator's words
        row["knows"] = ""
        if needs_step_free(row["accessibility"]):
            wheelchairs += 1
            if wheelchairs > 7:
                row["accessibility"] = ""
    for row in experts:
        if wheelchairs < 7 and not row["accessibility"]:
            row["accessibility"] = "rolstoel"
            wheelchairs += 1
    for row in students:
        row["knows"] = ""
    header, lines = _dutch("students", students)
    with (tmp_path / "studenten 2027.csv").open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(header)
        writer.writerows(lines)
    header, lines = _dutch("experts", experts)
    book = Workbook()
    book.active.append(header)
    for line in lines:
        book.active.append(line)
    book.save(tmp_path / "ervaringsdeskundigen 2027.xlsx")
    for kind, name in (
        ("students", "studenten 2027.csv"),
        ("experts", "ervaringsdeskundigen 2027.xlsx"),
    ):
        report = import_roster(
            tmp_path / name, kind=kind, edition=edition, dry_run=False, actor="test"
        )
        assert report.errors == [], report.errors
    people = Participant.objects.filter(edition=edition)
    assert (people.filter(role="student").count(), people.filter(role="expert").count()) == (
        112,
        104,
    )
    assert people.filter(needs_step_free=True).count() == 7
    plan, result = plan_edition(edition, actor="test", settings=PlanSettings())
    _publishable(plan)
    assert len(result.pairs) == 112  # eight experts take a second student
    assert sum(1 for g in result.groups) == 27
