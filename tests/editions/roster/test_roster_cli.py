"""``ontmoeting import`` and ``ontmoeting template`` through the real command line entry point."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ontmoeting.cli import main
from ontmoeting.editions.models import Participant
from tests.editions.roster.roster_helpers import (
    EXPERT_COLUMNS,
    EXPERT_HEADER,
    STUDENT_COLUMNS,
    STUDENT_HEADER,
    expert,
    student,
    table_counts,
)


@pytest.fixture(autouse=True)
def _restore_language():
    """The CLI activates its language for the thread; give the next test the default back."""
    yield
    translation.deactivate()


@pytest.mark.django_db
def test_import_prints_the_report_and_exits_0(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    assert main(["import", "students", str(path), "--edition", "2026"]) == 0
    out = capsys.readouterr().out
    assert out == "students.csv: 1 aangemaakt, 0 bijgewerkt, 0 ongewijzigd.\n"
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_import_verbose_lists_every_row(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    assert main(["import", "students", str(path), "--edition", "2026", "--verbose"]) == 0
    assert capsys.readouterr().out == (
        "Rijen:\n"
        "  rij 2, S001: aangemaakt\n"
        "students.csv: 1 aangemaakt, 0 bijgewerkt, 0 ongewijzigd.\n"
    )


@pytest.mark.django_db
def test_import_with_errors_exits_2_and_writes_nothing(edition, roster_file, capsys):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(email="marc@", member_since="2099"))
    before = table_counts()
    assert main(["import", "experts", str(path), "--edition", "2026"]) == 2
    assert capsys.readouterr().out == (
        "Fouten:\n"
        "  “marc@” in kolom email (1 rij: 2): geen geldig e-mailadres\n"
        "  “2099” in kolom member_since (1 rij: 2): de datum ligt in de toekomst\n"
        "Waarschuwingen:\n"
        "  “AA Gent” in kolom self_help_group (1 rij: 2): nieuwe zelfhulpgroep; "
        "ze wordt aangemaakt\n"
        "experts.csv: 2 fouten; er is niets geschreven.\n"
    )
    assert table_counts() == before


@pytest.mark.django_db
def test_dry_run_exits_0_and_writes_nothing(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    before = table_counts()
    args = ["import", "students", str(path), "--edition", "2026", "--dry-run"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "students.csv: proefdraaien, er is niets geschreven. "
        "Zou 1 aanmaken, 0 bijwerken en 0 ongewijzigd laten."
    )
    assert table_counts() == before


@pytest.mark.django_db
def test_unknown_edition_year_exits_2(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    assert main(["import", "students", str(path), "--edition", "1999"]) == 2
    assert capsys.readouterr().out == (
        "Er is geen editie van de ontmoetingsdag in 1999 (edities: 2026).\n"
    )


@pytest.mark.django_db
def test_missing_file_exits_2(edition, tmp_path, capsys):
    path = tmp_path / "nope.csv"
    assert main(["import", "students", str(path), "--edition", "2026"]) == 2
    assert capsys.readouterr().out == f"Bestand niet gevonden: {path}\n"


@pytest.mark.django_db
def test_report_is_in_dutch_by_default_and_english_with_lang_en(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student(email="anna@"))
    assert main(["import", "students", str(path), "--edition", "2026"]) == 2
    dutch = capsys.readouterr().out
    with translation.override("nl"):
        expected = translation.gettext("not a valid e-mail address")
    assert expected in dutch
    assert translation.get_language() == "nl"

    assert main(["--lang", "en", "import", "students", str(path), "--edition", "2026"]) == 2
    english = capsys.readouterr().out
    assert translation.get_language() == "en"
    assert "“anna@” in column email (1 row: 2): not a valid e-mail address" in english
    assert "1 error; nothing was written." in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "columns", "named"),
    [
        ("students", STUDENT_COLUMNS, "studenten"),
        ("experts", EXPERT_COLUMNS, "ervaringsdeskundigen"),
    ],
)
def test_template_csv_has_the_header(kind, columns, named, tmp_path, capsys):
    path = tmp_path / f"{kind}.csv"
    assert main(["template", kind, str(path)]) == 0
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert header[: len(columns)] == list(columns)
    assert capsys.readouterr().out == f"Een lege lijst met {named} naar {path} geschreven.\n"


@pytest.mark.django_db
def test_template_xlsx_has_a_header_and_an_explanation_sheet(tmp_path, capsys):
    path = tmp_path / "experts.xlsx"
    assert main(["template", "experts", str(path)]) == 0
    workbook = load_workbook(path)
    roster, explanation = workbook.worksheets
    header = [c.value for c in roster[1] if c.value]
    assert header[: len(EXPERT_COLUMNS)] == list(EXPERT_COLUMNS)
    explained = [
        row[0]
        for row in explanation.iter_rows(min_row=2, max_row=len(header) + 1, values_only=True)
    ]
    assert explained == header
    codes = {row[0] for row in explanation.iter_rows(values_only=True)}
    assert {"addiction", "volunteer", "experience_work", "critical_voice", "sgn"} <= codes


@pytest.mark.django_db
def test_filled_in_template_imports(edition, tmp_path, capsys):
    path = tmp_path / "students.xlsx"
    assert main(["template", "students", str(path)]) == 0
    workbook = load_workbook(path)
    workbook.worksheets[0].append(["S001", "Anna", "Smet", "anna@example.org"])
    workbook.save(path)
    capsys.readouterr()
    assert main(["import", "students", str(path), "--edition", "2026"]) == 0
    assert "students.xlsx: 1 aangemaakt, 0 bijgewerkt, 0 ongewijzigd." in capsys.readouterr().out


@pytest.mark.django_db
def test_template_refuses_to_overwrite_and_other_extensions(tmp_path, capsys):
    path = tmp_path / "students.csv"
    path.write_text("keep me")
    assert main(["template", "students", str(path)]) == 2
    assert path.read_text() == "keep me"
    assert main(["template", "students", str(tmp_path / "x.ods")]) == 2
    out = capsys.readouterr().out
    assert f"{path} bestaat al; gebruik --force om het te overschrijven." in out
    assert "Een sjabloon wordt als .xlsx of .csv geschreven, niet als .ods." in out


@pytest.mark.parametrize("command", ["import", "template"])
def test_each_roster_command_has_its_own_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"ontmoeting {command}" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_expert_roster_imported_as_students_is_refused_with_exit_2(edition, roster_file, capsys):
    path = roster_file("experts.csv", EXPERT_HEADER, expert())
    before = table_counts()
    assert main(["import", "students", str(path), "--edition", "2026"]) == 2
    out = capsys.readouterr().out
    assert "dit lijkt een lijst van ervaringsdeskundigen (kolommen phone, self_help_group" in out
    assert table_counts() == before


@pytest.mark.django_db
def test_dry_run_prints_a_summary_not_a_line_per_row(edition, roster_file, capsys):
    rows = [student(ref=f"S{i:03d}", email=f"s{i}@example.org") for i in range(30)]
    path = roster_file("students.csv", STUDENT_HEADER, *rows)
    assert main(["import", "students", str(path), "--edition", "2026", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "S017" not in out
    assert len(out.splitlines()) < 5


@pytest.mark.django_db
def test_a_possible_match_is_settled_with_decide(edition, roster_file, capsys):
    from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
    from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

    known = PersonFactory(first_name="Lotte", last_name="Mertens", email="", phone="")
    ParticipantFactory(
        edition=EditionFactory(year=2025),
        person=known,
        role=ParticipantRole.STUDENT,
        status=ParticipantStatus.PRESENT,
    )
    path = roster_file(
        "students.csv", STUDENT_HEADER, student(first_name="Lotte", last_name="Mertens", email="")
    )
    args = ["import", "students", str(path), "--edition", "2026"]
    assert main(args) == 2
    out = capsys.readouterr().out
    assert f"rij 2, S001 Lotte Mertens: mogelijk Lotte Mertens (#{known.pk}; dezelfde naam" in out
    assert "--decide RIJ=ID (dezelfde persoon) of RIJ=new" in out
    assert not Participant.objects.filter(edition=edition).exists()

    assert main([*args, "--decide", f"2={known.pk}"]) == 0
    assert Participant.objects.get(edition=edition).person == known


@pytest.mark.django_db
def test_a_malformed_decision_is_refused(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    args = ["import", "students", str(path), "--edition", "2026", "--decide", "twee=nieuw"]
    assert main(args) == 2
    assert "--decide twee=nieuw: schrijf RIJ=ID of RIJ=new" in capsys.readouterr().out
    assert not Participant.objects.exists()
