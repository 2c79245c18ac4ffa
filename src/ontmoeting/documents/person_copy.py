"""A person's copy of their data, printable: HTML, and PDF laid out by the one renderer."""

from __future__ import annotations

from ontmoeting.documents.pdf import html_to_pdf, render_html
from ontmoeting.privacy.subject import PersonCopy

TEMPLATE = "documents/pdf/person_copy.html"


def person_copy_html(copy: PersonCopy, *, language: str) -> str:
    """The copy as one HTML page in ``language``, a section per kind of data."""
    return render_html(TEMPLATE, {"copy": copy}, language=language)


def person_copy_pdf(copy: PersonCopy, *, language: str) -> bytes:
    return html_to_pdf(person_copy_html(copy, language=language))
