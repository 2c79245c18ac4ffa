"""Importing rosters: formats, re-imports, returning people, knows links, dry runs, size."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from openpyxl import Workbook

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import KnowsLink, Participant
from ontmoeting.editions.roster import RowChange, RowIssue, import_roster
from ontmoeting.people.models import ExpertProfile, Membership, Person, SelfHelpGroup
from ontmoeting.privacy.models import AuditEntry
from tests.editions.roster.roster_helpers import (
    EXPERT_HEADER,
    STUDENT_HEADER,
    expert,
    student,
    table_counts,
)
from tests.factories import (
    EditionFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    SelfHelpGroupFactory,
)

pytestmark = pytest.mark.django_db


def _import(source, edition, kind, *, dry_run=False, filename=None):
    return import_roster(
        source, kind=kind, edition=edition, dry_run=dry_run, actor="test", filename=filename
    )


def test_students_are_created_with_their_details(edition, roster_file):
    path = roster_file(
        "students.csv",
        STUDENT_HEADER,
        student(language="Nederlands|fr", interests="Armoede;addiction"),
        student(
            ref="S002",
            first_name="Bart",
            last_name="Claes",
            email="",
            gender="man",
            language="",
            interests="",
            knows="S001",
        ),
    )
    report = _import(path, edition, "students")
    assert report.ok
    assert report.changes == [RowChange(2, "S001", "created"), RowChange(3, "S002", "created")]
    anna = Participant.objects.get(edition=edition, ref="S001")
    assert (anna.role, anna.status, anna.class_group) == (
        ParticipantRole.STUDENT,
        ParticipantStatus.INVITED,
        "1BA-A",
    )
    assert (anna.language, anna.languages, anna.interests) == (
        "nl",
        ["nl", "fr"],
        ["poverty", "addiction"],
    )
    assert (anna.person.first_name, anna.person.email, anna.person.gender) == (
        "Anna",
        "anna@example.org",
        "f",
    )
    bart = Participant.objects.get(edition=edition, ref="S002")
    assert (bart.language, bart.languages, bart.person.gender) == ("nl", [], "m")
    link = KnowsLink.objects.get()
    assert {link.a, link.b} == {anna, bart}


def test_experts_are_created_with_profile_membership_and_needs(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(
            domains="Verslaving|mental health",
            languages="it;nl",
            accessibility="Rolstoel",
            diet="halal",
            status="vrijwilliger;betaalde werknemer",
            training="opleiding ervaringswerk",
            roles="kritische stem;Bridge figure",
        ),
    )
    report = _import(path, edition, "experts")
    assert report.ok, report.as_text()
    participant = Participant.objects.get(edition=edition, ref="E001")
    assert (participant.role, participant.status) == (
        ParticipantRole.EXPERT,
        ParticipantStatus.REGISTERED,
    )
    assert (participant.language, participant.languages) == ("it", ["it", "nl"])
    assert (participant.accessibility, participant.needs_step_free, participant.diet) == (
        "Rolstoel",
        True,
        "halal",
    )
    profile = participant.person.expert_profile
    # Without the special-category consent the domains are held, not used.
    assert list(profile.domains.all()) == []
    assert sorted(profile.pending_domains.values_list("code", flat=True)) == [
        "addiction",
        "mental_health",
    ]
    assert profile.languages == ["it", "nl"]
    assert profile.can_chair is True
    assert profile.statuses == ["volunteer", "paid_employee"]
    assert profile.training == "experience_work"
    assert profile.roles == ["critical_voice", "bridge_figure"]
    assert (profile.accessibility, profile.diet) == ("Rolstoel", "halal")
    membership = Membership.objects.get()
    assert (membership.group.name, membership.since) == ("AA Gent", dt.date(2019, 3, 1))
    assert participant.person.phone == "0470 12 34 56"
    assert report.warnings == [
        RowIssue(
            "experts.csv",
            2,
            "self_help_group",
            "AA Gent",
            "nieuwe zelfhulpgroep; ze wordt aangemaakt",
        )
    ]
    assert report.changes == [RowChange(2, "E001", "created", (), "nieuwkomer")]


def test_existing_self_help_group_is_matched_ignoring_case(edition, roster_file):
    group = SelfHelpGroupFactory(name="AA Gent")
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(self_help_group="  aa GENT "),
        expert(ref="E002", email="lies@example.org", self_help_group="Nieuw"),
        expert(ref="E003", email="tom@example.org", self_help_group="NIEUW"),
    )
    report = _import(path, edition, "experts")
    assert report.ok
    assert SelfHelpGroup.objects.count() == 2
    assert Membership.objects.filter(group=group).count() == 1
    assert report.warnings == [
        RowIssue(
            "experts.csv",
            3,
            "self_help_group",
            "Nieuw",
            "nieuwe zelfhulpgroep; ze wordt aangemaakt",
        )
    ]


@pytest.mark.parametrize(
    ("cell", "since"),
    [
        ("2019-03-01", dt.date(2019, 3, 1)),
        ("01/03/2019", dt.date(2019, 3, 1)),
        ("1-3-2019", dt.date(2019, 3, 1)),
        ("2019", dt.date(2019, 1, 1)),
    ],
)
def test_member_since_formats(edition, roster_file, cell, since):
    report = _import(
        roster_file("experts.csv", EXPERT_HEADER, expert(member_since=cell)), edition, "experts"
    )
    assert report.ok
    assert Membership.objects.get().since == since


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("yes", True),
        ("Ja", True),
        ("sì", True),
        ("si", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("no", False),
        ("nee", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_can_chair_values(edition, roster_file, cell, expected):
    report = _import(
        roster_file("experts.csv", EXPERT_HEADER, expert(can_chair=cell)), edition, "experts"
    )
    assert report.ok
    assert ExpertProfile.objects.get().can_chair is expected


def test_reimport_of_the_same_file_changes_nothing(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(),
        expert(ref="E002", email="lies@example.org", domains="poverty|divorce"),
    )
    assert _import(path, edition, "experts").ok
    before = table_counts()
    report = _import(path, edition, "experts")
    assert report.ok
    assert [(c.ref, c.action, c.fields) for c in report.changes] == [
        ("E001", "unchanged", ()),
        ("E002", "unchanged", ()),
    ]
    assert table_counts() == {**before, "audit": before["audit"] + 1}


def test_changed_cells_are_reported_as_updated_fields(edition, roster_file):
    _import(
        roster_file(
            "experts.csv", EXPERT_HEADER, expert(), expert(ref="E002", email="lies@example.org")
        ),
        edition,
        "experts",
    )
    changed = roster_file(
        "experts2.csv",
        EXPERT_HEADER,
        expert(email="marc.janssens@example.org", domains="addiction;poverty", member_since="2018"),
        expert(ref="E002", email="lies@example.org"),
    )
    report = _import(changed, edition, "experts")
    assert report.ok
    assert [(c.ref, c.action, c.fields) for c in report.changes] == [
        ("E001", "updated", ("email", "domains", "member_since")),
        ("E002", "unchanged", ()),
    ]
    assert Person.objects.count() == 2
    marc = Participant.objects.get(ref="E001").person
    assert marc.email == "marc.janssens@example.org"
    assert Membership.objects.get(expert__person=marc).since == dt.date(2018, 1, 1)
    assert "rij 2, E001: bijgewerkt (email, domains, member_since) — nieuwkomer" in report.as_text(
        verbose=True
    )


def test_empty_email_keeps_the_known_address(edition, roster_file):
    _import(roster_file("students.csv", STUDENT_HEADER, student()), edition, "students")
    report = _import(
        roster_file("students.csv", STUDENT_HEADER, student(email="")), edition, "students"
    )
    assert [c.action for c in report.changes] == ["unchanged"]
    assert Person.objects.get().email == "anna@example.org"


def test_existing_status_is_kept_on_reimport(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    _import(path, edition, "students")
    Participant.objects.update(status=ParticipantStatus.CONFIRMED)
    _import(path, edition, "students")
    assert Participant.objects.get().status == ParticipantStatus.CONFIRMED


def test_returning_expert_is_matched_by_email_and_keeps_history(roster_file):
    last_year = EditionFactory(year=2025, status="held")
    edition = EditionFactory(year=2026)
    membership = MembershipFactory(
        expert__person__email="Marc@Example.org", since=dt.date(2016, 5, 1), group__name="AA Gent"
    )
    person = membership.expert.person
    ParticipantFactory(
        edition=last_year,
        person=person,
        role=ParticipantRole.EXPERT,
        ref="X17",
        status=ParticipantStatus.PRESENT,
    )
    path = roster_file(
        "experts.csv", EXPERT_HEADER, expert(email="marc@example.org", member_since="2016-05-01")
    )
    report = _import(path, edition, "experts")
    assert report.ok
    assert Person.objects.count() == 1
    assert ExpertProfile.objects.count() == 1
    assert Membership.objects.count() == 1
    assert list(person.participations.order_by("edition__year").values_list("ref", flat=True)) == [
        "X17",
        "E001",
    ]
    assert report.changes == [
        RowChange(
            2,
            "E001",
            "created",
            (),
            "gekende persoon, herkend aan het e-mailadres; veteraan",
            known=True,
        )
    ]


def test_ineligible_expert_is_a_warning_not_an_error(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(member_since="2026-01-15", self_help_group="NA Antwerpen"),
    )
    report = _import(path, edition, "experts")
    assert report.ok
    assert report.warnings[-1] == RowIssue(
        "experts.csv",
        2,
        None,
        None,
        "E001 komt niet in aanmerking: lid van NA Antwerpen pas sinds 2026-01-15; op 2026-12-10 "
        "is minstens één jaar nodig",
    )
    assert Participant.objects.count() == 1


def test_semicolon_csv_with_bom_and_pipe_lists(edition, tmp_path):
    path = tmp_path / "experten.csv"
    path.write_bytes(
        (
            "\ufeffRef;Voornaam;Achternaam;E-mail;Zelfhulpgroep;Lid sinds;Domeinen;Talen;"
            "Kan voorzitten\n"
            "E001;Marc;Janssens;marc@example.org;AA Gent;01/03/2019;verslaving|armoede;nl|fr;ja\n"
        ).encode()
    )
    report = _import(path, edition, "experts")
    assert report.ok, report.as_text()
    profile = ExpertProfile.objects.get()
    assert sorted(profile.pending_domains.values_list("code", flat=True)) == [
        "addiction",
        "poverty",
    ]
    assert (profile.languages, profile.can_chair) == (["nl", "fr"], True)
    assert Membership.objects.get().since == dt.date(2019, 3, 1)


def test_comma_csv_with_semicolon_lists(edition, roster_file):
    path = roster_file(
        "students.csv",
        STUDENT_HEADER,
        student(interests="addiction;mental_health", language="nl;en"),
    )
    report = _import(path, edition, "students")
    assert report.ok
    participant = Participant.objects.get()
    assert participant.interests == ["addiction", "mental_health"]
    assert participant.languages == ["nl", "en"]


def test_windows_1252_csv_is_read_with_a_warning(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(first_name="Zoë"), encoding="cp1252")
    report = _import(path, edition, "students")
    assert report.ok
    assert Person.objects.get().first_name == "Zoë"
    assert report.warnings == [
        RowIssue(
            "students.csv",
            None,
            None,
            None,
            "het bestand is geen UTF-8; het werd gelezen als Windows-1252 "
            "(bewaar als 'CSV UTF-8' om zeker te zijn)",
        )
    ]


def test_dutch_headers_are_accepted(edition, roster_file):
    path = roster_file(
        "studenten.csv",
        " Ref ; VOORNAAM ; achternaam ; email ; geslacht ; klasgroep ; taal ; interesses ; kent ",
        "S001;Anna;Smet;anna@example.org;vrouw;1BA-A;nl;armoede;",
    )
    report = _import(path, edition, "students")
    assert report.ok, report.as_text()
    assert report.warnings == []
    participant = Participant.objects.get()
    assert (participant.class_group, participant.interests, participant.person.gender) == (
        "1BA-A",
        ["poverty"],
        "f",
    )


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_with_a_real_date_cell(edition, tmp_path):
    path = tmp_path / "experts.xlsx"
    path.write_bytes(
        _xlsx(
            [
                [
                    "ref",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "self_help_group",
                    "member_since",
                    "can_chair",
                ],
                [
                    "E001",
                    "Marc",
                    "Janssens",
                    "marc@example.org",
                    470123456,
                    "AA Gent",
                    dt.datetime(2019, 3, 1),
                    True,
                ],
                [None, None, None, None, None, None, None, None],
                [17, "Lies", "Peeters", None, None, "AA Gent", 2020, "nee"],
            ]
        )
    )
    report = _import(path, edition, "experts")
    assert report.ok, report.as_text()
    assert [c.row for c in report.changes] == [2, 4]
    assert dict(Membership.objects.values_list("expert__person__first_name", "since")) == {
        "Marc": dt.date(2019, 3, 1),
        "Lies": dt.date(2020, 1, 1),
    }
    assert Participant.objects.get(ref="17").person.last_name == "Peeters"
    assert Person.objects.get(first_name="Marc").phone == "470123456"


def test_xlsx_upload_as_a_stream(edition):
    data = _xlsx([["ref", "voornaam", "achternaam"], ["S001", "Anna", "Smet"]])
    report = _import(io.BytesIO(data), edition, "students", filename="upload.xlsx")
    assert report.ok
    assert report.file == "upload.xlsx"
    assert Participant.objects.get().person.full_name == "Anna Smet"


def test_dry_run_reports_and_writes_nothing(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(),
        expert(ref="E002", email="lies@example.org", self_help_group="Nieuw"),
    )
    before = table_counts()
    report = _import(path, edition, "experts", dry_run=True)
    assert report.ok
    assert report.dry_run
    assert [(c.ref, c.action) for c in report.changes] == [("E001", "created"), ("E002", "created")]
    assert table_counts() == before
    assert report.summary() == (
        "experts.csv: proefdraaien, er is niets geschreven. "
        "Zou 2 aanmaken, 0 bijwerken en 0 ongewijzigd laten."
    )


def test_knows_links_between_students_and_experts(edition, roster_file):
    _import(
        roster_file(
            "experts.csv", EXPERT_HEADER, expert(), expert(ref="E002", email="lies@example.org")
        ),
        edition,
        "experts",
    )
    path = roster_file("students.csv", STUDENT_HEADER, student(knows="E001|E002"))
    assert _import(path, edition, "students").ok
    assert KnowsLink.objects.count() == 2
    # Re-importing does not duplicate links; a new ref adds one and reports the field.
    assert [c.action for c in _import(path, edition, "students").changes] == ["unchanged"]
    report = _import(
        roster_file(
            "students.csv",
            STUDENT_HEADER,
            student(knows="E001|E002"),
            student(ref="S002", email="", knows="S001"),
        ),
        edition,
        "students",
    )
    assert [(c.ref, c.action) for c in report.changes] == [
        ("S001", "unchanged"),
        ("S002", "created"),
    ]
    assert KnowsLink.objects.count() == 3


def test_import_writes_one_audit_entry(edition, roster_file):
    _import(roster_file("students.csv", STUDENT_HEADER, student()), edition, "students")
    entry = AuditEntry.objects.get(action="roster.import")
    assert (entry.actor_label, entry.object_id) == ("test", str(edition.pk))
    assert entry.data == {
        "kind": "students",
        "file": "students.csv",
        "created": 1,
        "updated": 0,
        "unchanged": 0,
    }


def test_a_thousand_rows_import(edition, tmp_path):
    ExpertProfileFactory()  # something already in the database
    lines = [EXPERT_HEADER] + [
        expert(
            ref=f"E{i:04d}",
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam{i}",
            email=f"expert{i}@example.org",
            self_help_group=f"Groep {i % 40}",
            member_since=f"{2010 + i % 10}-0{1 + i % 9}-15",
            domains="addiction|poverty",
            roles="support;critical_voice",
        )
        for i in range(1000)
    ]
    path = tmp_path / "experts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    report = _import(path, edition, "experts")
    first = time.perf_counter() - started
    assert report.ok, report.as_text()[:2000]
    assert report.count("created") == 1000
    assert Participant.objects.filter(edition=edition).count() == 1000
    assert Membership.objects.count() == 1000
    started = time.perf_counter()
    again = _import(path, edition, "experts")
    second = time.perf_counter() - started
    assert again.count("unchanged") == 1000
    print(f"1,000 experts: first import {first:.2f}s, re-import {second:.2f}s")


def _queries_for(edition, tmp_path, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines = [EXPERT_HEADER] + [
        expert(
            ref=f"E{n}-{i}",
            email=f"e{n}-{i}@example.org",
            first_name=f"Marc{n}x{i}",
            phone=f"0470 {n:02d} {i:04d}",
            self_help_group=f"G{n}-{i}",
            domains="addiction|poverty",
        )
        for i in range(n)
    ]
    path = tmp_path / f"experts{n}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with CaptureQueriesContext(connection) as first:
        assert _import(path, edition, "experts").ok
    with CaptureQueriesContext(connection) as again:
        assert _import(path, edition, "experts").ok
    return len(first), len(again)


def test_query_count_does_not_grow_with_the_rows(tmp_path):
    small = _queries_for(EditionFactory(year=2026), tmp_path, 3)
    large = _queries_for(EditionFactory(year=2027), tmp_path, 60)
    assert small == large
