"""Reading a workbook someone uploaded, within limits (OWASP ASVS 5.0 V5).

An .xlsx file is a zip archive of XML parts, and openpyxl trusts both. So, before openpyxl sees
the file, its zip directory is read and the file is refused when

* it has more than ``MAX_PARTS`` parts, or its parts unpack to more than
  ``ONTMOETING_XLSX_MAX_UNPACKED_BYTES`` in all;
* a part of more than 1 MB unpacks to more than ``ONTMOETING_XLSX_MAX_RATIO`` times its packed
  size (a zip bomb: 150 KB that unpack to 40 MB of XML);
* a part carries a document type declaration (``<!DOCTYPE``): entities declared there are how an
  XML bomb or a read of a local file is built, and a spreadsheet never needs them.

Python's ``zipfile`` never unpacks a part past the size its directory declares (the CRC check
fails first), so the declared sizes bound what is read. defusedxml, which openpyxl uses when it
is installed, refuses any entity that gets past the scan. Rows and columns are counted while the
sheet is read: reading stops at the first row past the limits. Every failure is an
``UnsafeFileError`` with a reason in the user's words, never a parser's traceback.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from ontmoeting.privacy.uploads import UnsafeFileError, megabytes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: A workbook has a dozen parts; thousands are an attack on the zip directory itself.
MAX_PARTS = 1000
#: Parts smaller than this are not checked for their ratio: a small part cannot hurt.
RATIO_FLOOR_BYTES = 1024 * 1024
#: What a DTD starts with; in a spreadsheet's own text ``<`` is always written ``&lt;``.
DOCTYPE = b"<!DOCTYPE"
_CHUNK = 1024 * 1024


logger = logging.getLogger(__name__)


def _unreadable(error: BaseException) -> UnsafeFileError:
    """The refusal of a file a library could not read, in words a coordinator can act on; the
    library's own reason (openpyxl wraps the parser's in a vaguer one) goes to the log only."""
    while error.__cause__ is not None:
        error = error.__cause__
    logger.info("unreadable .xlsx: %s", str(error) or type(error).__name__)
    return UnsafeFileError(
        _(
            "not a readable .xlsx file: open it in Excel or LibreOffice and save it again as "
            ".xlsx (or as .csv)"
        )
    )


@dataclass(frozen=True)
class SheetLimits:
    """The most rows with content below the header, and the most columns, of one sheet."""

    max_rows: int
    max_columns: int


def check_archive(data: bytes) -> None:
    """UnsafeFileError when ``data`` is not a zip archive, or a zip bomb, or carries a DTD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            _check_sizes(parts)
            for part in parts:
                _check_no_doctype(archive, part)
    except UnsafeFileError:
        raise
    except Exception as exc:  # zipfile: BadZipFile, CRC, encrypted, unknown method; zlib
        raise _unreadable(exc) from None


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise UnsafeFileError(
            _("the .xlsx file has %(count)s parts; a workbook has far fewer")
            % {"count": len(parts)}
        )
    unpacked = sum(part.file_size for part in parts)
    limit = int(settings.ONTMOETING_XLSX_MAX_UNPACKED_BYTES)
    if unpacked > limit:
        raise UnsafeFileError(
            _(
                "the .xlsx file unpacks to %(size)s MB, more than the %(limit)s MB we read; "
                "is this the right file?"
            )
            % {"size": megabytes(unpacked), "limit": megabytes(limit)}
        )
    ratio = int(settings.ONTMOETING_XLSX_MAX_RATIO)
    for part in parts:
        packed = max(1, part.compress_size)
        if part.file_size > RATIO_FLOOR_BYTES and part.file_size > ratio * packed:
            raise UnsafeFileError(
                _(
                    "the .xlsx file is packed suspiciously tightly (its part %(part)s unpacks "
                    "to %(size)s MB from %(packed)s KB); it is not read"
                )
                % {
                    "part": part.filename,
                    "size": megabytes(part.file_size),
                    "packed": f"{part.compress_size / 1024:.0f}",
                }
            )


def _check_no_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Scan the part for a DTD, a chunk at a time (a chunk overlaps the last one's end)."""
    if part.is_dir():
        return
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if DOCTYPE in (tail + chunk).upper():
                raise UnsafeFileError(
                    _(
                        "the .xlsx file declares a document type with entities (in %(part)s); "
                        "a spreadsheet never needs one, so it is not read"
                    )
                    % {"part": part.filename}
                )
            tail = chunk[-len(DOCTYPE) :]


@contextmanager
def open_workbook(data: bytes) -> Iterator[Workbook]:
    """The workbook in ``data``, read-only with values (not formulas), once it passed
    ``check_archive``; closed when the block ends."""
    from openpyxl import load_workbook

    check_archive(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or hostile file
        raise _unreadable(exc) from None
    try:
        yield book
    finally:
        book.close()


def sheet_rows(sheet: ReadOnlyWorksheet, limits: SheetLimits) -> list[tuple[int, list[object]]]:
    """The rows of ``sheet`` with content, numbered as the spreadsheet shows them (from 1),
    each at most ``limits.max_columns`` wide; UnsafeFileError at the first row past the limits
    or at XML that cannot be read. (Cells further right than the column after the last allowed
    one are not looked at: they are never read either.)"""
    from openpyxl.utils import get_column_letter

    rows = sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
    try:
        return list(bounded_rows(rows, limits, column_name=get_column_letter))
    except UnsafeFileError:
        raise
    except Exception as exc:  # the XML parser, defusedxml, zipfile's CRC check, openpyxl's types
        raise _unreadable(exc) from None


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def bounded_rows(
    rows: Iterable[Sequence[object]],
    limits: SheetLimits,
    *,
    column_name: Callable[[int], str] = str,
) -> Iterator[tuple[int, list[object]]]:
    """The rows with content, numbered from 1, at most ``limits.max_columns`` wide.

    Raises UnsafeFileError at the first row past ``limits.max_rows`` below the header (the first
    row with content) or with content past the last column; ``column_name`` names a column
    from its number (1 is the first: "A" in a spreadsheet).
    """
    seen = 0
    for number, cells in enumerate(rows, start=1):
        if cells.count(None) == len(cells) or not any(_filled(cell) for cell in cells):
            continue  # (the first test runs at C speed over the rows openpyxl fills in gaps)
        seen += 1
        if seen > limits.max_rows + 1:
            raise UnsafeFileError(
                _("the file has more than %(max)s rows below its header; split it in parts")
                % {"max": limits.max_rows},
                row=number,
            )
        if any(_filled(cell) for cell in cells[limits.max_columns :]):
            raise UnsafeFileError(
                _("the file has more than %(max)s columns") % {"max": limits.max_columns},
                row=number,
                column=column_name(limits.max_columns + 1),
            )
        yield number, list(cells[: limits.max_columns])
