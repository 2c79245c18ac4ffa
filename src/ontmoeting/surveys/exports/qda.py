"""The open answers of an edition with their codes, for a qualitative-analysis tool.

CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the accents) or XLSX (the
answers, and a second sheet with each code and how often it was used). Pseudonymous: a row
carries the study code (or the paper form's ``self:`` code), never a name.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from ontmoeting.editions.models import Edition
from ontmoeting.surveys import selectors

QDA_COLUMNS = [
    "id",
    "study_code",
    "wave",
    "question_code",
    "question",
    "language",
    "text",
    "codes",
    "excerpts",
]


def qda_csv(edition: Edition) -> str:
    """The open answers of ``edition`` as CSV text, starting with a byte-order mark."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=QDA_COLUMNS)
    writer.writeheader()
    writer.writerows(selectors.qda_rows(edition))
    return "\ufeff" + text.getvalue()


def qda_xlsx(edition: Edition) -> bytes:
    """The open answers of ``edition`` (sheet ``answers``) and the codes (sheet ``codes``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "answers"
    sheet.append(QDA_COLUMNS)
    for row in selectors.qda_rows(edition):
        sheet.append([row[c] for c in QDA_COLUMNS])
    codes = book.create_sheet("codes")
    codes.append(["code", "description", "segments", "answers"])
    for code in selectors.code_counts(edition):
        codes.append([code.label, code.description, code.n_segments, code.n_answers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
