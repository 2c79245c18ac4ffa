"""Hostile files, made in the test: a zip-bomb workbook, a workbook with XML entities, fake
receipts. Each starts from a real small workbook (openpyxl) whose sheet XML is replaced."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
XML_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
#: A sheet's XML with entities declared in a DTD: ``&h;`` expands to 10**7 letters.
BILLION_LAUGHS_DTD = (
    b"<!DOCTYPE worksheet [\n"
    b' <!ENTITY a "aaaaaaaaaa">\n'
    b' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
    b' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n'
    b' <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n'
    b' <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">\n'
    b' <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\n'
    b' <!ENTITY h "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">\n'
    b"]>\n"
)


def inline_row(*values: str) -> bytes:
    cells = b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % v.encode() for v in values)
    return b"<row>" + cells + b"</row>"


def sheet_xml(*rows: bytes, dtd: bytes = b"") -> bytes:
    head = XML_HEAD
    if dtd:
        declaration, _, root = XML_HEAD.partition(b"\n")
        head = declaration + b"\n" + dtd + root
    return head + b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"


def small_workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    for row in rows or (["ref", "first_name"],):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, xml: bytes) -> bytes:
    """``workbook`` with its first sheet's XML replaced by ``xml`` (deflated at level 9)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for part in source.infolist():
            target.writestr(part.filename, xml if part.filename == SHEET else source.read(part))
    return out.getvalue()


def zip_bomb_xlsx(unpacked: int = 41_000_000) -> bytes:
    """About 150 KB that unpack to ``unpacked`` bytes of sheet XML: one roster row, repeated."""
    row = inline_row("S001", "Anna", "Smet", "anna@example.org")
    return with_sheet(small_workbook(), sheet_xml(row * (unpacked // len(row))))


def entities_xlsx(dtd: bytes = BILLION_LAUGHS_DTD, value: bytes = b"&h;") -> bytes:
    """A workbook whose sheet declares entities in a DTD and uses one in a cell."""
    row = b'<row><c t="inlineStr"><is><t>ref</t></is></c></row>'
    row += b'<row><c t="inlineStr"><is><t>' + value + b"</t></is></c></row>"
    return with_sheet(small_workbook(), sheet_xml(row, dtd=dtd))


def fake_pdf() -> bytes:
    """The first bytes of a PDF, then a web page with a script."""
    return b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"
