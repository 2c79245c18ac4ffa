"""The XLSX for finance: one row per approved (or paid) claim, with the full bank account.

Written by the one spreadsheet writer (:mod:`ontmoeting.privacy.tabular`): a name or an account
holder is text, never a formula; amounts are numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import LineKind
from ontmoeting.expenses.models import Claim
from ontmoeting.privacy.tabular import Sheet, xlsx_bytes

KINDS = list(LineKind)
FIRST_AMOUNT = 4  # the columns before: last name, first name, account holder, IBAN
MONEY = "#,##0.00"
MOMENT = "yyyy-mm-dd hh:mm"


def _header() -> list[str]:
    return [
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


def _row(claim: Claim) -> list[object]:
    by_kind = {line.kind: line.total for line in claim.lines.all()}
    person = claim.participant.person
    decided: dt.datetime | None = (
        timezone.localtime(claim.decided_at).replace(tzinfo=None) if claim.decided_at else None
    )
    return [
        person.last_name,
        person.first_name,
        claim.account_holder,
        decrypt(claim.iban_encrypted),
        *[by_kind.get(kind) for kind in KINDS],
        claim.total,
        str(claim.edition),
        str(claim.get_status_display()),
        claim.decided_by.get_username() if claim.decided_by else "",
        decided,
        _("yes") if claim.on_behalf else _("no"),
    ]


def finance_workbook(claims: Iterable[Claim]) -> bytes:
    """The workbook bytes; amounts are numbers with two decimals."""
    header = _header()
    formats = dict.fromkeys(range(FIRST_AMOUNT, FIRST_AMOUNT + len(KINDS) + 1), MONEY)
    formats[len(header) - 2] = MOMENT
    sheet = Sheet(_("Claims"), header, [_row(claim) for claim in claims], formats=formats)
    return xlsx_bytes([sheet])
