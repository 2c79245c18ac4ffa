"""The debriefing pages as a coordinator uses them, in Dutch: the class groups with their
session, the form that schedules one (and refuses what cannot be), the attendance sheet with
a big checkbox per student; and nobody else gets in."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.dayof.debriefing import schedule_session
from ontmoeting.dayof.models import DebriefingAttendance, DebriefingSession
from ontmoeting.editions.enums import EditionStatus, ParticipantRole
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory, RoomFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    room = RoomFactory(name="A.1.01")
    RoomFactory(venue=room.venue, name="A.1.02")
    edition = EditionFactory(year=2026, status=EditionStatus.HELD, venue=room.venue)
    for ref, first, group, status in (
        ("S001", "Anna", "1A", "present"),
        ("S002", "Bram", "1A", "absent"),
        ("S003", "Chloë", "1B", "present"),
    ):
        ParticipantFactory(
            edition=edition,
            person=PersonFactory(first_name=first, last_name="Peeters"),
            role=ParticipantRole.STUDENT,
            class_group=group,
            status=status,
            ref=ref,
        )
    return edition


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def _session(edition, group="1A", room="A.1.01", starts=13):
    return schedule_session(
        edition=edition,
        class_group=group,
        date=edition.date + dt.timedelta(days=7),
        starts=dt.time(starts),
        ends=dt.time(starts + 2),
        room=edition.venue.rooms.get(name=room),
        actor="t",
    )


def test_the_day_links_to_the_debriefing_page(coordinator, edition):
    page = coordinator.get("/day/").content.decode()
    assert f'href="/day/{edition.pk}/debriefing/"' in page
    assert ">Nabespreking</a>" in page


def test_the_list_shows_each_class_group_with_or_without_its_session(coordinator, edition):
    _session(edition)
    page = coordinator.get(f"/day/{edition.pk}/debriefing/").content.decode()
    assert "<h1>Nabespreking</h1>" in page
    assert "2 klasgroepen" in page
    assert "13:00–15:00" in page
    assert "A.1.01" in page
    assert "nog niet genoteerd" in page
    assert 'data-testid="schedule-1B"' in page
    assert "Zonder nabespreking: 1B" in page
    assert f'href="/editions/{edition.pk}/messages/send/?kind=thank_you"' in page


def test_a_coordinator_schedules_a_session_with_the_form(coordinator, edition):
    url = f"/day/{edition.pk}/debriefing/new/"
    page = coordinator.get(url, {"class_group": "1B"}).content.decode()
    assert "Een nabespreking inplannen" in page
    assert '<option value="1B" selected>' in page
    room = edition.venue.rooms.get(name="A.1.02")
    day = (edition.date + dt.timedelta(days=3)).isoformat()
    response = coordinator.post(
        url,
        {"class_group": "1B", "date": day, "starts": "10:00", "ends": "12:00", "room": room.pk},
        follow=True,
    )
    assert "Nabespreking bewaard." in response.content.decode()
    session = DebriefingSession.objects.get()
    assert (session.class_group, session.date.isoformat(), session.room) == ("1B", day, room)


def test_the_form_shows_the_rules_refused_in_dutch(coordinator, edition):
    _session(edition, "1A", "A.1.01", starts=13)
    before = (edition.date - dt.timedelta(days=1)).isoformat()
    page = coordinator.post(
        f"/day/{edition.pk}/debriefing/new/",
        {"class_group": "1B", "date": before, "starts": "10:00", "ends": "09:00", "place": ""},
    ).content.decode()
    assert "Een nabespreking moet eindigen nadat ze begint." in page
    later = (edition.date + dt.timedelta(days=7)).isoformat()
    room = edition.venue.rooms.get(name="A.1.01")
    page = coordinator.post(
        f"/day/{edition.pk}/debriefing/new/",
        {"class_group": "1B", "date": later, "starts": "14:00", "ends": "16:00", "room": room.pk},
    ).content.decode()
    assert "A.1.01 is dan al bezet door de nabespreking van klasgroep 1A" in page
    page = coordinator.post(
        f"/day/{edition.pk}/debriefing/new/",
        {"class_group": "1B", "date": before, "starts": "10:00", "ends": "11:00", "place": "X"},
    ).content.decode()
    assert "De nabespreking kan niet voor de ontmoetingsdag vallen" in page
    assert DebriefingSession.objects.count() == 1


def test_a_session_is_changed_and_deleted(coordinator, edition):
    session = _session(edition)
    url = f"/day/{edition.pk}/debriefing/{session.pk}/"
    page = coordinator.get(url).content.decode()
    assert "Nabespreking van klasgroep 1A" in page
    assert 'value="13:00"' in page
    coordinator.post(
        url,
        {
            "class_group": "1A",
            "date": session.date.isoformat(),
            "starts": "13:00",
            "ends": "15:00",
            "place": "Klaslokaal 3.14",
            "lecturer": "Prof. Claeys",
        },
    )
    session.refresh_from_db()
    assert (session.room, session.where, session.lecturer) == (
        None,
        "Klaslokaal 3.14",
        "Prof. Claeys",
    )
    coordinator.post(f"{url}delete/")
    assert not DebriefingSession.objects.exists()


def test_the_attendance_sheet_marks_who_was_present_on_the_day_and_saves_ticks(
    coordinator, edition
):
    session = _session(edition)
    url = f"/day/{edition.pk}/debriefing/{session.pk}/attendance/"
    page = coordinator.get(url).content.decode()
    assert "Aanwezigheid op de nabespreking van klasgroep 1A" in page
    assert 'data-testid="attended-S001"' in page
    assert 'data-testid="attended-S002"' in page
    assert "Chloë" not in page  # another class group
    assert page.count("aanwezig op de dag") == 2  # "niet aanwezig op de dag" holds it too
    assert page.count("niet aanwezig op de dag") == 1
    bram = edition.participants.get(ref="S002")
    response = coordinator.post(url, {"attended": [bram.pk]}, follow=True)
    assert "Aanwezigheid bewaard (2 gewijzigd)." in response.content.decode()
    assert dict(DebriefingAttendance.objects.values_list("participant__ref", "attended")) == {
        "S001": False,
        "S002": True,
    }
    page = coordinator.get(f"/day/{edition.pk}/debriefing/").content.decode()
    assert "1 van de 2" in page
    response = coordinator.post(url, {"attended": [bram.pk]}, follow=True)
    assert "Aanwezigheid bewaard; er is niets gewijzigd." in response.content.decode()
    chloe = edition.participants.get(ref="S003")
    response = coordinator.post(url, {"attended": [chloe.pk]}, follow=True)
    assert "Alleen studenten van deze klasgroep" in response.content.decode()


@pytest.mark.parametrize("role", ["helper", "researcher", "admin"])
def test_other_roles_and_visitors_are_refused(client, make_staff, edition, role):
    session = _session(edition)
    urls = [
        f"/day/{edition.pk}/debriefing/",
        f"/day/{edition.pk}/debriefing/new/",
        f"/day/{edition.pk}/debriefing/{session.pk}/",
        f"/day/{edition.pk}/debriefing/{session.pk}/attendance/",
    ]
    for url in urls:
        assert "/login/" in client.get(url).url
    client.force_login(make_staff(role))
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(urls[3], {"attended": []}).status_code == 403
    assert client.post(f"{urls[2]}delete/").status_code == 403
    assert DebriefingSession.objects.count() == 1


def test_a_thank_you_starts_with_everyone_present_once_anyone_is(coordinator, edition):
    url = f"/editions/{edition.pk}/messages/send/"
    page = coordinator.get(url, {"kind": "thank_you"}).content.decode()
    assert '<option value="present" selected>' in page
    assert '<option value="thank_you" selected>' in page
    edition.participants.update(status="confirmed")
    page = coordinator.get(url, {"kind": "thank_you"}).content.decode()
    assert '<option value="present" selected>' not in page
