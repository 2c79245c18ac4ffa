"""The open answers of an edition with their codes, for a qualitative-analysis tool.

CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the accents) or XLSX (the
answers, and a second sheet with each code and how often it was used). Pseudonymous: a row
carries the respondent's keyed pseudonym (column ``pseudonym``: ``R-`` and 12 symbols, the same
as on the coding page, :func:`ontmoeting.surveys.open_text.response_pseudonym`), never a study
code, a self-made code or a name; the answer and its coded excerpts are scrubbed
(:mod:`ontmoeting.surveys.scrub`: ``[NAME]``, ``[EMAIL]``, ``[PHONE]``, ``[ADDRESS]`` stand where
those were). Written by the one spreadsheet writer (:mod:`ontmoeting.privacy.tabular`): an
answer is text, never a formula.
"""

from __future__ import annotations

from ontmoeting.editions.models import Edition
from ontmoeting.privacy.tabular import Sheet, csv_bytes, xlsx_bytes
from ontmoeting.surveys import selectors

QDA_COLUMNS = [
    "id",
    "pseudonym",
    "wave",
    "question_code",
    "question",
    "language",
    "text",
    "codes",
    "excerpts",
]


def _answer_rows(edition: Edition) -> list[list[str]]:
    return [[row[c] for c in QDA_COLUMNS] for row in selectors.qda_rows(edition)]


def qda_csv(edition: Edition) -> bytes:
    """The open answers of ``edition`` as a CSV file (UTF-8 with a byte-order mark)."""
    return csv_bytes(QDA_COLUMNS, _answer_rows(edition))


def qda_xlsx(edition: Edition) -> bytes:
    """The open answers of ``edition`` (sheet ``answers``) and the codes (sheet ``codes``)."""
    codes = [
        [code.label, code.description, code.n_segments, code.n_answers]
        for code in selectors.code_counts(edition)
    ]
    return xlsx_bytes(
        [
            Sheet("answers", QDA_COLUMNS, _answer_rows(edition)),
            Sheet("codes", ["code", "description", "segments", "answers"], codes),
        ]
    )
