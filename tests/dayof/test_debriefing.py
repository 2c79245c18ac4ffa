"""The students' debriefing after the day: sessions per class group, their rules, attendance,
and the post survey that reaches each class group once its own session has ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ontmoeting.dayof.debriefing import (
    attendance_sheet,
    class_groups,
    delete_session,
    post_survey_opens_for,
    record_attendance,
    schedule_session,
)
from ontmoeting.dayof.models import DebriefingAttendance, DebriefingSession
from ontmoeting.editions.venue_services import delete_room
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.surveys import services
from ontmoeting.surveys.models import StudyCodeVault, WaveInvite
from tests.factories import EditionFactory, ProgrammeBlockFactory, RoomFactory
from tests.surveys.helpers import aware, edition_with_debriefing, open_wave, students

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    room = RoomFactory(name="A.1.01")
    edition = EditionFactory(venue=room.venue)
    RoomFactory(venue=room.venue, name="A.1.02")
    students(edition, 3, class_group="1A", status="present")
    students(edition, 2, class_group="1B", status="present")
    students(edition, 1, class_group="1A", status="absent")
    return edition


def schedule(edition, group="1A", *, days=7, starts=13, ends=15, room="A.1.01", **kwargs):
    return schedule_session(
        edition=edition,
        class_group=group,
        date=edition.date + dt.timedelta(days=days),
        starts=dt.time(starts),
        ends=dt.time(ends),
        room=edition.venue.rooms.get(name=room) if room else None,
        actor="test",
        **kwargs,
    )


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_session_is_scheduled_audited_and_a_double_submit_is_one(edition):
    first = schedule(edition, lecturer=" Prof. Claeys ")
    again = schedule(edition, lecturer="Prof. Claeys")
    assert again.pk == first.pk
    assert (first.where, first.lecturer) == ("A.1.01", "Prof. Claeys")
    assert list(
        AuditEntry.objects.filter(action__startswith="debriefing.").values_list("action", flat=True)
    ) == ["debriefing.schedule"]


def test_a_date_before_the_day_is_refused_the_day_itself_is_fine(edition):
    errors = refused(lambda: schedule(edition, days=-1))
    day = edition.date.isoformat()
    assert errors == {"date": [f"De nabespreking kan niet voor de ontmoetingsdag vallen ({day})."]}
    assert schedule(edition, days=0).date == edition.date


def test_the_end_must_come_after_the_start(edition):
    assert refused(lambda: schedule(edition, starts=15, ends=15)) == {
        "ends": ["Een nabespreking moet eindigen nadat ze begint."]
    }


def test_a_class_group_has_one_session_and_an_unknown_one_none(edition):
    schedule(edition)
    errors = refused(lambda: schedule(edition, room="A.1.02", starts=9, ends=10))
    assert errors == {"class_group": ["Klasgroep 1A heeft al een nabespreking; wijzig die."]}
    errors = refused(lambda: schedule(edition, group="9Z", room="A.1.02"))
    assert errors == {"class_group": ["Geen enkele student van deze editie zit in klasgroep 9Z."]}


@pytest.mark.parametrize(
    ("starts", "ends", "clash"),
    [
        (14, 16, True),
        (12, 14, True),
        (13, 15, True),
        (12, 16, True),
        (15, 17, False),
        (11, 13, False),
    ],
)
def test_a_room_holds_one_session_at_a_time(edition, starts, ends, clash):
    schedule(edition, starts=13, ends=15)
    # Brute force: the two times overlap when some minute lies in both.
    minutes = set(range(13 * 60, 15 * 60)) & set(range(starts * 60, ends * 60))
    assert bool(minutes) == clash
    if clash:
        errors = refused(lambda: schedule(edition, group="1B", starts=starts, ends=ends))
        assert list(errors) == ["room"]
        assert "A.1.01 is dan al bezet door de nabespreking van klasgroep 1A" in errors["room"][0]
    else:
        assert schedule(edition, group="1B", starts=starts, ends=ends).room.name == "A.1.01"
    # Another room, or another day, is always free.
    DebriefingSession.objects.filter(class_group="1B").delete()
    assert schedule(edition, group="1B", starts=starts, ends=ends, room="A.1.02")


def test_a_room_of_another_edition_on_the_same_date_clashes_too(edition):
    other = EditionFactory(
        year=2027,
        venue=edition.venue,
        date=edition.date,
        window_start=edition.window_start,
        window_end=edition.window_end,
    )
    students(other, 1, class_group="2A")
    schedule(edition)
    errors = refused(lambda: schedule(other, group="2A"))
    assert list(errors) == ["room"]


def test_a_place_is_written_when_there_is_no_room(edition):
    assert refused(lambda: schedule(edition, room=None)) == {
        "room": ["Kies een lokaal of schrijf waar de nabespreking plaatsvindt."]
    }
    session = schedule(edition, room=None, place="Klaslokaal 3.14")
    assert session.where == "Klaslokaal 3.14"
    foreign = RoomFactory(name="Elders")
    assert "room" in refused(
        lambda: schedule_session(
            edition=edition,
            class_group="1B",
            date=edition.date,
            starts=dt.time(9),
            ends=dt.time(10),
            room=foreign,
            actor="t",
        )
    )


def test_a_change_is_audited_with_its_fields_and_a_room_in_use_is_kept(edition):
    session = schedule(edition)
    changed = schedule(edition, session=session, starts=14, ends=16)
    assert (changed.pk, changed.starts) == (session.pk, dt.time(14))
    entry = AuditEntry.objects.get(action="debriefing.change")
    assert entry.data["fields"] == ["starts", "ends"]
    with pytest.raises(ValidationError, match="nabespreking van klasgroep 1A"):
        delete_room(session.room, actor="t")
    delete_session(session, actor="t")
    assert not DebriefingSession.objects.exists()
    assert AuditEntry.objects.filter(action="debriefing.delete").count() == 1


def test_class_groups_lists_those_with_and_without_a_session(edition):
    session = schedule(edition)
    rows = class_groups(edition)
    assert [(r.class_group, r.students, r.session) for r in rows] == [
        ("1A", 4, session),
        ("1B", 2, None),
    ]


def test_attendance_is_recorded_once_and_unchanged_rows_keep_who_and_when(edition, make_staff):
    session = schedule(edition)
    sheet = attendance_sheet(session)
    assert [row.attended for row in sheet] == [None] * 4
    assert sorted(row.present_on_the_day for row in sheet) == [False, True, True, True]
    came = [row.participant.pk for row in sheet if row.present_on_the_day][:2]
    coordinator = make_staff("coordinator")
    early = timezone.now() - dt.timedelta(hours=1)
    assert record_attendance(session, attended=came, actor=coordinator, at=early) == 4
    assert record_attendance(session, attended=came, actor="someone else") == 0  # idempotent
    rows = DebriefingAttendance.objects.filter(session=session)
    assert {(r.participant_id, r.attended) for r in rows} == {
        (row.participant.pk, row.participant.pk in came) for row in sheet
    }
    assert {(r.recorded_by, r.recorded_at) for r in rows} == {(coordinator, early)}
    assert AuditEntry.objects.filter(action="debriefing.attendance").count() == 1
    assert class_groups(edition)[0].attended == 2
    # One more tick changes that one row, recorded by whoever ticked it.
    late = next(row.participant for row in sheet if row.participant.pk not in came)
    assert record_attendance(session, attended=[*came, late.pk], actor="desk") == 1
    assert DebriefingAttendance.objects.get(participant=late).recorded_by_label == "desk"
    assert {r.recorded_by_label for r in rows.exclude(participant=late)} == {"coordinator"}


def test_attendance_refuses_someone_outside_the_class_group(edition):
    session = schedule(edition)
    other = edition.participants.filter(class_group="1B").first()
    with pytest.raises(ValidationError, match="Alleen studenten van deze klasgroep"):
        record_attendance(session, attended=[other.pk], actor="t")
    assert not DebriefingAttendance.objects.exists()


# ------------------------------------------------------------------------- the post survey


def _at(edition, days, hour):
    return aware(edition.date + dt.timedelta(days=days), hour)


def test_the_post_wave_opens_after_the_first_session_without_a_programme_block(edition):
    now = timezone.localdate()
    edition.date = now - dt.timedelta(days=10)
    edition.window_start, edition.window_end = edition.date, now + dt.timedelta(days=30)
    edition.save()
    with pytest.raises(ValidationError, match="nabesprekingsworkshop"):
        services.check_wave_dates(
            edition=edition, kind="post", opens=_at(edition, 1, 9), closes=_at(edition, 30, 9)
        )
    schedule(edition, "1B", days=2, starts=9, ends=11)
    schedule(edition, "1A", days=4, starts=9, ends=11, room="A.1.02")
    assert services.debriefing_end(edition) == _at(edition, 2, 11)
    with pytest.raises(ValidationError, match="opent na de nabesprekingsworkshop"):
        services.check_wave_dates(
            edition=edition, kind="post", opens=_at(edition, 2, 10), closes=_at(edition, 30, 9)
        )
    services.check_wave_dates(
        edition=edition, kind="post", opens=_at(edition, 2, 11), closes=_at(edition, 30, 9)
    )


def _held_edition_with_block():
    """An edition held today, whose programme has a debriefing block ending at 17:00."""
    edition = edition_with_debriefing()
    room = RoomFactory(name="A.1.01")
    edition.venue = room.venue
    today = timezone.localdate()
    edition.date, edition.window_start = today - dt.timedelta(days=3), today - dt.timedelta(days=30)
    edition.window_end = today + dt.timedelta(days=30)
    edition.save()
    return edition


def test_each_student_is_invited_once_their_class_group_session_has_ended():
    edition = _held_edition_with_block()
    a = students(edition, 2, class_group="1A", status="present")
    b = students(edition, 2, class_group="1B", status="present")
    none = students(edition, 1, class_group="", status="present")
    wave = open_wave(edition, "post")
    today = timezone.localdate()
    days_until_today = (today - edition.date).days
    past = schedule(edition, "1A", days=0, starts=17, ends=18)  # on the day, ended
    future = schedule(edition, "1B", days=days_until_today + 2, starts=9, ends=11)
    assert post_survey_opens_for(a[0]) == aware(edition.date, 18)
    assert post_survey_opens_for(b[0]) == aware(future.date, 11)
    # Without a session: the edition's rule, now the first session's end.
    assert post_survey_opens_for(none[0]) == aware(past.date, 18)

    assert services.invite_wave(wave=wave, actor="t") == 3
    invited = set(
        StudyCodeVault.objects.filter(
            study_code__in=WaveInvite.objects.filter(wave=wave).values("study_code")
        ).values_list("participant_id", flat=True)
    )
    assert invited == {p.pk for p in [*a, *none]}
    assert services.invite_wave(wave=wave, actor="t") == 0  # 1B's session has not ended yet

    # 1B's session moves to this morning: a later call invites them, the others not again.
    schedule(edition, "1B", session=future, days=days_until_today, starts=0, ends=1)
    assert services.invite_wave(wave=wave, actor="t") == 2
    assert OutboxMessage.objects.filter(kind="survey_post").count() == 5


def test_without_sessions_the_programme_block_rule_is_kept():
    edition = _held_edition_with_block()
    students(edition, 2, class_group="1A", status="present")
    assert services.debriefing_end(edition) == aware(edition.date, 17)
    wave = open_wave(edition, "post")
    assert services.invite_wave(wave=wave, actor="t") == 2


def test_an_absent_student_of_a_held_edition_is_not_invited_a_present_one_is():
    edition = _held_edition_with_block()
    present = students(edition, 1, status="present")
    absent = students(edition, 1, status="absent")
    ProgrammeBlockFactory(edition=edition, kind="closing", starts=dt.time(15), ends=dt.time(16))
    wave = open_wave(edition, "post")
    assert services.invite_wave(wave=wave, actor="t") == 1
    told = list(OutboxMessage.objects.filter(kind="survey_post").values_list("person", flat=True))
    assert told == [present[0].person_id]
    assert absent[0].person_id not in told
