"""Edition invariants: the date lies in the academic-calendar window; the default programme."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.services import create_edition
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

WINDOW = {"window_start": dt.date(2026, 11, 30), "window_end": dt.date(2026, 12, 18)}


@pytest.mark.django_db
def test_create_edition_outside_window_is_a_clear_error_and_writes_nothing():
    with pytest.raises(ValidationError) as error:
        create_edition(year=2026, date=dt.date(2027, 1, 15), actor="test", **WINDOW)
    assert error.value.message_dict == {
        "date": [
            "De datum 2027-01-15 valt buiten het venster van de academische kalender "
            "2026-11-30 – 2026-12-18."
        ]
    }
    assert Edition.objects.count() == 0


@pytest.mark.django_db
def test_database_refuses_date_outside_window_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(year=2026, date=dt.date(2027, 1, 15), **WINDOW)


@pytest.mark.django_db
def test_window_must_be_ordered():
    edition = Edition(
        year=2026,
        date=dt.date(2026, 12, 1),
        window_start=dt.date(2026, 12, 18),
        window_end=dt.date(2026, 11, 30),
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert error.value.message_dict["window_end"] == ["Het venster moet eindigen na het begin."]


@pytest.mark.django_db
def test_new_edition_gets_the_seed_programme():
    edition = create_edition(year=2026, date=dt.date(2026, 12, 10), actor="test", **WINDOW)
    blocks = [
        (b.kind, b.starts.strftime("%H:%M"), b.ends.strftime("%H:%M")) for b in edition.blocks.all()
    ]
    assert blocks == [
        ("welcome", "09:00", "10:00"),
        ("one_to_one", "10:00", "12:00"),
        ("lunch", "12:00", "13:30"),
        ("groups", "13:30", "15:30"),
        ("closing", "15:30", "16:00"),
    ]
    assert edition.status == "draft"


@pytest.mark.django_db
def test_create_edition_is_idempotent_per_year_and_format():
    first = create_edition(year=2026, date=dt.date(2026, 12, 10), actor="test", **WINDOW)
    again = create_edition(year=2026, date=dt.date(2026, 12, 10), actor="test", **WINDOW)
    assert again.pk == first.pk
    assert first.blocks.count() == 5


@pytest.mark.django_db
def test_a_person_takes_part_once_per_edition():
    edition = EditionFactory()
    person = PersonFactory()
    ParticipantFactory(edition=edition, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(edition=edition, person=person)


@pytest.mark.django_db
def test_refs_are_unique_per_edition_but_may_be_blank():
    edition = EditionFactory()
    ParticipantFactory(edition=edition, ref="S001")
    ParticipantFactory(edition=edition, ref="")
    ParticipantFactory(edition=edition, ref="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(edition=edition, ref="S001")
    assert Participant.objects.filter(edition=edition).count() == 3
