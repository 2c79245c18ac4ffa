"""Calendars: the edition's programme and each participant's day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from ontmoeting.documents.ics import edition_ics, participant_ics
from tests.documents.builders import build_edition

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def _events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def test_participant_ics_parses_with_times_rooms_and_partner():
    built = build_edition(pairs=2, names=[("Lieve", "Claes"), ("X", "Y"), ("Mathis", "P")])
    calendar, events = _events(participant_ics(built.students[0]))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert len(events) == 5
    starts = [e.decoded("DTSTART") for e in events]
    assert starts[0] == dt.datetime(2026, 12, 10, 9, 0, tzinfo=BRUSSELS)
    assert all(str(s.tzinfo) == "Europe/Brussels" for s in starts)
    morning = events[1]
    assert morning.decoded("DTSTART") == dt.datetime(2026, 12, 10, 10, 0, tzinfo=BRUSSELS)
    assert morning.decoded("DTEND") == dt.datetime(2026, 12, 10, 12, 0, tzinfo=BRUSSELS)
    assert str(morning["LOCATION"]).startswith("A.1.01, Campus Sociaal Werk")
    assert "Mathis" in str(morning["DESCRIPTION"])
    groups = events[3]
    assert "Groep: 1" in str(groups["DESCRIPTION"])  # the participant reads Dutch
    assert b"TZID=Europe/Brussels" in participant_ics(built.students[0])


def test_participant_ics_uids_are_stable_and_personal():
    built = build_edition(pairs=2)
    first = [str(e["UID"]) for e in _events(participant_ics(built.students[0]))[1]]
    again = [str(e["UID"]) for e in _events(participant_ics(built.students[0]))[1]]
    other = [str(e["UID"]) for e in _events(participant_ics(built.students[1]))[1]]
    assert first == again
    assert len(set(first)) == 5
    assert not set(first) & set(other)
    assert participant_ics(built.students[0]) == participant_ics(built.students[0])


def test_edition_ics_has_the_programme_blocks():
    built = build_edition(pairs=1)
    _calendar, events = _events(edition_ics(built.edition, language="nl"))
    assert [
        (e.decoded("DTSTART").time(), e.decoded("DTEND").time(), str(e["SUMMARY"])) for e in events
    ] == [
        (dt.time(9), dt.time(10), "Ontmoetingsdag 2026: welkom"),
        (dt.time(10), dt.time(12), "Ontmoetingsdag 2026: één-op-ééngesprekken"),
        (dt.time(12), dt.time(13, 30), "Ontmoetingsdag 2026: lunch"),
        (dt.time(13, 30), dt.time(15, 30), "Ontmoetingsdag 2026: groepsgesprek"),
        (dt.time(15, 30), dt.time(16), "Ontmoetingsdag 2026: afsluiting"),
    ]
