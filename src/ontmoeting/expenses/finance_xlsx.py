"""The XLSX for finance: one row per approved (or paid) claim, with the full bank account, the
payment file and end-to-end id it was paid under, and a totals row.

Text is a string cell (``data_type = "s"``), never a formula, and shown as it was typed: a name
starting with ``= + - @`` gets no visible apostrophe; Excel's hidden "quote prefix" style marks
such a cell as text, so editing it does not turn it into a formula either. Amounts are numbers
with two decimals; dates are date cells. The totals row holds values (not formulas: a reader
that does not compute formulas sees them too), checked against the rows before writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import LineKind
from ontmoeting.expenses.models import Claim
from ontmoeting.expenses.reconcile import end_to_end_id_of
from ontmoeting.privacy.tabular import Sheet, xlsx_bytes

KINDS = list(LineKind)
FIRST_AMOUNT = 4  # the columns before: last name, first name, account holder, IBAN
TOTAL = FIRST_AMOUNT + len(KINDS)  # the claim's total, after one column per kind
MONEY = "#,##0.00"
MOMENT = "yyyy-mm-dd hh:mm"
DAY = "yyyy-mm-dd"
ZERO = Decimal("0.00")


class TotalsMismatch(AssertionError):
    """The totals row does not add up to the rows (a bug: the workbook is not written)."""


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
        _("Payment file (message id)"),
        _("End-to-end id"),
        _("Execution date"),
        _("Paid on"),
    ]


def _formats() -> dict[int, str]:
    """Column (from 0) → number format."""
    formats = dict.fromkeys(range(FIRST_AMOUNT, TOTAL + 1), MONEY)
    last = len(_header()) - 1
    formats[TOTAL + 4] = MOMENT
    formats[last - 1] = DAY
    formats[last] = DAY
    return formats


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _row(claim: Claim) -> list[object]:
    by_kind = {line.kind: line.total for line in claim.lines.all()}
    person = claim.participant.person
    batch = claim.batch
    paid = _local(claim.paid_at)
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
        _local(claim.decided_at),
        _("yes") if claim.on_behalf else _("no"),
        batch.message_id if batch else "",
        end_to_end_id_of(claim) if batch else "",
        batch.execution_date if batch else None,
        paid.date() if paid else None,
    ]


def _totals(rows: Sequence[Sequence[object]]) -> list[object]:
    """The totals row: the label, the number of claims, the sum of every amount column;
    TotalsMismatch unless the kinds add up to the claims' totals."""
    sums = {
        column: sum((Decimal(str(row[column] or 0)) for row in rows), ZERO)
        for column in range(FIRST_AMOUNT, TOTAL + 1)
    }
    if sum((sums[c] for c in range(FIRST_AMOUNT, TOTAL)), ZERO) != sums[TOTAL]:
        raise TotalsMismatch(f"lines add up to {sums}, not to the total")
    label = _("Total: %(count)s claims") % {"count": len(rows)}
    return [label, len(rows), None, None, *[sums[c] for c in range(FIRST_AMOUNT, TOTAL + 1)]]


def finance_workbook(claims: Iterable[Claim]) -> bytes:
    """The workbook bytes: a header, one row per claim, the totals row (privacy/tabular.py, the
    one writer, with text as typed)."""
    header = _header()
    rows = [_row(claim) for claim in claims]
    sheet = Sheet(
        title=_("Claims")[:31],
        header=header,
        rows=rows,
        formats=_formats(),
        widths={column: max(12, len(title) + 2) for column, title in enumerate(header)},
        footer=_totals(rows),
        typed_text=True,
    )
    return xlsx_bytes([sheet])
