"""``ontmoeting expenses rates | finance | check-sepa``: the yearly rates and the exports."""

from __future__ import annotations

import argparse
from pathlib import Path

from ontmoeting.cli import EXIT_BAD_INPUT, EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    expenses = sub.add_parser("expenses", help="travel and lunch claims: rates and exports")
    actions = expenses.add_subparsers(dest="action", metavar="ACTION", required=True)
    rates = actions.add_parser("rates", help="list the rates per year (check them each January)")
    rates.set_defaults(handler=run_rates)
    finance = actions.add_parser("finance", help="write the finance XLSX of an edition")
    finance.add_argument("--edition", type=int, required=True, help="edition id")
    finance.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    finance.set_defaults(handler=run_finance)
    check = actions.add_parser(
        "check-sepa", help="validate a pain.001.001.03 file against the official XSD"
    )
    check.add_argument("file", type=Path)
    check.set_defaults(handler=run_check_sepa)


def run_rates(args: argparse.Namespace) -> int:
    from ontmoeting.expenses.models import YearRates

    print("year  car/km  moto/km  bike/km  lunch  flat/day  flat/year  km-cap")
    for r in YearRates.objects.order_by("year"):
        print(
            f"{r.year}  {r.car_km_rate}  {r.motorbike_km_rate}  {r.bicycle_km_rate}  "
            f"{r.lunch_max}  {r.flat_daily_allowance}  {r.flat_yearly_ceiling}  "
            f"{r.real_km_yearly_cap}"
        )
    return EXIT_OK


def run_finance(args: argparse.Namespace) -> int:
    from ontmoeting.editions.models import Edition
    from ontmoeting.expenses.finance_xlsx import finance_workbook
    from ontmoeting.expenses.selectors import finance_claims
    from ontmoeting.privacy.audit import record

    edition = Edition.objects.filter(pk=args.edition).first()
    if edition is None:
        print(f"No edition {args.edition}.")
        return EXIT_BAD_INPUT
    args.out.write_bytes(finance_workbook(finance_claims(edition)))
    args.out.chmod(0o600)
    record("expenses.finance_export", actor="cli", obj=edition)
    print(f"Wrote {args.out}.")
    return EXIT_OK


def run_check_sepa(args: argparse.Namespace) -> int:
    from ontmoeting.expenses import sepa

    data = args.file.read_bytes()
    try:
        sepa.validate(data)
    except (sepa.InvalidSepaFile, ValueError) as error:
        print(f"Not valid: {error}")
        return EXIT_BAD_INPUT
    totals = sepa.totals(data)
    print(
        f"Valid {sepa.SCHEMA}: {totals.count} payments, control sum {totals.control_sum}, "
        f"sum of amounts {totals.sum_of_amounts}."
    )
    return EXIT_OK
