"""A workbook someone uploaded is read within limits: no zip bomb, no XML entities, bounded rows
and columns; every refusal is an UnsafeFileError with a reason, never a parser's exception."""

from __future__ import annotations

import time

import pytest

from ontmoeting.privacy.uploads import UnsafeFileError, check_size
from ontmoeting.privacy.xlsx import (
    SheetLimits,
    bounded_rows,
    check_archive,
    open_workbook,
    sheet_rows,
)
from tests.hostile_files import (
    entities_xlsx,
    inline_row,
    sheet_xml,
    small_workbook,
    with_sheet,
    zip_bomb_xlsx,
)

LIMITS = SheetLimits(max_rows=5000, max_columns=100)


def test_a_real_workbook_is_read():
    data = small_workbook(["ref", "first_name"], ["S001", "Anna"], [None, None], ["S002", "Bart"])
    with open_workbook(data) as book:
        rows = sheet_rows(book.worksheets[0], LIMITS)
    assert [(n, cells[:3]) for n, cells in rows] == [
        (1, ["ref", "first_name", None]),
        (2, ["S001", "Anna", None]),
        (4, ["S002", "Bart", None]),
    ]
    assert {len(cells) for _n, cells in rows} == {100}


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked():
    bomb = zip_bomb_xlsx()
    assert len(bomb) < 200_000
    started = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="verdacht sterk ingepakt") as error:
        check_archive(bomb)
    assert time.perf_counter() - started < 2
    assert "xl/worksheets/sheet1.xml" in error.value.reason


def test_a_workbook_unpacking_past_the_limit_is_refused(settings):
    settings.ONTMOETING_XLSX_MAX_UNPACKED_BYTES = 200_000
    row = inline_row("S001", "Anna")
    plain = with_sheet(small_workbook(), sheet_xml(row * 3000))  # ~250 KB, ratio well below 100
    with pytest.raises(UnsafeFileError, match=r"meer dan de 0\.191 MB"):
        check_archive(plain)


def test_a_dtd_with_entities_is_refused_before_openpyxl_reads_it():
    with (
        pytest.raises(UnsafeFileError, match="documenttype") as error,
        open_workbook(entities_xlsx()),
    ):
        pass  # pragma: no cover - never reached
    assert "xl/worksheets/sheet1.xml" in error.value.reason


def test_defusedxml_refuses_even_one_harmless_entity_that_got_past_the_scan(monkeypatch, caplog):
    # Without the scan the parser itself must refuse the entity: Python's own parser would
    # expand it (the cell would read "x"); defusedxml, which openpyxl uses, refuses it. The
    # coordinator reads what to do; the parser's own words go to the log.
    monkeypatch.setattr("ontmoeting.privacy.xlsx.check_archive", lambda data: None)
    data = entities_xlsx(dtd=b'<!DOCTYPE worksheet [<!ENTITY e "x">]>\n', value=b"&e;")
    with (
        caplog.at_level("INFO", logger="ontmoeting.privacy.xlsx"),
        pytest.raises(UnsafeFileError, match="LibreOffice") as refused,
        open_workbook(data) as book,
    ):
        sheet_rows(book.worksheets[0], LIMITS)
    assert "EntitiesForbidden" in caplog.text
    assert "EntitiesForbidden" not in str(refused.value)


def test_not_a_zip_file_is_refused_with_a_reason():
    with pytest.raises(UnsafeFileError, match=r"geen leesbaar \.xlsx-bestand"):
        check_archive(b"ref;first_name\nS001;Anna\n")


def test_rows_past_the_limit_stop_reading_at_the_first_one_too_many():
    limits = SheetLimits(max_rows=2, max_columns=3)
    rows = [["ref"], ["S001"], [], ["S002"], ["S003"], ["S004"]]
    with pytest.raises(UnsafeFileError, match="meer dan 2 rijen") as error:
        list(bounded_rows(iter(rows), limits))
    assert error.value.row == 5


def test_content_past_the_last_column_is_refused_where_it_is():
    limits = SheetLimits(max_rows=10, max_columns=3)
    rows = [["ref", "a", "b", None], ["S001", 1, 2, "x"]]
    with pytest.raises(UnsafeFileError, match="meer dan 3 kolommen") as error:
        list(bounded_rows(iter(rows), limits, column_name=lambda n: f"#{n}"))
    assert (error.value.row, error.value.column) == (2, "#4")


def test_a_sheet_a_million_rows_tall_is_read_as_its_rows_with_content():
    xml = sheet_xml(
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row>'
        b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    started = time.perf_counter()
    with open_workbook(with_sheet(small_workbook(), xml)) as book:
        rows = sheet_rows(book.worksheets[0], LIMITS)
    assert [(n, cells[0]) for n, cells in rows] == [(1, "ref"), (1048576, "x")]
    assert time.perf_counter() - started < 5


def test_the_size_of_each_kind_is_a_setting(settings):
    settings.ONTMOETING_UPLOAD_MAX_BYTES = {**settings.ONTMOETING_UPLOAD_MAX_BYTES, "roster": 1000}
    check_size(1000, "roster")
    with pytest.raises(UnsafeFileError, match=r"groter dan 0\.000954 MB"):
        check_size(1001, "roster")
