"""Reading a roster file (.xlsx or .csv) into a header and numbered rows of raw cells."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.values import cell_text

XLSX_MAGIC = b"PK\x03\x04"
#: Delimiters we recognise in a CSV header line; Belgian and Dutch Excel write ';'.
DELIMITERS = (";", ",", "\t")


class UnreadableFileError(ValueError):
    """The file is not a readable .xlsx or .csv file; the message is the translated reason."""


@dataclass
class Table:
    """A header and the rows below it; each row carries its number as the spreadsheet shows it."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_table(source: Path | BinaryIO, *, filename: str) -> Table:
    """Read ``source``; the format follows the extension of ``filename``, else the content."""
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    if not data:
        raise UnreadableFileError(_("the file is empty"))
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx" or (suffix != ".csv" and data.startswith(XLSX_MAGIC)):
        return _read_xlsx(data)
    if suffix in {".xls", ".ods", ".numbers"}:
        raise UnreadableFileError(
            _("only .xlsx and .csv files can be read; save the file as .xlsx")
        )
    return _read_csv(data)


def _table(raw_rows: list[tuple[int, list[object]]]) -> Table:
    rows = [(n, cells) for n, cells in raw_rows if any(cell_text(c) for c in cells)]
    if not rows:
        raise UnreadableFileError(_("the file has no header row"))
    header_row, header_cells = rows[0]
    header = [cell_text(c) for c in header_cells]
    while header and not header[-1]:
        header.pop()
    return Table(header=header, header_row=header_row, rows=rows[1:])


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            _("not a readable .xlsx file (%(error)s)") % {"error": exc}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        raw = [
            (number, list(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return _table(raw)


def _decode(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Excel's "CSV" without "UTF-8" writes Windows-1252 in Belgium; read it, but say so.
        return data.decode("cp1252", errors="replace"), [
            _("the file is not UTF-8; it was read as Windows-1252 (save as 'CSV UTF-8' to be sure)")
        ]


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most in the header line (';' wins a tie: Belgian Excel)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text, notes = _decode(data)
    if "\x00" in text:
        raise UnreadableFileError(_("not a text file (save the roster as .xlsx or CSV UTF-8)"))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    raw: list[tuple[int, list[object]]] = []
    try:
        # Number records, not physical lines: a quoted cell with a line break is still one row
        # in the spreadsheet the coordinator looks at.
        for number, cells in enumerate(reader, start=1):
            raw.append((number, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise UnreadableFileError(
            _("not a readable CSV file (line %(line)s: %(error)s)")
            % {"line": reader.line_num, "error": exc}
        ) from None
    table = _table(raw)
    table.notes.extend(notes)
    return table
