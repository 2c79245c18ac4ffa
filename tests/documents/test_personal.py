"""A participant's day, the schedule card and the check-in token."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.documents.checkin import checkin_token, read_checkin_token
from ontmoeting.documents.personal import personal_day, schedule_card_pdf
from ontmoeting.planning.models import PlanStatus
from tests.documents.builders import build_edition, flat, pdf_text

pytestmark = pytest.mark.django_db


def test_personal_day_student_has_partner_room_group_and_chair():
    built = build_edition(pairs=2)
    student, expert = built.students[0], built.experts[0]
    day = personal_day(student)
    assert day.published
    assert day.plan_version == 1
    assert day.date == dt.date(2026, 12, 10)
    assert day.partners == (expert.person.first_name,)
    assert day.morning_room == "A.1.01"
    assert (day.group_name, day.chair_first_name, day.group_room) == (
        "1",  # the number: texts say "group 1" in every language, never "group Group 1"
        expert.person.first_name,
        "C.0.01",
    )
    assert not day.is_chair
    assert [(b.kind, b.starts, b.ends) for b in day.blocks] == [
        ("welcome", dt.time(9), dt.time(10)),
        ("one_to_one", dt.time(10), dt.time(12)),
        ("lunch", dt.time(12), dt.time(13, 30)),
        ("groups", dt.time(13, 30), dt.time(15, 30)),
        ("closing", dt.time(15, 30), dt.time(16)),
    ]
    assert [b.room for b in day.blocks] == ["Aula", "A.1.01", "Restaurant", "C.0.01", "Aula"]
    assert day.venue_notes == "Enter by the main door."


def test_personal_day_chair_knows_they_chair():
    built = build_edition(pairs=2)
    day = personal_day(built.experts[0])
    assert day.is_chair
    assert day.partners == (built.students[0].person.first_name,)


def test_personal_day_before_publication_has_no_partner_or_room():
    built = build_edition(pairs=2, status=PlanStatus.DRAFT)
    day = personal_day(built.students[0])
    assert not day.published
    assert day.partners == ()
    assert day.group_name == ""
    morning = next(b for b in day.blocks if b.kind == "one_to_one")
    assert (morning.room, morning.partners) == ("", ())
    text = flat(pdf_text(schedule_card_pdf(built.students[0], language="nl"))[0])
    assert "Je uurrooster volgt nog." in text
    assert built.experts[0].person.first_name not in text


@pytest.mark.parametrize("pairs", [1, 3])
def test_personal_day_queries_do_not_grow(pairs, django_assert_max_num_queries):
    built = build_edition(pairs=pairs)
    student = (
        type(built.students[0])
        .objects.select_related("edition__venue", "person")
        .get(pk=built.students[0].pk)
    )
    with django_assert_max_num_queries(6):
        personal_day(student)


def test_schedule_card_is_one_page_with_the_day(settings):
    built = build_edition(pairs=2, names=[("Lieve", "Claes"), ("X", "Y"), ("Mathis", "Peeters")])
    pages = pdf_text(schedule_card_pdf(built.students[0], language="nl"))
    assert len(pages) == 1
    text = flat(pages[0])
    for expected in (
        "Jouw dag, Lieve",
        "10:00–12:00",
        "Je praat met: Mathis",
        "Lokaal: A.1.01",
        "Groep: 1",
        "Voorzitter: Mathis",
        "Enter by the main door.",
        "Campusplein 1",
    ):
        assert expected in text


def test_schedule_card_says_stairs_for_a_room_without_step_free_access():
    built = build_edition(pairs=2)
    text = flat(pdf_text(schedule_card_pdf(built.students[1], language="nl"))[0])
    assert "Lokaal: B.2.15 (alleen trappen, geen lift)" in text


def test_checkin_token_round_trip_and_tampering():
    built = build_edition(pairs=1)
    student = built.students[0]
    token = checkin_token(student)
    assert read_checkin_token(token) == student.pk
    assert read_checkin_token(f" {token}\n") == student.pk
    pk, _sep, signature = token.partition(":")
    assert read_checkin_token(f"{int(pk) + 1}:{signature}") is None
    assert read_checkin_token("garbage") is None
    assert read_checkin_token("") is None
