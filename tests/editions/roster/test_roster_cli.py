"""``ontmoeting import`` and ``ontmoeting template`` through the real command line entry point."""

from __future__ import annotations

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
    assert main(["--lang", "en", "import", "students", str(path), "--edition", "2026"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "Rows:\n  row 2, S001: created\nstudents.csv: created 1, updated 0, unchanged 0.\n"
    )
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_import_with_errors_exits_2_and_writes_nothing(edition, roster_file, capsys):
    path = roster_file("experts.csv", EXPERT_HEADER, expert(email="marc@", member_since="2099"))
    before = table_counts()
    assert main(["--lang", "en", "import", "experts", str(path), "--edition", "2026"]) == 2
    assert capsys.readouterr().out == (
        "Errors:\n"
        '  experts.csv, row 2, column "email", value "marc@": not a valid e-mail address\n'
        '  experts.csv, row 2, column "member_since", value "2099": date lies in the future\n'
        "Warnings:\n"
        '  experts.csv, row 2, column "self_help_group", value "AA Gent": new self-help group; '
        "it will be created\n"
        "experts.csv: 2 errors; nothing was written.\n"
    )
    assert table_counts() == before


@pytest.mark.django_db
def test_dry_run_exits_0_and_writes_nothing(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    before = table_counts()
    args = ["--lang", "en", "import", "students", str(path), "--edition", "2026", "--dry-run"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "students.csv: dry run, nothing was written. Would create 1, update 0, leave 0 unchanged."
    )
    assert table_counts() == before


@pytest.mark.django_db
def test_unknown_edition_year_exits_2(edition, roster_file, capsys):
    path = roster_file("students.csv", STUDENT_HEADER, student())
    assert main(["--lang", "en", "import", "students", str(path), "--edition", "1999"]) == 2
    assert capsys.readouterr().out == (
        "There is no encounter-day edition in 1999 (editions: 2026).\n"
    )


@pytest.mark.django_db
def test_missing_file_exits_2(edition, tmp_path, capsys):
    path = tmp_path / "nope.csv"
    assert main(["--lang", "en", "import", "students", str(path), "--edition", "2026"]) == 2
    assert capsys.readouterr().out == f"File not found: {path}\n"


@pytest.mark.django_db
def test_report_is_in_dutch_by_default_and_english_with_lang_en(
    edition, roster_file, capsys, monkeypatch, settings
):
    settings.LANGUAGE_CODE = "nl"  # the product's default language
    monkeypatch.delenv("ONTMOETING_LANGUAGE", raising=False)
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
    assert 'row 2, column "email", value "anna@": not a valid e-mail address' in english
    assert "1 error; nothing was written." in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "columns"), [("students", STUDENT_COLUMNS), ("experts", EXPERT_COLUMNS)]
)
def test_template_csv_has_the_header(kind, columns, tmp_path, capsys):
    path = tmp_path / f"{kind}.csv"
    assert main(["--lang", "en", "template", kind, str(path)]) == 0
    header = path.read_text(encoding="utf-8-sig").strip().split(";")
    assert header[: len(columns)] == list(columns)
    assert capsys.readouterr().out == f"Wrote an empty {kind} roster to {path}.\n"


@pytest.mark.django_db
def test_template_xlsx_has_a_header_and_an_explanation_sheet(tmp_path, capsys):
    path = tmp_path / "experts.xlsx"
    assert main(["--lang", "en", "template", "experts", str(path)]) == 0
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
    assert main(["--lang", "en", "import", "students", str(path), "--edition", "2026"]) == 0
    assert "row 2, S001: created" in capsys.readouterr().out


@pytest.mark.django_db
def test_template_refuses_to_overwrite_and_other_extensions(tmp_path, capsys):
    path = tmp_path / "students.csv"
    path.write_text("keep me")
    assert main(["--lang", "en", "template", "students", str(path)]) == 2
    assert path.read_text() == "keep me"
    assert main(["--lang", "en", "template", "students", str(tmp_path / "x.ods")]) == 2
    out = capsys.readouterr().out
    assert "exists already; use --force to overwrite it." in out
    assert "A template is written as .xlsx or .csv, not .ods." in out


@pytest.mark.parametrize("command", ["import", "template"])
def test_each_roster_command_has_its_own_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"ontmoeting {command}" in capsys.readouterr().out
