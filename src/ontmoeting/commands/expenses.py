"""``ontmoeting expenses rates | finance | check-sepa | reconcile | rotate-key``: rates, exports,
bank statements, the key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.expenses.reconcile import Report


def register(sub: Subcommands) -> None:
    expenses = sub.add_parser("expenses", help=_("travel and lunch claims: rates and exports"))
    actions = expenses.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    rates = actions.add_parser("rates", help=_("list the figures with their periods and sources"))
    rates.set_defaults(handler=run_rates)
    finance = actions.add_parser("finance", help=_("write the finance XLSX of an edition"))
    finance.add_argument(
        "--edition",
        type=int,
        required=True,
        metavar=_("YEAR"),
        help=_("the edition's year"),
    )
    finance.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE"), help=_("the .xlsx file to write")
    )
    finance.set_defaults(handler=run_finance)
    check = actions.add_parser(
        "check-sepa", help=_("validate a pain.001.001.03 file against the official XSD")
    )
    check.add_argument("file", type=Path, metavar=_("FILE"), help=_("the SEPA file (XML)"))
    check.set_defaults(handler=run_check_sepa)
    reconcile = actions.add_parser(
        "reconcile",
        help=_("mark the claims a bank statement shows paid (camt.053 .xml or bank .csv)"),
        description=_(
            "Read a bank statement, match every payment to a claim by its end-to-end id and "
            "amount, and mark the matched claims paid. Exit code 0 when everything matched, 3 "
            "when something did not, 2 when the file cannot be read or was read before."
        ),
    )
    reconcile.add_argument(
        "file", type=Path, metavar=_("FILE"), help=_("the bank statement (.xml or .csv)")
    )
    reconcile.add_argument(
        "--user",
        default="finance",
        metavar=_("USERNAME"),
        help=_("the staff user the payments are recorded for (default: %(default)s)"),
    )
    reconcile.set_defaults(handler=run_reconcile)
    rotate = actions.add_parser(
        "rotate-key",
        help=_("encrypt the stored bank details again with the first field key"),
        description=_(
            "Encrypt every stored bank account and SEPA file again with the first key of "
            "ONTMOETING_FIELD_KEY; afterwards the older keys can be removed."
        ),
    )
    rotate.set_defaults(handler=run_rotate_key)


def run_rates(args: argparse.Namespace) -> int:
    from ontmoeting.expenses.models import Rate

    print(_("figure  from  until  value  confirmed  source"))
    for r in Rate.objects.order_by("kind", "valid_from"):
        until = r.valid_to.isoformat() if r.valid_to else "…"
        confirmed = _("yes") if r.confirmed else _("NO")
        print(f"{r.kind}  {r.valid_from.isoformat()}  {until}  {r.value}  {confirmed}  {r.source}")
    return EXIT_OK


def run_finance(args: argparse.Namespace) -> int:
    from ontmoeting.expenses.finance_xlsx import finance_workbook
    from ontmoeting.expenses.selectors import finance_rows
    from ontmoeting.privacy.audit import record

    edition = edition_of_year(args.edition)
    if edition is None:
        return EXIT_BAD_INPUT
    args.out.write_bytes(finance_workbook(finance_rows(edition)))
    args.out.chmod(0o600)
    record("expenses.finance_export", actor="cli", obj=edition)
    print(_("Wrote %(file)s.") % {"file": args.out})
    return EXIT_OK


def run_check_sepa(args: argparse.Namespace) -> int:
    """Print every problem a bank would find in the file (exit 2), or its totals (exit 0)."""
    from ontmoeting.expenses import sepa
    from ontmoeting.expenses.sepa_check import problems

    data = args.file.read_bytes()
    found = problems(data)
    if found:
        for problem in found:
            print(_("Not valid: %(error)s") % {"error": problem})
        return EXIT_BAD_INPUT
    totals = sepa.totals(data)
    print(
        _(
            "Valid %(schema)s: %(count)s payments, control sum %(control)s, sum of amounts "
            "%(total)s."
        )
        % {
            "schema": sepa.SCHEMA,
            "count": totals.count,
            "control": totals.control_sum,
            "total": totals.sum_of_amounts,
        }
    )
    return EXIT_OK


def run_reconcile(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model

    from ontmoeting.expenses.reconcile import StatementRefused, reconcile_statement

    user = get_user_model().objects.filter(username=args.user, is_active=True).first()
    if user is None:
        print(_("There is no active user %(user)s.") % {"user": args.user}, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        content = args.file.read_bytes()
    except OSError as error:
        print(_("Cannot read %(file)s: %(error)s") % {"file": args.file, "error": error.strerror})
        return EXIT_BAD_INPUT
    try:
        report = reconcile_statement(file_name=args.file.name, content=content, actor=user)
    except StatementRefused as error:
        for message in error.messages:
            print(_("Not read: %(error)s") % {"error": message})
        return EXIT_BAD_INPUT
    for line in report_lines(report):
        print(line)
    return EXIT_OK if report.all_matched else EXIT_PARTIAL


def report_lines(report: Report) -> list[str]:
    """The reconciliation report as lines of text."""
    lines = [
        _(
            "Statement %(statement)s: %(matched)s paid, %(already)s paid before, %(mismatch)s with "
            "another amount, %(unknown)s unknown, %(open)s claims of these batches still open."
        )
        % {
            "statement": report.statement,
            "matched": len(report.matched),
            "already": len(report.already_paid),
            "mismatch": len(report.mismatches),
            "unknown": len(report.unknown),
            "open": len(report.open_claims),
        }
    ]
    for entry in report.matched:
        lines.append(_("  paid: %(entry)s → %(claim)s") % {"entry": entry, "claim": entry.claim})
    for mismatch in report.mismatches:
        lines.append(
            _("  other amount: %(entry)s, but %(claim)s is %(total)s")
            % {"entry": mismatch.entry, "claim": mismatch.claim, "total": mismatch.claim.total}
        )
    for entry in report.unknown:
        lines.append(_("  unknown: %(entry)s %(to)s") % {"entry": entry, "to": entry.counterparty})
    for claim in report.open_claims:
        lines.append(_("  still open: %(claim)s") % {"claim": claim})
    for batch in report.reconciled_batches:
        lines.append(_("  batch %(batch)s reconciled") % {"batch": batch})
    return lines


def run_rotate_key(args: argparse.Namespace) -> int:
    from django.core.exceptions import ImproperlyConfigured

    from ontmoeting.expenses.key_rotation import rotate_field_key

    try:
        rotation = rotate_field_key(actor="cli")
    except ImproperlyConfigured:
        print(
            _(
                "Nothing changed: a stored value cannot be read with any configured key. Put the "
                "old key back in ONTMOETING_FIELD_KEY, after the new one."
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(
        ngettext(
            "Encrypted %(count)s stored value again with the first key.",
            "Encrypted %(count)s stored values again with the first key.",
            rotation.total,
        )
        % {"count": rotation.total}
    )
    return EXIT_OK
