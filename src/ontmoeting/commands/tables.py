"""``ontmoeting tables YEAR``: seat a co-creation meeting at mixed tables in rounds."""

from __future__ import annotations

import argparse
import json

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._parsing import Subcommands
from ontmoeting.commands._quiet import library_output_to_stderr


def register(sub: Subcommands) -> None:
    tables = sub.add_parser(
        "tables",
        help=_("seat a co-creation meeting at mixed tables in rounds"),
        description=_(
            "Seat the confirmed experts by experience and professionals of the co-creation "
            "meeting of YEAR at mixed tables for every round and save a new table-plan version. "
            "Exit 0 when every rule holds, 3 when a rule is broken or someone meets the same "
            "person twice (listed), 2 on bad input."
        ),
    )
    tables.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    tables.add_argument(
        "--rounds", type=int, default=2, metavar="N", help=_("rounds of tables (default 2)")
    )
    tables.add_argument(
        "--min-size", type=int, default=5, metavar="N", help=_("smallest table (default 5)")
    )
    tables.add_argument(
        "--max-size", type=int, default=8, metavar="N", help=_("largest table (default 8)")
    )
    tables.add_argument(
        "--co-facilitator",
        action="store_true",
        help=_("a professional willing to co-facilitate at every table"),
    )
    tables.add_argument(
        "--seed", type=int, default=1, metavar="N", help=_("seed of the search (default 1)")
    )
    tables.add_argument("--json", action="store_true", help=_("print the tables as JSON"))
    tables.set_defaults(handler=run_tables)


def run_tables(args: argparse.Namespace) -> int:
    from ontmoeting.cocreation.selectors import (
        co_creation_of_year,
        co_creation_years,
        table_plan_json,
        table_plan_view,
    )
    from ontmoeting.cocreation.tables import NothingToSeat, plan_tables
    from ontmoeting.commands._findings import print_findings

    edition = co_creation_of_year(args.year)
    if edition is None:
        years = ", ".join(str(y) for y in co_creation_years())
        print(
            _("There is no co-creation meeting in %(year)s (meetings: %(years)s).")
            % {"year": args.year, "years": years or "—"}
        )
        return EXIT_BAD_INPUT
    if args.rounds < 1 or args.min_size < 1 or args.max_size < args.min_size:
        print(_("Need at least one round and 0 < smallest table <= largest table."))
        return EXIT_BAD_INPUT
    try:
        with library_output_to_stderr():
            plan, result = plan_tables(
                edition,
                actor="cli",
                rounds=args.rounds,
                min_size=args.min_size,
                max_size=args.max_size,
                co_facilitator=args.co_facilitator,
                seed=args.seed,
            )
    except NothingToSeat as error:
        print(error)
        return EXIT_BAD_INPUT
    view = table_plan_view(plan)
    if args.json:
        print(json.dumps(table_plan_json(view), ensure_ascii=False, indent=2))
    else:
        tables = max((len(r.tables) for r in view.rounds), default=0)
        print(
            _(
                "Table plan version %(v)s for %(edition)s: %(rounds)s rounds of %(tables)s "
                "tables, %(people)s people, %(seconds).2f s."
            )
            % {
                "v": plan.version,
                "edition": edition,
                "rounds": plan.rounds,
                "tables": tables,
                "people": view.people,
                "seconds": result.seconds,
            }
        )
        for r in view.rounds:
            for t in r.tables:
                names = ", ".join(s.name for s in t.everyone)
                print(
                    _("Round %(round)s, table %(table)s: %(names)s")
                    % {"round": r.number, "table": t.number, "names": names}
                )
        print_findings(view.findings)
    return EXIT_OK if not result.violations and result.tables else EXIT_PARTIAL
