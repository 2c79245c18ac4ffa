"""The XLSX for finance: one row per approved (or paid) claim, with the full bank account."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import LineKind
from ontmoeting.expenses.models import Claim

KINDS = list(LineKind)


def _safe(text: str) -> str:
    """No formula injection: a cell never starts with = + - @ (it would run in the sheet)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def finance_workbook(claims: Iterable[Claim]) -> bytes:
    """The workbook bytes; amounts are numbers with two decimals."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Claims")
    header = [
        _("Last name"),
        _("First name"),
        _("Account holder"),
        _("IBAN"),
        *[str(kind.label) for kind in KINDS],
        _("Total"),
        _("Edition"),
        _("Status"),
        _("Approved by"),
        _("Approved on"),
        _("Entered on paper"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for claim in claims:
        by_kind = {line.kind: line.total for line in claim.lines.all()}
        person = claim.participant.person
        decided = (
            timezone.localtime(claim.decided_at).replace(tzinfo=None) if claim.decided_at else None
        )
        sheet.append(
            [
                _safe(person.last_name),
                _safe(person.first_name),
                _safe(claim.account_holder),
                decrypt(claim.iban_encrypted),
                *[by_kind.get(kind) for kind in KINDS],
                claim.total,
                str(claim.edition),
                str(claim.get_status_display()),
                claim.decided_by.get_username() if claim.decided_by else "",
                decided,
                _("yes") if claim.on_behalf else _("no"),
            ]
        )
    money_columns = range(5, 5 + len(KINDS) + 1)
    for row in sheet.iter_rows(min_row=2):
        for index in money_columns:
            row[index - 1].number_format = "#,##0.00"
        row[len(header) - 2].number_format = "yyyy-mm-dd hh:mm"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
