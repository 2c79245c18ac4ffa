"""The roster upload as coordinators use it: the kind recognised from the columns, a wrong file
refused, an unknown word mapped once in the preview, possible matches decided, and "Our words"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Participant, ValueSynonym
from ontmoeting.people.models import Person, SelfHelpGroup
from tests.editions.roster.roster_helpers import EXPERT_HEADER, expert, table_counts
from tests.factories import (
    EditionFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def edition():
    return EditionFactory(year=2026)


def csv_file(*lines: str, name: str = "lijst.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def upload(client, edition, file, kind="auto"):
    return client.post(f"/editions/{edition.pk}/roster/", {"kind": kind, "file": file})


def test_an_expert_roster_is_recognised_from_its_columns(coordinator, edition):
    response = upload(coordinator, edition, csv_file(EXPERT_HEADER, expert()))
    report = response.context["report"]
    assert report.ok
    assert report.kind == "experts"
    assert "Ervaringsdeskundigen · lijst.csv" in response.content.decode()
    token = response.context["confirm"].initial["token"]
    coordinator.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    assert Participant.objects.get().role == ParticipantRole.EXPERT


def test_an_expert_roster_uploaded_as_students_is_refused(coordinator, edition, media):
    before = table_counts()
    response = upload(coordinator, edition, csv_file(EXPERT_HEADER, expert()), kind="students")
    html = response.content.decode()
    assert "dit lijkt een lijst van ervaringsdeskundigen" in html
    assert response.context["confirm"] is None
    assert table_counts() == before
    assert not list((media / "uploads").iterdir())


def test_an_unknown_word_is_mapped_once_remembered_and_the_file_imports(coordinator, edition):
    rows = [
        expert(ref=f"E{i:03d}", email=f"e{i}@example.org", domains="lotgenoten") for i in (1, 2)
    ]
    response = upload(coordinator, edition, csv_file(EXPERT_HEADER, *rows))
    html = response.content.decode()
    assert 'data-testid="map-words"' in html
    assert "<code>lotgenoten</code> in kolom domains (2 rijen) betekent:" in html
    token = response.context["token"]

    mapped = coordinator.post(
        f"/editions/{edition.pk}/roster/words/",
        {
            "token": token,
            "word-1": "lotgenoten",
            "field-1": "domains",
            "code-1": "addiction",
            "remember": "on",
        },
    )
    report = mapped.context["report"]
    assert report.ok
    assert [(r.value, r.reading) for r in report.readings] == [("lotgenoten", "Verslaving")]
    synonym = ValueSynonym.objects.get()
    assert (synonym.field, synonym.word, synonym.code) == ("domains", "lotgenoten", "addiction")

    coordinator.post(
        f"/editions/{edition.pk}/roster/confirm/",
        {"token": mapped.context["confirm"]["token"].value()},
    )
    assert edition.participants.count() == 2


def test_a_word_mapped_for_this_file_only_is_not_remembered(coordinator, edition):
    response = upload(coordinator, edition, csv_file(EXPERT_HEADER, expert(training="opgeleid")))
    mapped = coordinator.post(
        f"/editions/{edition.pk}/roster/words/",
        {
            "token": response.context["token"],
            "word-1": "opgeleid",
            "field-1": "training",
            "code-1": "experience_work",
        },
    )
    assert mapped.context["report"].ok
    assert not ValueSynonym.objects.exists()
    token = mapped.context["confirm"]["token"].value()
    coordinator.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    assert Person.objects.get().expert_profile.training == "experience_work"


def _veteran_without_email(edition_year=2025):
    person = PersonFactory(first_name="Lotte", last_name="Mertens", email="", phone="")
    group, _created = SelfHelpGroup.objects.get_or_create(name="Similes Gent")
    MembershipFactory(expert=ExpertProfileFactory(person=person), group=group)
    ParticipantFactory(
        edition=EditionFactory(year=edition_year, date=dt.date(edition_year, 12, 10)),
        person=person,
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.PRESENT,
        ref="E001",
    )
    return person


def test_a_possible_match_must_be_decided_before_the_import(coordinator, edition):
    known = _veteran_without_email()
    row = expert(
        first_name="Lotte", last_name="Mertens", email="", phone="", self_help_group="AA Gent"
    )
    response = upload(coordinator, edition, csv_file(EXPERT_HEADER, row))
    html = response.content.decode()
    assert "Mogelijk dezelfde persoon als iemand van een vorig jaar" in html
    assert f'name="match-2" value="{known.pk}"' in html
    token = response.context["confirm"].initial["token"]
    people = Person.objects.count()

    undecided = coordinator.post(f"/editions/{edition.pk}/roster/confirm/", {"token": token})
    assert "Zeg bij elke mogelijke overeenkomst" in undecided.content.decode()
    assert Person.objects.count() == people
    assert not edition.participants.exists()

    token = undecided.context["confirm"].initial["token"]
    coordinator.post(
        f"/editions/{edition.pk}/roster/confirm/", {"token": token, "match-2": str(known.pk)}
    )
    assert edition.participants.get().person == known
    assert Person.objects.count() == people


def test_our_words_page_lists_adds_and_removes_words(coordinator):
    page = coordinator.get("/editions/words/")
    html = page.content.decode()
    assert "Onze woorden voor waarden in lijsten" in html
    assert "<code>jeugdhulp</code>" in html  # a built-in word is shown
    added = coordinator.post(
        "/editions/words/", {"word": "Jeugdhulp", "meaning": "domains:divorce"}, follow=True
    )
    assert "Bewaard: “Jeugdhulp”." in added.content.decode()
    synonym = ValueSynonym.objects.get()
    assert synonym.code == "divorce"
    coordinator.post(f"/editions/words/{synonym.pk}/delete/")
    assert not ValueSynonym.objects.exists()


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_our_words_are_for_coordinators_only(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get("/editions/words/").status_code == 403
    response = client.post("/editions/words/", {"word": "x", "meaning": "domains:addiction"})
    assert response.status_code == 403
    assert not ValueSynonym.objects.exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_our_words_page_queries_do_not_grow_with_the_words(coordinator):
    from ontmoeting.editions.synonyms import save_synonym

    save_synonym(field="domains", word="CGG", code="mental_health", actor="test")
    one = _queries(coordinator, "/editions/words/")
    save_synonym(field="domains", word="OCMW", code="poverty", actor="test")
    save_synonym(field="status", word="vrijwilligerster", code="volunteer", actor="test")
    assert _queries(coordinator, "/editions/words/") == one
