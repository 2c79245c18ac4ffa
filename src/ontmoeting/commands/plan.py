"""``ontmoeting plan YEAR`` and ``ontmoeting solve mdgp FILE``."""

from __future__ import annotations

import argparse
import json

from ontmoeting.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = sub.add_parser(
        "plan",
        help="pair students and experts, form the chaired groups, assign rooms; save a plan version",
        description=(
            "Run pairs, groups and rooms for the encounter day of YEAR and save a new plan "
            "version. Exit 0 for a full valid plan, 3 when someone could not be served or a soft "
            "rule failed (listed), 2 on bad input."
        ),
    )
    plan.add_argument("year", type=int)
    plan.add_argument("--seed", type=int, default=0, help="seed of the search (default 0)")
    plan.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.set_defaults(handler=run_plan)

    solve = sub.add_parser("solve", help="run an engine solver on a raw benchmark instance")
    kinds = solve.add_subparsers(dest="kind", metavar="KIND", required=True)
    mdgp = kinds.add_parser(
        "mdgp",
        help="maximally diverse grouping (MDGPLIB format)",
        description="Solve an MDGPLIB instance; honours its ss/ds group size bounds.",
    )
    mdgp.add_argument("file")
    mdgp.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    mdgp.add_argument("--seed", type=int, default=0)
    mdgp.add_argument("--json", action="store_true", help="print JSON (objective, groups, seconds)")
    mdgp.set_defaults(handler=run_mdgp, needs_django=False)


def run_plan(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from ontmoeting.editions.enums import Format
    from ontmoeting.editions.models import Edition
    from ontmoeting.planning.selectors import plan_json
    from ontmoeting.planning.services import NothingToPlan, plan_edition

    edition = Edition.objects.filter(year=args.year, format=Format.ENCOUNTER_DAY).first()
    if edition is None:
        print(_("There is no encounter day in %(year)s.") % {"year": args.year})
        return EXIT_BAD_INPUT
    try:
        plan, result = plan_edition(
            edition, actor="cli", seed=args.seed, time_limit=args.time_limit
        )
    except NothingToPlan as error:
        print(error)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(plan_json(plan), ensure_ascii=False, indent=2))
    else:
        print(
            _(
                "Plan version %(v)s for %(edition)s: %(pairs)s pairs, %(groups)s groups, "
                "%(unpaired)s unpaired, %(seconds).2f s."
            )
            % {
                "v": plan.version,
                "edition": edition,
                "pairs": len(result.pairs),
                "groups": len(result.groups),
                "unpaired": len(result.unpaired),
                "seconds": result.seconds,
            }
        )
        from ontmoeting.planning.findings import plan_findings

        found = plan_findings(plan)
        for line in found.hard:
            print(f"  [{_('hard')}] {line}")
        for line in found.soft:
            print(f"  [{_('soft')}] {line}")
    return (
        EXIT_OK
        if result.feasible and not result.violations and not result.unpaired
        else EXIT_PARTIAL
    )


def run_mdgp(args: argparse.Namespace) -> int:
    from ontmoeting.engine.mdgp import solve_mdgp_file

    try:
        result = solve_mdgp_file(args.file, time_limit=args.time_limit, seed=args.seed)
    except (OSError, ValueError) as error:
        print(f"{args.file}: {error}")
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(result))
    else:
        print(f"objective {result['objective']:.2f} in {result['seconds']:.2f} s")
        for index, group in enumerate(result["groups"], start=1):
            print(f"  group {index} ({len(group)}): {' '.join(map(str, group))}")
    return EXIT_OK
