"""A hostile or oversized roster is refused with a clear error naming the file (and the row or
column where it can), through the real command line: exit code 2, no traceback, nothing written."""

from __future__ import annotations

import pytest
from django.utils import translation

from ontmoeting.cli import main
from ontmoeting.editions.models import Edition
from ontmoeting.editions.roster import import_roster
from tests.editions.roster.roster_helpers import STUDENT_HEADER, student, table_counts
from tests.hostile_files import entities_xlsx, zip_bomb_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    translation.deactivate()


def run_import(path, capsys) -> tuple[int, str]:
    code = main(["import", "students", str(path), "--edition", "2026"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out


def test_a_zip_bomb_roster_is_refused_before_it_is_unpacked(edition, tmp_path, capsys):
    path = tmp_path / "studenten.xlsx"
    path.write_bytes(zip_bomb_xlsx())  # ~150 KB unpacking to 41 MB of XML
    before = table_counts()
    code, out = run_import(path, capsys)
    assert code == 2
    assert out.startswith(
        "Fouten:\n  studenten.xlsx: het .xlsx-bestand is verdacht sterk ingepakt "
        "(het deel xl/worksheets/sheet1.xml wordt 39.1 MB uit "
    )
    assert out.endswith("studenten.xlsx: 1 fout; er is niets geschreven.\n")
    assert table_counts() == before


def test_a_roster_with_xml_entities_is_refused_without_a_traceback(edition, tmp_path, capsys):
    path = tmp_path / "studenten.xlsx"
    path.write_bytes(entities_xlsx())
    code, out = run_import(path, capsys)
    assert code == 2
    assert out == (
        "Fouten:\n"
        "  studenten.xlsx: het .xlsx-bestand declareert een documenttype met entiteiten "
        "(in xl/worksheets/sheet1.xml); een rekenblad heeft dat nooit nodig, dus het wordt "
        "niet gelezen\n"
        "studenten.xlsx: 1 fout; er is niets geschreven.\n"
    )


def test_a_roster_file_larger_than_the_limit_is_not_read(edition, tmp_path, capsys, settings):
    settings.ONTMOETING_UPLOAD_MAX_BYTES = {**settings.ONTMOETING_UPLOAD_MAX_BYTES, "roster": 100}
    path = tmp_path / "studenten.csv"
    path.write_text("\n".join([STUDENT_HEADER, student(), student(ref="S002")]) + "\n")
    code, out = run_import(path, capsys)
    assert code == 2
    assert "studenten.csv: het bestand is groter dan 9.54e-05 MB" in out


def test_rows_past_the_limit_are_refused_at_the_first_one_too_many(edition, roster_file, settings):
    settings.ONTMOETING_ROSTER_MAX_ROWS = 2
    path = roster_file(
        "studenten.csv",
        STUDENT_HEADER,
        student(ref="S001"),
        student(ref="S002", email="b@example.org"),
        student(ref="S003", email="c@example.org"),
    )
    report = import_roster(
        path, kind="students", edition=Edition.objects.get(), dry_run=True, actor="test"
    )
    assert [str(issue) for issue in report.errors] == [
        "studenten.csv, rij 4: het bestand heeft meer dan 2 rijen onder de kolomnamen; "
        "splits het op in delen"
    ]


def test_columns_past_the_limit_are_refused_where_they_start(edition, tmp_path, settings):
    from openpyxl import Workbook

    settings.ONTMOETING_ROSTER_MAX_COLUMNS = 3
    book = Workbook()
    book.active.append(["ref", "first_name", "last_name", "email"])
    path = tmp_path / "studenten.xlsx"
    book.save(path)
    report = import_roster(
        path, kind="students", edition=Edition.objects.get(), dry_run=True, actor="test"
    )
    assert [str(issue) for issue in report.errors] == [
        'studenten.xlsx, rij 1, kolom "D": het bestand heeft meer dan 3 kolommen'
    ]
