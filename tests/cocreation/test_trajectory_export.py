"""A trajectory's PDF (its text read back) and XLSX (read back with openpyxl)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ontmoeting.cocreation.trajectory_export import trajectory_pdf, trajectory_xlsx
from ontmoeting.privacy.models import AuditEntry
from tests.cocreation.trajectory_factories import (
    TODAY,
    ActionFactory,
    SessionFactory,
    TeamMemberFactory,
    TrajectoryFactory,
)
from tests.documents.builders import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajectory():
    trajectory = TrajectoryFactory(
        title="Herstelgericht werken", team__name="Mobiel team volwassenen"
    )
    TeamMemberFactory(team=trajectory.team, name="Mieke Claes", function="experience_worker")
    first = SessionFactory(
        trajectory=trajectory,
        date=dt.date(2026, 2, 3),
        place="Gent",
        themes="Taal die uitsluit",
        learning_notes="Ervaringskennis vraagt tijd.",
    )
    second = SessionFactory(trajectory=trajectory, date=dt.date(2026, 3, 10), themes="Intervisie")
    ActionFactory(session=first, description="=Woordenlijst opstellen", owner="Els", status="done")
    ActionFactory(
        session=first, description="Folder herschrijven", owner="Mieke", due=dt.date(2026, 3, 1)
    )
    ActionFactory(session=second, description="Intervisie plannen", owner="Tom", due=None)
    return trajectory


def test_the_pdf_holds_the_sessions_actions_and_notes(trajectory):
    text = flat(
        " ".join(pdf_text(trajectory_pdf(trajectory, today=TODAY, language="nl", actor="t")))
    )
    for expected in (
        "Herstelgericht werken",
        "Mobiel team volwassenen",
        "Mieke Claes",
        "Taal die uitsluit",
        "Ervaringskennis vraagt tijd.",
        "Folder herschrijven",
        "Intervisie plannen",
        "01/03/2026",
    ):
        assert expected in text, expected
    assert text.index("Taal die uitsluit") < text.index("Intervisie plannen")  # in date order
    assert AuditEntry.objects.filter(action="trajectory.export", data__format="pdf").count() == 1


def test_the_xlsx_has_sessions_and_actions_with_counts_and_text_never_a_formula(trajectory):
    book = load_workbook(
        io.BytesIO(trajectory_xlsx(trajectory, today=TODAY, language="nl", actor="t"))
    )
    assert len(book.sheetnames) == 3
    sessions, actions, team = (
        list(book[name].iter_rows(values_only=True)) for name in book.sheetnames
    )
    # session number, date, place, ..., done, open, overdue (hand count: session 1 has one done,
    # one open that was due on 1 March, i.e. overdue on 16 March; session 2 one open, no date).
    assert [(r[0], r[1].date(), r[2], r[6], r[7], r[8]) for r in sessions[1:]] == [
        (1, dt.date(2026, 2, 3), "Gent", 1, 1, 1),
        (2, dt.date(2026, 3, 10), "Gent", 0, 1, 0),
    ]
    assert [(r[0], r[2], r[3]) for r in actions[1:]] == [
        (1, "Folder herschrijven", "Mieke"),
        (1, "'=Woordenlijst opstellen", "Els"),
        (2, "Intervisie plannen", "Tom"),
    ]
    assert [r[0] for r in team[1:]] == ["Mieke Claes"]
