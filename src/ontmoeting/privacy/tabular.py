"""The one writer of every CSV and XLSX file the app produces: text is written as text, never as
a formula.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
also one that starts with a tab or a carriage return (OWASP, "CSV Injection",
https://owasp.org/www-community/attacks/CSV_Injection). What a respondent, an expert or a
coordinator typed must never run on the computer of whoever opens an export, so every cell
follows one rule (:func:`safe_value`):

- **text** whose first character is one of ``= + - @ \\t \\r`` gets a single quote ``'`` in
  front (``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``); any other text is unchanged;
- **numbers** (int, float, Decimal; a negative number too), **booleans**, **dates and times** are
  written as themselves: a number is not text to escape (the *text* ``"-1+1"`` is text, though);
- ``None`` and NaN are an empty cell; anything else is written as its text, under the rule.

The rule is the same in both formats, so the CSV and the XLSX of one export hold the same values.
On top of it:

- **CSV** (:func:`csv_bytes`): UTF-8 with a byte-order mark (spreadsheet programs then read the
  accents), CRLF between rows, and every text field in double quotes (``csv.QUOTE_NONNUMERIC``):
  a separator inside a field cannot start a new cell that begins with ``=`` — OWASP's second
  warning. (What quoting cannot help: a program that splits on another separator than the file
  was written with, a ``,`` file opened by a ``;`` locale, may misread the quotes themselves;
  the survey and coding files use ``,``, the roster files ``;``.)
- **XLSX** (:func:`xlsx_bytes`): text is a string cell (``data_type = "s"``), never a formula;
  control characters that XML cannot hold are dropped *before* the rule (so ``"\\x01=1+1"`` is
  written ``'=1+1``), where openpyxl would otherwise refuse the whole file. A sheet with
  ``typed_text`` (the finance workbook, whose names and ids must read exactly as typed) writes
  such text as typed, without the visible ``'``: still a string cell, marked with Excel's hidden
  "quote prefix", so that editing the cell does not turn it into a formula either.

:func:`restore_text` takes the quote off again for the one place that reads our own files back
(the roster importer reading the demo's sample files), so a phone number ``+32 ...`` survives
the round trip.

Not spreadsheets, so not written here: the SPSS ``.sav`` export (``surveys/exports/writers.py``,
through pyreadstat: typed variables that SPSS never evaluates as formulas), the HTML codebook
(escaped by the template engine), PDFs, calendars and the SEPA XML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP).
DANGEROUS_FIRST = frozenset("=+-@\t\r")
QUOTE = "'"

Cell = str | int | float | numbers.Number | dt.date | dt.time | dt.timedelta | None


def neutralise(text: str) -> str:
    """``text`` with a ``'`` in front when it starts with ``= + - @``, a tab or a CR."""
    return QUOTE + text if text[:1] in DANGEROUS_FIRST else text


def restore_text(text: str) -> str:
    """Undo :func:`neutralise`: ``"'=x"`` → ``"=x"``; any other text is returned unchanged."""
    return text[1:] if text[:1] == QUOTE and text[1:2] in DANGEROUS_FIRST else text


def safe_value(value: object) -> Cell:
    """The cell rule: numbers, booleans, dates and times as they are, text neutralised."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, numbers.Number | dt.date | dt.time | dt.timedelta):
        return value
    return neutralise(str(value))


# CSV -------------------------------------------------------------------------------------------


def csv_bytes(
    header: Sequence[object], rows: Iterable[Sequence[object]] = (), *, delimiter: str = ","
) -> bytes:
    """A CSV file (UTF-8 with BOM, CRLF, text fields quoted): ``header`` then ``rows``."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([safe_value(v) for v in header])
    writer.writerows([safe_value(v) for v in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


# XLSX ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A row of one bold cell (a section title inside a sheet)."""

    text: str


Row = Sequence[object] | Heading


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a bold header row, then ``rows``; columns counted from 0.

    ``formats`` gives a column a number format (its data cells and the empty cells below them),
    ``widths`` a width, ``wrap`` the columns whose data cells wrap, aligned to the top.
    """

    title: str
    header: Sequence[object]
    rows: Iterable[Row] = ()
    formats: Mapping[int, str] = field(default_factory=dict)
    widths: Mapping[int, float] = field(default_factory=dict)
    wrap: frozenset[int] = frozenset()
    freeze_header: bool = True
    #: A bold last row (totals), formatted like the data rows.
    footer: Sequence[object] | None = None
    #: Text as typed, with the hidden quote prefix instead of a visible ``'`` (module docstring).
    typed_text: bool = False


def xlsx_value(value: object) -> Cell:
    """The cell rule for XLSX: control characters XML cannot hold dropped first."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return safe_value(value)


def _write_typed_text(sheet: Worksheet, number: int, column: int, raw: str) -> None:
    """``raw`` as typed in a string cell; hidden quote prefix when it starts like a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", raw)
    cell = sheet.cell(row=number, column=column, value=text)
    cell.data_type = "s"
    if text[:1] in DANGEROUS_FIRST:
        cell.quotePrefix = True


def _write_row(
    sheet: Worksheet, number: int, values: Sequence[object], *, typed_text: bool = False
) -> None:
    for column, raw in enumerate(values, start=1):
        if typed_text and isinstance(raw, str):
            _write_typed_text(sheet, number, column, raw)
            continue
        value = xlsx_value(raw)
        cell = sheet.cell(row=number, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # a string cell, whatever it starts with: never a formula


def _fill(sheet: Worksheet, spec: Sheet) -> None:
    bold = Font(bold=True)
    _write_row(sheet, 1, spec.header, typed_text=spec.typed_text)
    for cell in sheet[1]:
        cell.font = bold
    number = 1
    for row in spec.rows:
        number += 1
        if isinstance(row, Heading):
            _write_row(sheet, number, [row.text], typed_text=spec.typed_text)
            sheet.cell(row=number, column=1).font = bold
            continue
        _write_data_row(sheet, number, row, spec)
    if spec.footer is not None:
        _write_data_row(sheet, number + 1, spec.footer, spec)
        for cell in sheet[number + 1]:
            cell.font = bold


def _write_data_row(sheet: Worksheet, number: int, row: Sequence[object], spec: Sheet) -> None:
    _write_row(sheet, number, row, typed_text=spec.typed_text)
    for index in spec.formats.keys() & range(len(row)):
        sheet.cell(row=number, column=index + 1).number_format = spec.formats[index]
    for index in spec.wrap & set(range(len(row))):
        cell = sheet.cell(row=number, column=index + 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _lay_out(sheet: Worksheet, spec: Sheet) -> None:
    for index, fmt in spec.formats.items():
        sheet.column_dimensions[get_column_letter(index + 1)].number_format = fmt
    for index, width in spec.widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    if spec.freeze_header:
        sheet.freeze_panes = "A2"


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook with ``sheets`` in order; every text cell a string, never a formula."""
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        _fill(sheet, spec)
        _lay_out(sheet, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
