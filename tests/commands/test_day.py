"""``ontmoeting day checkin|board``: the desk from a terminal when the web is down."""

from __future__ import annotations

import pytest

from ontmoeting.cli import main
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory(year=2026)
    for ref, first, role in (("E001", "Lotte", "expert"), ("S001", "Anna", "student")):
        ParticipantFactory(
            edition=edition,
            person=PersonFactory(first_name=first, last_name="Peeters"),
            role=role,
            ref=ref,
        )
    return edition


def test_checkin_records_each_ref_and_says_so(edition, capsys):
    assert main(["day", "checkin", "2026", "E001", "S001"]) == 0
    assert capsys.readouterr().out == (
        "E001 Lotte Peeters: aangekomen — klaar\nS001 Anna Peeters: aangekomen — klaar\n"
    )
    assert set(edition.participants.values_list("status", flat=True)) == {ParticipantStatus.PRESENT}
    assert main(["day", "checkin", "2026", "E001"]) == 0
    assert "niets te doen" in capsys.readouterr().out


def test_an_unknown_ref_exits_2_and_the_others_are_recorded(edition, capsys):
    assert main(["day", "checkin", "2026", "E001", "E999"]) == 2
    assert "E999: niemand in deze editie heeft deze ref" in capsys.readouterr().out
    assert edition.participants.get(ref="E001").status == ParticipantStatus.PRESENT


def test_the_board_names_who_is_missing(edition, capsys):
    main(["day", "checkin", "2026", "S001"])
    capsys.readouterr()
    assert main(["day", "board", "2026"]) == 0
    out = capsys.readouterr().out
    assert "1 verwacht, 0 aanwezig, 1 ontbreekt" in out
    assert "E001 Lotte Peeters" in out
    assert edition.participants.filter(role=ParticipantRole.EXPERT).count() == 1
