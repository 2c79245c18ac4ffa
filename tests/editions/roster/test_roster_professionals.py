"""Professionals as a roster kind: a Dutch roster as a Flemish coordinator writes it, the same
guarantees as students and experts (every bad row named, nothing written), only into a
co-creation meeting."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ontmoeting.editions.enums import Format, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import KnowsLink, Participant, ValueSynonym
from ontmoeting.editions.roster import import_roster, write_template
from ontmoeting.people.models import ProfessionalProfile, Sector
from ontmoeting.people.services import add_sector
from ontmoeting.privacy.models import AuditEntry
from tests.editions.roster.roster_helpers import table_counts
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ROSTER = Path(__file__).parents[2] / "data" / "rosters" / "professionals_cocreatie.csv"
HEADER = "Nr;Voornaam;Familienaam;E-mail;Sector;Organisatie;Functie;Wil co-faciliteren"
GOOD_ROW = "P01;Sofie;Claes;sofie@example.org;GGZ;CGG Eclips;hulpverlener;ja"


@pytest.fixture
def meeting():
    return EditionFactory(year=2026, format=Format.CO_CREATION)


def counts() -> dict[str, int]:
    return {**table_counts(), "professional_profile": ProfessionalProfile.objects.count()}


def _import(source, edition, kind="professionals"):
    return import_roster(source, kind=kind, edition=edition, dry_run=False, actor="test")


def test_dutch_roster_creates_people_profiles_and_participants(meeting):
    report = _import(ROSTER, meeting, kind=None)  # recognised from its Dutch columns
    assert report.ok, report.errors
    assert report.kind == "professionals"
    assert report.count("created") == 8
    rows = {
        p.person.professional_profile.person.first_name: (
            p.ref,
            p.role,
            p.status,
            p.person.professional_profile.sector.code,
            p.person.professional_profile.organisation,
            p.person.professional_profile.function,
            p.person.professional_profile.can_co_facilitate,
        )
        for p in Participant.objects.filter(edition=meeting).select_related(
            "person__professional_profile__sector"
        )
    }
    registered = ParticipantStatus.REGISTERED
    role = ParticipantRole.PROFESSIONAL
    # By hand from the file: "G.G.Z.", "drughulp", "verslaving", "Jeugdzorg" are sectors;
    # "Coördinator", "beleidsmedewerker", "leidinggevende", "directeur", "opvoeder" are functions.
    assert rows == {
        "Sofie": ("P01", role, registered, "ggz", "CGG Eclips", "practitioner", True),
        "Pieter": ("P02", role, registered, "ggz", "CGG Eclips", "coordinator", False),
        "Nathalie": ("P03", role, registered, "ggz", "PZ Duffel", "policy_officer", False),
        "Kurt": ("P04", role, registered, "verslavingszorg", "De Sleutel", "practitioner", True),
        "Eline": ("P05", role, registered, "verslavingszorg", "De Sleutel", "manager", False),
        "Tom": (
            "P06",
            role,
            registered,
            "verslavingszorg",
            "CAW Oost-Vlaanderen",
            "practitioner",
            False,
        ),
        "Ines": ("P07", role, registered, "jeugdhulp", "VZW Oranjehuis", "practitioner", True),
        "Wouter": ("P08", role, registered, "jeugdhulp", "Jeugdhulp Het Anker", "manager", False),
    }
    eline = Participant.objects.get(edition=meeting, ref="P05")
    assert (eline.language, eline.languages) == ("nl", ["nl", "en"])
    links = {
        tuple(sorted(Participant.objects.get(pk=pk).ref for pk in pair))
        for pair in KnowsLink.objects.values_list("a_id", "b_id")
    }
    assert links == {("P01", "P02"), ("P04", "P05"), ("P07", "P08")}


def test_reimporting_the_same_roster_changes_nothing(meeting):
    assert _import(ROSTER, meeting).ok
    before = counts()
    report = _import(ROSTER, meeting)
    assert report.count("unchanged") == 8
    assert {k: v for k, v in counts().items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }


def test_a_changed_organisation_updates_the_profile(meeting, roster_file):
    _import(roster_file("p.csv", HEADER, GOOD_ROW), meeting)
    report = _import(
        roster_file("p.csv", HEADER, GOOD_ROW.replace("CGG Eclips", "PZ Duffel")), meeting
    )
    assert [(c.ref, c.action, c.fields) for c in report.changes] == [
        ("P01", "updated", ("organisation",))
    ]
    assert ProfessionalProfile.objects.get().organisation == "PZ Duffel"


@pytest.mark.parametrize(
    ("row", "column", "value", "field"),
    [
        (GOOD_ROW.replace(";GGZ;", ";tandzorg;"), "Sector", "tandzorg", "sector"),
        (GOOD_ROW.replace("hulpverlener", "astronaut"), "Functie", "astronaut", "function"),
        (GOOD_ROW.replace("sofie@example.org", "sofie@"), "E-mail", "sofie@", None),
        (GOOD_ROW.replace(";GGZ;", ";;"), "Sector", None, None),
    ],
    ids=["unknown-sector", "bad-function", "bad-email", "no-sector"],
)
def test_a_bad_row_is_named_by_file_row_and_column_and_nothing_is_written(
    meeting, roster_file, row, column, value, field
):
    path = roster_file("professionals.csv", HEADER, GOOD_ROW.replace("P01", "P09"), row)
    before = counts()
    report = _import(path, meeting)
    assert not report.ok
    assert [(e.file, e.row, e.column, e.value, e.field) for e in report.errors] == [
        ("professionals.csv", 3, column, value, field)
    ]
    assert report.changes == []
    assert counts() == before


def test_every_bad_row_is_reported_at_once(meeting, roster_file):
    path = roster_file(
        "professionals.csv",
        HEADER,
        GOOD_ROW.replace(";GGZ;", ";tandzorg;"),
        GOOD_ROW.replace("P01", "P02").replace("hulpverlener", "astronaut"),
        GOOD_ROW.replace("P01", "P03").replace("sofie@example.org", "sofie@"),
    )
    before = counts()
    report = _import(path, meeting)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Sector"),
        (3, "Functie"),
        (4, "E-mail"),
    ]
    assert counts() == before


def test_unknown_sector_suggests_the_nearest(meeting, roster_file):
    report = _import(roster_file("p.csv", HEADER, GOOD_ROW.replace(";GGZ;", ";jeugdhlp;")), meeting)
    assert [(e.unknown, e.suggestion) for e in report.errors] == [("jeugdhlp", "jeugdhulp")]


def test_professionals_are_refused_outside_a_co_creation_meeting(roster_file):
    day = EditionFactory(year=2026, format=Format.ENCOUNTER_DAY)
    before = counts()
    report = _import(roster_file("p.csv", HEADER, GOOD_ROW), day)
    assert [(e.row, e.column) for e in report.errors] == [(None, None)]
    assert report.changes == []
    assert counts() == before


def test_a_students_roster_is_refused_in_a_co_creation_meeting(meeting, roster_file):
    path = roster_file(
        "s.csv",
        "ref,first_name,last_name,class_group,interests",
        "S001,Anna,Smet,1BA-A,addiction",
    )
    before = counts()
    report = _import(path, meeting, kind=None)
    assert [(e.row, e.column) for e in report.errors] == [(None, None)]
    assert counts() == before


def test_the_departments_own_word_for_a_sector_is_read(meeting, roster_file):
    ValueSynonym.objects.create(
        field="sector", word="preventiewerk", folded="preventiewerk", code="verslavingszorg"
    )
    report = _import(
        roster_file("p.csv", HEADER, GOOD_ROW.replace(";GGZ;", ";Preventiewerk;")), meeting
    )
    assert report.ok, report.errors
    assert ProfessionalProfile.objects.get().sector.code == "verslavingszorg"


def test_a_sector_the_coordinator_added_is_accepted(meeting, roster_file):
    sector = add_sector(name_nl="Maatschappelijk werk", name_en="Social work", actor="test")
    assert sector.code == "maatschappelijk-werk"
    assert add_sector(name_nl="maatschappelijk werk", actor="test") == sector  # idempotent
    assert AuditEntry.objects.filter(action="people.sector.add").count() == 1
    report = _import(
        roster_file("p.csv", HEADER, GOOD_ROW.replace(";GGZ;", ";Maatschappelijk werk;")), meeting
    )
    assert report.ok, report.errors
    assert ProfessionalProfile.objects.get().sector == sector


def test_template_names_the_columns_and_lists_the_sectors(tmp_path):
    header = next(
        csv.reader(
            io.StringIO(write_template(tmp_path / "p.csv", "professionals").read_text("utf-8-sig")),
            delimiter=";",
        )
    )
    assert header[:8] == [
        "ref",
        "first_name",
        "last_name",
        "email",
        "phone",
        "sector",
        "organisation",
        "function",
    ]
    book = load_workbook(write_template(tmp_path / "p.xlsx", "professionals"))
    explained = {row[0] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert set(Sector.objects.values_list("code", flat=True)) <= explained
    assert {"practitioner", "coordinator", "policy_officer", "manager"} <= explained
