"""Golden rosters written as Flemish coordinators write them: Dutch headers and words, synonyms,
mixed list separators, month-year dates, experts without an e-mail address who took part before.

``tests/data/rosters/ervaringsdeskundigen_2027.csv`` (60 experts, ';' as Belgian Excel writes it)
and ``studenten_2027.xlsx`` (48 students) import into the 2027 edition without one error; the
returning experts are found by phone or by name and self-help group, never created twice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import KnowsLink, Participant
from ontmoeting.editions.roster import import_roster
from ontmoeting.people.models import Membership, Person, SelfHelpGroup
from tests.factories import (
    EditionFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ROSTERS = Path(__file__).parents[2] / "data" / "rosters"
EXPERTS = ROSTERS / "ervaringsdeskundigen_2027.csv"
STUDENTS = ROSTERS / "studenten_2027.xlsx"


def _veteran(first, last, *, phone, group, email="", year=2026, ref="E010"):
    """An expert who took part in ``year``, as the department knows them."""
    person = PersonFactory(first_name=first, last_name=last, email=email, phone=phone)
    profile = ExpertProfileFactory(person=person)
    MembershipFactory(
        expert=profile,
        group=SelfHelpGroup.objects.get_or_create(name=group)[0],
        since=dt.date(2015, 3, 1),
    )
    ParticipantFactory(
        edition=EditionFactory(year=year),
        person=person,
        role=ParticipantRole.EXPERT,
        ref=ref,
        status=ParticipantStatus.PRESENT,
    )
    return person


@pytest.fixture
def earlier_year():
    """2026: Lotte Mertens (phone written otherwise), Marc Janssens (phone with +32), Hilde
    Wouters (no phone; same name and group), and an Ann Van Damme of another group."""
    return {
        "lotte": _veteran("Lotte", "Mertens", phone="0477/12.34.56", group="Similes Antwerpen"),
        "marc": _veteran("Marc", "Janssens", phone="0478 65 43 21", group="AA Gent", ref="E011"),
        "hilde": _veteran("Hilde", "Wouters", phone="", group="Recht-Op Antwerpen", ref="E012"),
        "ann": _veteran("Ann", "Van Damme", phone="", group="AA Gent", ref="E013"),
    }


def _import(path, edition, kind, **options):
    return import_roster(path, kind=kind, edition=edition, actor="test", **options)


def test_the_coordinators_expert_roster_imports_without_an_error(earlier_year):
    edition = EditionFactory(year=2027)
    preview = _import(EXPERTS, edition, None, dry_run=True)
    assert preview.errors == []
    assert preview.kind == "experts"
    assert [(m.row, m.name) for m in preview.matches] == [(6, "Ann Van Damme")]
    people_before = Person.objects.count()

    ann = earlier_year["ann"].pk
    report = _import(EXPERTS, edition, "experts", dry_run=False, decisions={6: None})
    assert report.ok, report.as_text()
    assert report.count("created") == 60
    # The three returning experts are the people of 2026; Ann of another group is someone else.
    assert Person.objects.count() == people_before + 60 - 3
    returning = Participant.objects.filter(edition=edition, person__in=earlier_year.values())
    assert sorted(p.ref for p in returning) == ["E001", "E002", "E003"]
    assert not Participant.objects.filter(edition=edition, person_id=ann).exists()
    notes = {c.ref: c.note for c in report.changes}
    assert notes["E001"] == "gekende persoon, herkend aan hetzelfde telefoonnummer; veteraan"
    assert notes["E003"] == (
        "gekende persoon, herkend aan dezelfde naam en zelfhulpgroep; veteraan"
    )


def test_the_coordinators_words_are_read_as_they_mean(earlier_year):
    edition = EditionFactory(year=2027)
    report = _import(EXPERTS, edition, "experts", dry_run=False, decisions={6: None})
    assert report.ok
    by_ref = {
        p.ref: p
        for p in Participant.objects.filter(edition=edition).select_related(
            "person__expert_profile"
        )
    }
    lotte = by_ref["E001"].person.expert_profile  # psychische problemen; "nl;fr"; x; beide
    assert lotte.training == "both"
    assert lotte.languages == ["nl", "fr"]
    assert lotte.can_chair is True
    assert lotte.statuses == ["none"]
    marc = by_ref["E002"].person.expert_profile  # nl,en; ervaringswerker; professioneel; nee
    assert marc.languages == ["nl", "en"]
    assert marc.statuses == ["paid_employee"]
    assert marc.training == "professional"
    assert marc.can_chair is False
    hilde = Membership.objects.get(expert__person=earlier_year["hilde"])
    assert hilde.since == dt.date(2019, 3, 1)  # "maart 2019": the first of the month
    readings = {(r.value, r.reading) for r in report.readings}
    assert ("maart 2019", "1 maart 2019") in readings
    assert ("okt. 2021", "1 oktober 2021") in readings
    assert ("ervaringswerk", "opleiding ervaringswerk") in readings
    # A list is read word by word: "jeugdhulp / echtscheiding" gives two readings.
    assert ("jeugdhulp", "Jeugdbescherming") in readings
    assert ("echtscheiding", "Vechtscheiding") in readings
    assert not any("/" in r.value for r in report.readings if r.column == "Domein")


def test_every_expert_of_the_golden_roster_has_the_domains_the_coordinator_wrote(earlier_year):
    edition = EditionFactory(year=2027)
    report = _import(EXPERTS, edition, "experts", dry_run=True)
    read = {r.value: r.reading for r in report.readings if r.column == "Domein"}
    assert read["GGZ"] == "Geestelijke gezondheid"
    assert read["psychische problemen"] == "Geestelijke gezondheid"
    assert read["beperking"] == "Handicap"
    assert read["echtscheiding"] == "Vechtscheiding"
    assert read["werkzoekend"] == "Werkloosheid"
    assert read["jeugdhulp"] == "Jeugdbescherming"
    assert read["Dipendenza"] == "Verslaving"
    assert "verslaving" not in read  # the Dutch label itself needs no reading


def test_the_coordinators_student_roster_imports_without_an_error():
    edition = EditionFactory(year=2027)
    expert = ParticipantFactory(edition=edition, role=ParticipantRole.EXPERT, ref="E007")
    report = _import(STUDENTS, edition, None, dry_run=False)
    assert report.ok, report.as_text()
    assert report.kind == "students"
    assert report.count("created") == 48
    students = Participant.objects.filter(edition=edition, role=ParticipantRole.STUDENT)
    assert students.count() == 48
    assert {tuple(s.spoken_languages) for s in students} <= {("nl",), ("nl", "en")}
    link = KnowsLink.objects.get(edition=edition)
    assert {link.a_id, link.b_id} == {expert.pk, students.get(ref="S005").pk}


def test_an_expert_roster_uploaded_as_students_is_refused_and_nothing_written(earlier_year):
    edition = EditionFactory(year=2027)
    report = _import(EXPERTS, edition, "students", dry_run=False)
    assert not report.ok
    assert [str(e) for e in report.errors] == [
        "ervaringsdeskundigen_2027.csv: dit lijkt een lijst van ervaringsdeskundigen (kolommen "
        "GSM, Zelfhulpgroep, Lid sinds, Domein), niet van studenten; er werd niets gelezen. "
        "Kies “ervaringsdeskundigen” of laad het juiste bestand op."
    ]
    assert not Participant.objects.filter(edition=edition).exists()


def test_a_student_roster_imported_as_experts_is_refused(earlier_year):
    edition = EditionFactory(year=2027)
    report = _import(STUDENTS, edition, "experts", dry_run=True)
    assert not report.ok
    assert "dit lijkt een lijst van studenten (kolommen Klas, Interesses)" in str(report.errors[0])


def test_a_probable_match_left_open_writes_nothing(earlier_year):
    edition = EditionFactory(year=2027)
    people_before = Person.objects.count()
    report = _import(EXPERTS, edition, "experts", dry_run=False)
    assert not report.ok
    assert [str(e) for e in report.errors] == [
        "ervaringsdeskundigen_2027.csv, rij 6: Ann Van Damme is mogelijk Ann Van Damme van een "
        "vorig jaar; zeg of het dezelfde persoon is voor u importeert"
    ]
    assert Person.objects.count() == people_before
    assert not Participant.objects.filter(edition=edition).exists()


def test_a_probable_match_said_to_be_the_same_person_joins_their_history(earlier_year):
    edition = EditionFactory(year=2027)
    ann = earlier_year["ann"]
    report = _import(EXPERTS, edition, "experts", dry_run=False, decisions={6: ann.pk})
    assert report.ok
    assert Participant.objects.get(edition=edition, ref="E005").person == ann
    assert {c.ref: c.note for c in report.changes}["E005"].startswith(
        "gekende persoon, herkend aan uw beslissing"
    )
