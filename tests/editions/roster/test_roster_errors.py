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

DOMAINS = "Verslaving, Geestelijke gezondheid, Handicap, Werkloosheid, Vechtscheiding, Jeugdbescherming, Armoede"


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
        report, before, RowIssue("students.csv", 3, "first_name", None, "een waarde is verplicht")
    )
    assert (
        str(report.errors[0]) == 'students.csv, rij 3, kolom "first_name": een waarde is verplicht'
    )


def test_bad_email_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(email="anna@"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "email", "anna@", "geen geldig e-mailadres"),
    )
    assert str(report.errors[0]) == (
        'students.csv, rij 2, kolom "email", waarde "anna@": geen geldig e-mailadres'
    )


def test_unknown_domain_is_an_error(edition, roster_file):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(domains="verslaving|astrologie"))
    before = table_counts()
    report = _import(path, edition, "experts")
    _assert_rejected(
        report,
        before,
        RowIssue(
            "experts.csv",
            2,
            "domains",
            "verslaving|astrologie",
            f"onbekende waarde voor ervaringsdomein: “astrologie” (gekend: {DOMAINS})",
            key="domains",
            unknown="astrologie",
            field="domains",
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
            f"onbekende waarde voor ervaringsdomein: “astrology” (gekend: {DOMAINS})",
            key="interests",
            unknown="astrology",
            field="domains",
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
            "onbekende waarde voor taal: “klingon” (gekend: Nederlands, Engels, Italiaans, Frans, "
            "Duits, Arabisch, Turks, gebarentaal)",
            key="languages",
            unknown="klingon",
            field="languages",
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
            "onbekende waarde voor status: “boss” (gekend: vrijwilliger, betaalde werknemer, "
            "zelfstandige, geen statuut)",
            key="status",
            unknown="boss",
            field="status",
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
            "onbekende waarde voor opleiding: “phd” (gekend: geen opleiding, opleiding "
            "ervaringswerk, professionele opleiding, beide)",
            key="training",
            unknown="phd",
            field="training",
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
            "onbekende waarde voor rol: “mascot” (gekend: kritische stem, brugfiguur, "
            "signaalfunctie, ondersteuning, leefwereld, toegankelijkheid, beleidsbeïnvloeding, "
            "beeldvorming, geen specifieke rol)",
            key="roles",
            unknown="mascot",
            field="roles",
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
            "'geen specifieke rol' sluit de andere rollen uit",
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
            "'geen statuut' kan niet gecombineerd worden met betaald werk",
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
        RowIssue(
            "experts.csv", 2, "member_since", tomorrow.isoformat(), "de datum ligt in de toekomst"
        ),
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("sinds kort", "geen datum (gebruik 2019-03-01, 01/03/2019, maart 2019, 03/2019 of 2019)"),
        ("31/02/2019", "geen bestaande datum"),
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
            "onbekende waarde voor wil voorzitten: “misschien” (gekend: ja, nee)",
            key="can_chair",
            unknown="misschien",
            field="can_chair",
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
            "onbekende waarde voor gender: “q” (gekend: vrouw, man, non-binair / ander, "
            "niet opgegeven)",
            key="gender",
            unknown="q",
            field="gender",
        ),
    )


def test_too_long_value_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(class_group="x" * 51))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "class_group", "x" * 51, "te lang (hoogstens 50 tekens)"),
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
        RowIssue("students.csv", 3, "ref", "S001", "dubbele ref: ook in rij 2"),
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
            "hetzelfde e-mailadres staat in rij 2; één adres is één persoon",
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
            "onbekende ref: niemand in deze editie of in dit bestand heeft ze (importeer eerst "
            "de ervaringsdeskundigen, dan de studenten)",
        ),
    )


def test_knowing_oneself_is_an_error(edition, roster_file):
    path = roster_file("students.csv", STUDENT_HEADER, student(knows="S001"))
    before = table_counts()
    report = _import(path, edition, "students")
    _assert_rejected(
        report,
        before,
        RowIssue("students.csv", 2, "knows", "S001", "een persoon kan zichzelf niet kennen"),
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
            "deze ref hoort in deze editie al bij Marc Janssens (ervaringsdeskundige)",
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
            "dit is Anna Smet (herkend aan het e-mailadres), die al deelneemt aan deze editie als S009",
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
        RowIssue("experts.csv", None, "member_since", None, "verplichte kolom ontbreekt"),
    )
    assert str(report.errors[0]) == 'experts.csv, kolom "member_since": verplichte kolom ontbreekt'


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
            "students.csv", None, "e-mail", None, 'de kolom komt twee keer voor (ook als "email")'
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
    assert report.errors[0].reason.startswith("geen leesbaar .xlsx-bestand")
    assert table_counts() == before


def test_empty_file_is_an_error(edition, tmp_path):
    path = tmp_path / "students.csv"
    path.write_bytes(b"")
    report = _import(path, edition, "students")
    assert report.errors == [RowIssue("students.csv", None, None, None, "het bestand is leeg")]


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
        RowIssue("experts.csv", 2, "email", "marc@", "geen geldig e-mailadres"),
        RowIssue("experts.csv", 3, "last_name", None, "een waarde is verplicht"),
        RowIssue(
            "experts.csv",
            3,
            "training",
            "phd",
            "onbekende waarde voor opleiding: “phd” (gekend: geen opleiding, opleiding "
            "ervaringswerk, professionele opleiding, beide)",
            key="training",
            unknown="phd",
            field="training",
        ),
        RowIssue(
            "experts.csv",
            4,
            "member_since",
            "gisteren",
            "geen datum (gebruik 2019-03-01, 01/03/2019, maart 2019, 03/2019 of 2019)",
        ),
    )
    # The new group is announced even though nothing is written.
    assert (
        RowIssue(
            "experts.csv",
            4,
            "self_help_group",
            "Nieuwe groep",
            "nieuwe zelfhulpgroep; ze wordt aangemaakt",
        )
        in report.warnings
    )


def test_unknown_column_is_only_a_warning(edition, roster_file):
    path = roster_file("students.csv", "ref,first_name,last_name,shoe size", "S001,Anna,Smet,38")
    report = _import(path, edition, "students")
    assert report.ok
    assert report.warnings == [
        RowIssue("students.csv", None, "shoe size", None, "onbekende kolom; ze wordt genegeerd")
    ]
    assert [c.action for c in report.changes] == ["created"]


def test_email_matching_a_person_is_not_confused_by_case(edition, roster_file):
    person = PersonFactory(email="Anna@Example.org")
    path = roster_file("students.csv", STUDENT_HEADER, student(email="anna@example.ORG"))
    report = _import(path, edition, "students")
    assert report.ok
    assert edition.participants.get().person == person
