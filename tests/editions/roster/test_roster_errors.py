"""Bad roster input: each is reported with file, row, column, value and reason; nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.roster import RowIssue, import_roster
from tests.editions.roster.roster_helpers import (
    EXPERT_HEADER,
    STUDENT_HEADER,
    expert,
    student,
    table_counts,
)
from tests.factories import ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db

DOMAINS = "addiction, disability, divorce, mental_health, poverty, unemployment, youth_protection"


def _import(path, edition, kind):
    return import_roster(path, kind=kind, edition=edition, dry_run=False, actor="test")


def _assert_rejected(report, before, *issues):
    assert not report.ok
    assert report.errors == list(issues)
    assert report.changes == []
    assert table_counts() == before


def test_required_value_missing_is_an_error(edition, roster_file):
    path = roster_file(
        "students.csv",
        STUDENT_HEADER,
        student(),
        student(ref="S002", first_name="", email="b@example.org"),
    )
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report, before, RowIssue("students.csv", 3, "first_name", None, "a value is required")
    )
    assert str(report.errors[0]) == 'students.csv, row 3, column "first_name": a value is required'


def test_bad_email_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(email="anna@"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "email", "anna@", "not a valid e-mail address"),
    )
    assert str(report.errors[0]) == (
        'students.csv, row 2, column "email", value "anna@": not a valid e-mail address'
    )


def test_unknown_domain_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(domains="verslaving|gokken"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "domains",
            "verslaving|gokken",
            f"unknown domain gokken (known: {DOMAINS})",
        ),
    )


def test_unknown_interest_of_a_student_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(interests="astrology"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            2,
            "interests",
            "astrology",
            f"unknown domain astrology (known: {DOMAINS})",
        ),
    )


def test_unknown_language_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(languages="nl;klingon"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "languages",
            "nl;klingon",
            "unknown language klingon (use nl, en, it, fr, de, ar, tr or sgn)",
        ),
    )


def test_unknown_status_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(status="boss"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "status",
            "boss",
            "unknown status boss (use volunteer, paid_employee, self_employed, none)",
        ),
    )


def test_unknown_training_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(training="phd"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "training",
            "phd",
            "unknown training (use none, experience_work, professional or both)",
        ),
    )


def test_unknown_role_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(roles="support|mascot"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "roles",
            "support|mascot",
            "unknown role mascot (use critical_voice, bridge_figure, signal_function, support, "
            "lifeworld, accessibility, policy_influence, public_image, no_specific_role)",
        ),
    )


def test_no_specific_role_with_another_role_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(roles="geen specifieke rol|brugfiguur"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "roles",
            "no_specific_role;bridge_figure",
            "'no specific role' excludes the other roles",
        ),
    )


def test_no_status_with_paid_work_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(status="none|zelfstandige"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "status",
            "none;self_employed",
            "'no status' cannot be combined with paid work",
        ),
    )


def test_member_since_in_the_future_is_an_error(edition, roster_file):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    path = roster_file("experts.csv", EXPERT_HEADER, expert(member_since=tomorrow.isoformat()))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue("experts.csv", 2, "member_since", tomorrow.isoformat(), "date lies in the future"),
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("sinds kort", "not a date (use 2019-03-01, 01/03/2019 or 2019)"),
        ("31/02/2019", "not an existing date"),
    ],
)
def test_member_since_unparseable_is_an_error(edition, roster_file, value, reason):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(member_since=value))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(report, before, RowIssue("experts.csv", 2, "member_since", value, reason))


def test_bad_boolean_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(can_chair="misschien"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "can_chair",
            "misschien",
            "not a yes/no value (use yes/no, ja/nee, sì/no, true/false, 1/0, x or empty)",
        ),
    )


def test_bad_gender_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(gender="q"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            2,
            "gender",
            "q",
            "unknown gender (use f, m, x, v, vrouw, man or leave empty)",
        ),
    )


def test_too_long_value_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(class_group="x" * 51))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "class_group", "x" * 51, "too long (at most 50 characters)"),
    )


def test_duplicate_ref_in_the_file_is_an_error(edition, roster_file):
    path = roster_file(
        "students.csv",
        STUDENT_HEADER,
        student(),
        student(first_name="Bart", email="bart@example.org"),
    )
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 3, "ref", "S001", "duplicate ref: also in row 2"),
    )


def test_duplicate_email_in_the_file_is_an_error(edition, roster_file):
    path = roster_file(
        "students.csv", STUDENT_HEADER, student(), student(ref="S002", email="ANNA@example.org")
    )
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            3,
            "email",
            "ANNA@example.org",
            "the same e-mail address is in row 2; one address is one person",
        ),
    )


def test_unknown_knows_ref_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(knows="E404"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            2,
            "knows",
            "E404",
            "unknown ref: nobody in this edition or in this file has it (import the "
            "experts first, then the students)",
        ),
    )


def test_knowing_oneself_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(knows="S001"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "knows", "S001", "a person cannot know themselves"),
    )


def test_ref_of_the_other_side_is_an_error(edition, roster_file):
    ParticipantFactory(
        edition=edition,
        ref="E001",
        role=ParticipantRole.EXPERT,
        person__first_name="Marc",
        person__last_name="Janssens",
    )
    path = roster_file("students.csv", STUDENT_HEADER, student(ref="E001"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            2,
            "ref",
            "E001",
            "this ref already belongs to Marc Janssens (expert by experience) in this edition",
        ),
    )


def test_email_of_someone_already_taking_part_is_an_error(edition, roster_file):
    ParticipantFactory(
        edition=edition,
        ref="S009",
        person__first_name="Anna",
        person__last_name="Smet",
        person__email="anna@example.org",
    )
    path = roster_file("students.csv", STUDENT_HEADER, student(ref="S001"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv",
            2,
            "email",
            "anna@example.org",
            "this e-mail address belongs to Anna Smet, who already takes part in this "
            "edition as S009",
        ),
    )


def test_missing_required_column_is_an_error(edition, roster_file):
    path = roster_file(
        "experts.csv", "ref,first_name,last_name,self_help_group", "E001,Marc,Janssens,AA Gent"
    )
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue("experts.csv", None, "member_since", None, "required column is missing"),
    )
    assert str(report.errors[0]) == 'experts.csv, column "member_since": required column is missing'


def test_column_given_twice_is_an_error(edition, roster_file):
    path = roster_file(
        "students.csv",
        "ref,first_name,last_name,email,e-mail",
        "S001,Anna,Smet,anna@example.org,anna@example.org",
    )
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "students.csv", None, "e-mail", None, 'the column appears twice (also as "email")'
        ),
    )


def test_unreadable_xlsx_is_an_error(edition, tmp_path):
    path = tmp_path / "students.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    before = table_counts()
    report = _import(path, edition, "students")
    assert [(e.file, e.row, e.column, e.value) for e in report.errors] == [
        ("students.xlsx", None, None, None)
    ]
    assert report.errors[0].reason.startswith("not a readable .xlsx file")
    assert table_counts() == before


def test_empty_file_is_an_error(edition, tmp_path):
    path = tmp_path / "students.csv"
    path.write_bytes(b"")
    report = _import(path, edition, "students")
    assert report.errors == [RowIssue("students.csv", None, None, None, "the file is empty")]


def test_every_error_is_reported_at_once(edition, roster_file):
    path = roster_file(
        "experts.csv",
        EXPERT_HEADER,
        expert(email="marc@"),
        expert(ref="E002", email="lies@example.org", last_name="", training="phd"),
        expert(ref="E003", email="", member_since="gisteren", self_help_group="Nieuwe groep"),
    )
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue("experts.csv", 2, "email", "marc@", "not a valid e-mail address"),
        RowIssue("experts.csv", 3, "last_name", None, "a value is required"),
        RowIssue(
            "experts.csv",
            3,
            "training",
            "phd",
            "unknown training (use none, experience_work, professional or both)",
        ),
        RowIssue(
            "experts.csv",
            4,
            "member_since",
            "gisteren",
            "not a date (use 2019-03-01, 01/03/2019 or 2019)",
        ),
    )
    # The new group is announced even though nothing is written.
    assert (
        RowIssue(
            "experts.csv",
            4,
            "self_help_group",
            "Nieuwe groep",
            "new self-help group; it will be created",
        )
        in report.warnings
    )


def test_unknown_column_is_only_a_warning(edition, roster_file):
    path = roster_file("students.csv", "ref,first_name,last_name,shoe size", "S001,Anna,Smet,38")
    report = _import(path, edition, "students")
    assert report.ok
    assert report.warnings == [
        RowIssue("students.csv", None, "shoe size", None, "unknown column; it is ignored")
    ]
    assert [c.action for c in report.changes] == ["created"]


def test_email_matching_a_person_is_not_confused_by_case(edition, roster_file):
    person = PersonFactory(email="Anna@Example.org")
    path = roster_file("students.csv", STUDENT_HEADER, student(email="anna@example.ORG"))
    report = _import(path, edition, "students")
    assert report.ok
    assert edition.participants.get().person == person
