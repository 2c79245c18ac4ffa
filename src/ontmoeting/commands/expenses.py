"""``ontmoeting expenses rates | finance | check-sepa | rotate-key``: rates, exports, the key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands


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
    from ontmoeting.expenses.selectors import finance_claims
    from ontmoeting.privacy.audit import record

    edition = edition_of_year(args.edition)
    if edition is None:
        return EXIT_BAD_INPUT
    args.out.write_bytes(finance_workbook(finance_claims(edition)))
    args.out.chmod(0o600)
    record("expenses.finance_export", actor="cli", obj=edition)
    print(_("Wrote %(file)s.") % {"file": args.out})
    return EXIT_OK


def run_check_sepa(args: argparse.Namespace) -> int:
    from ontmoeting.expenses import sepa

    data = args.file.read_bytes()
    try:
        sepa.validate(data)
    except (sepa.InvalidSepaFile, ValueError) as error:
        print(_("Not valid: %(error)s") % {"error": error})
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
