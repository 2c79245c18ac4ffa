"""Reading a roster file (.xlsx or .csv) into a header and numbered rows of raw cells.

A file is read within limits (``privacy/uploads.py``, ``privacy/xlsx.py``): its size, an .xlsx
file's unpacked size and XML, and the rows and columns of the table (settings
``ONTMOETING_ROSTER_MAX_ROWS`` and ``ONTMOETING_ROSTER_MAX_COLUMNS``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from ontmoeting.editions.roster.values import cell_text
from ontmoeting.privacy.uploads import UnsafeFileError, check_size
from ontmoeting.privacy.xlsx import SheetLimits, bounded_rows, open_workbook, sheet_rows

XLSX_MAGIC = b"PK\x03\x04"
#: Delimiters we recognise in a CSV header line; Belgian and Dutch Excel write ';'.
DELIMITERS = (";", ",", "\t")


class UnreadableFileError(ValueError):
    """The file is not a readable .xlsx or .csv file; the message is the translated reason,
    ``row`` and ``column`` say where when the problem has a place (too many rows, columns)."""

    def __init__(self, reason: str, *, row: int | None = None, column: str | None = None) -> None:
        super().__init__(reason)
        self.row = row
        self.column = column

    @classmethod
    def of(cls, error: UnsafeFileError) -> UnreadableFileError:
        return cls(error.reason, row=error.row, column=error.column)


def roster_limits() -> SheetLimits:
    """The most rows and columns a roster may have (settings)."""
    return SheetLimits(
        max_rows=int(settings.ONTMOETING_ROSTER_MAX_ROWS),
        max_columns=int(settings.ONTMOETING_ROSTER_MAX_COLUMNS),
    )


@dataclass
class Table:
    """A header and the rows below it; each row carries its number as the spreadsheet shows it."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_table(source: Path | BinaryIO, *, filename: str) -> Table:
    """Read ``source``; the format follows the extension of ``filename``, else the content.

    Raises UnreadableFileError for a file that is too large, damaged or hostile.
    """
    try:
        data = _read_bounded(source)
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
    except UnsafeFileError as exc:
        raise UnreadableFileError.of(exc) from None


def _read_bounded(source: Path | BinaryIO) -> bytes:
    """The file's bytes, once its size is known to be within the roster's limit."""
    if isinstance(source, Path):
        check_size(source.stat().st_size, "roster")
        with source.open("rb") as handle:
            return handle.read()
    data = source.read(1 + int(settings.ONTMOETING_UPLOAD_MAX_BYTES["roster"]))
    check_size(len(data), "roster")
    return data


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
    with open_workbook(data) as workbook:
        if not workbook.worksheets:
            raise UnreadableFileError(_("the file has no header row"))
        return _table(sheet_rows(workbook.worksheets[0], roster_limits()))


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
        stripped = ([c.strip() for c in cells] for cells in reader)
        raw.extend(bounded_rows(stripped, roster_limits()))
    except csv.Error as exc:
        raise UnreadableFileError(
            _("not a readable CSV file (line %(line)s: %(error)s)")
            % {"line": reader.line_num, "error": exc}
        ) from None
    table = _table(raw)
    table.notes.extend(notes)
    return table
