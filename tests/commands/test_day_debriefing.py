"""``ontmoeting day debriefing``: list the class groups' sessions, schedule one, refuse what
cannot be (exit code 2), in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.cli import main
from ontmoeting.dayof.debriefing import record_attendance, session_students
from ontmoeting.dayof.models import DebriefingSession
from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, RoomFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    room = RoomFactory(name="A.1.01")
    edition = EditionFactory(year=2026, venue=room.venue)  # the day: 2026-12-10
    for group in ("1A", "1A", "1B"):
        ParticipantFactory(
            edition=edition, role=ParticipantRole.STUDENT, class_group=group, status="present"
        )
    return edition


def test_scheduling_then_listing(edition, capsys):
    args = ["day", "debriefing", "2026", "--class-group", "1A", "--date", "2026-12-17"]
    assert main([*args, "--start", "13:00", "--end", "15:00", "--room", "a.1.01"]) == 0
    assert capsys.readouterr().out == (
        "Klasgroep 1A: nabespreking op 2026-12-17 13:00–15:00, A.1.01.\n"
    )
    session = DebriefingSession.objects.get()
    assert main(["day", "debriefing", "2026"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "1A: 2026-12-17 13:00–15:00, A.1.01 — aanwezigheid nog niet genoteerd"
    )
    assert AuditEntry.objects.get(action="debriefing.schedule").actor_label == "cli"
    record_attendance(session, attended=[session_students(session)[0].pk], actor="t")
    assert main(["day", "debriefing", "2026"]) == 0
    assert capsys.readouterr().out == (
        "1A: 2026-12-17 13:00–15:00, A.1.01 — 1 van de 2 waren er\n1B: nog geen nabespreking\n"
    )
    # A change keeps the room it does not name.
    assert main([*args, "--start", "14:00", "--end", "16:00"]) == 0
    session.refresh_from_db()
    assert (session.starts, session.room.name) == (dt.time(14), "A.1.01")


def test_a_refused_schedule_says_why_and_exits_2(edition, capsys):
    args = ["day", "debriefing", "2026", "--class-group", "1B", "--start", "10:00"]
    assert main([*args, "--end", "12:00", "--date", "2026-12-09", "--place", "Aula"]) == 2
    assert capsys.readouterr().out == (
        "De nabespreking kan niet voor de ontmoetingsdag vallen (2026-12-10).\n"
    )
    assert main([*args, "--end", "12:00", "--date", "2026-12-11", "--room", "Z.9"]) == 2
    assert "heeft geen lokaal met de naam Z.9" in capsys.readouterr().out
    assert main([*args, "--date", "2026-12-11"]) == 2
    assert capsys.readouterr().out == "Om een nabespreking in te plannen, geef ook: --end\n"
    assert not DebriefingSession.objects.exists()


def test_a_time_that_is_not_one_is_refused_in_dutch(edition, capsys):
    with pytest.raises(SystemExit):
        main(["day", "debriefing", "2026", "--class-group", "1A", "--start", "1pm"])
    assert "1pm is geen uur zoals 14:00 (UU:MM)." in capsys.readouterr().err
