"""``ontmoeting plan [make] YEAR``, ``ontmoeting plan publish YEAR`` and ``ontmoeting solve mdgp``.

``plan`` has two actions; ``make`` is its default, so ``ontmoeting plan 2026 --json`` (the form
scripts use) is ``ontmoeting plan make 2026 --json`` (see ``commands._parsing.CommandParser``).
"""

from __future__ import annotations

import argparse
import json

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands
from ontmoeting.commands._quiet import library_output_to_stderr

ACTIONS = ("make", "publish")


def _year(text: str) -> int:
    """A year; a word that is neither a year nor an action gets a message saying both."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            _("%(value)s is neither a year nor one of the actions: %(actions)s.")
            % {"value": text, "actions": ", ".join(ACTIONS)}
        )
    return int(text)


def register(sub: Subcommands) -> None:
    plan = sub.add_parser(
        "plan",
        help=_("pair students and experts, form the chaired groups, assign rooms; publish a plan"),
        description=_(
            "Make a new plan version for the encounter day of YEAR, or publish one. "
            "'ontmoeting plan YEAR' is short for 'ontmoeting plan make YEAR'."
        ),
    )
    plan.default_action = "make"
    actions = plan.add_subparsers(dest="plan_action", metavar=_("ACTION"), required=True)

    make = actions.add_parser(
        "make",
        help=_("run pairs, groups and rooms and save a new plan version (the default action)"),
        description=_(
            "Run pairs, groups and rooms for the encounter day of YEAR and save a new plan "
            "version. Exit 0 for a full valid plan, 3 when someone could not be served or a rule "
            "is broken (listed), 2 on bad input."
        ),
    )
    make.add_argument("year", type=_year, metavar=_("YEAR"), help=_("the edition's year"))
    make.add_argument(
        "--seed", type=int, default=0, metavar="N", help=_("seed of the search (default 0)")
    )
    make.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar=_("SECONDS"),
        help=_("seconds the search may take (default 10)"),
    )
    make.add_argument("--json", action="store_true", help=_("print the plan as JSON"))
    make.set_defaults(handler=run_plan)

    publish = actions.add_parser(
        "publish",
        help=_("publish a plan version: the one participants see"),
        description=_(
            "Publish a plan version of the encounter day of YEAR (by default the newest): the "
            "version published before is withdrawn and the edition becomes 'published'. A "
            "version that breaks a hard rule is refused, with every broken rule listed. Exit 0 "
            "when published, 2 when refused (nothing changes)."
        ),
    )
    publish.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    publish.add_argument(
        "--version",
        type=int,
        default=None,
        metavar="N",
        help=_("the plan version to publish (default: the newest)"),
    )
    publish.set_defaults(handler=run_publish)

    solve = sub.add_parser("solve", help=_("run an engine solver on a raw benchmark instance"))
    kinds = solve.add_subparsers(dest="kind", metavar=_("KIND"), required=True)
    mdgp = kinds.add_parser(
        "mdgp",
        help=_("maximally diverse grouping (MDGPLIB format)"),
        description=_("Solve an MDGPLIB instance; honours its ss/ds group size bounds."),
    )
    mdgp.add_argument("file", metavar=_("FILE"), help=_("an MDGPLIB instance"))
    mdgp.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar=_("SECONDS"),
        help=_("seconds the search may take (default 10)"),
    )
    mdgp.add_argument(
        "--seed", type=int, default=0, metavar="N", help=_("seed of the search (default 0)")
    )
    mdgp.add_argument(
        "--json", action="store_true", help=_("print JSON (objective, groups, seconds)")
    )
    mdgp.set_defaults(handler=run_mdgp)


def run_plan(args: argparse.Namespace) -> int:
    from ontmoeting.commands._findings import print_findings
    from ontmoeting.planning.findings import plan_findings
    from ontmoeting.planning.selectors import plan_json
    from ontmoeting.planning.services import NothingToPlan, plan_edition

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    try:
        with library_output_to_stderr():
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
        print_findings(plan_findings(plan))
    return (
        EXIT_OK
        if result.feasible and not result.violations and not result.unpaired
        else EXIT_PARTIAL
    )


def run_publish(args: argparse.Namespace) -> int:
    from ontmoeting.commands._findings import print_findings
    from ontmoeting.editions.enums import EditionStatus
    from ontmoeting.planning.findings import plan_findings
    from ontmoeting.planning.models import PlanStatus
    from ontmoeting.planning.publish import CannotPublish, publish_plan

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    plans = edition.plans.order_by("-version")
    plan = (plans.filter(version=args.version) if args.version is not None else plans).first()
    if plan is None:
        if args.version is not None:
            print(
                _("Edition %(year)s has no plan version %(v)s.")
                % {"year": edition.year, "v": args.version}
            )
        else:
            print(
                _("Edition %(year)s has no plan yet; make one with 'ontmoeting plan %(year)s'.")
                % {"year": edition.year}
            )
        return EXIT_BAD_INPUT
    values = {"v": plan.version, "edition": edition}
    if plan.status == PlanStatus.PUBLISHED:
        print(_("Plan version %(v)s of %(edition)s is already published.") % values)
        return EXIT_OK
    withdrawn = list(plans.filter(status=PlanStatus.PUBLISHED).values_list("version", flat=True))
    try:
        publish_plan(plan, actor="cli")
    except CannotPublish as error:
        print(error)
        print_findings(plan_findings(plan), soft=False)
        return EXIT_BAD_INPUT
    edition.refresh_from_db()
    print(
        _("Plan version %(v)s of %(edition)s is published; the edition is now '%(status)s'.")
        % {**values, "status": EditionStatus(edition.status).label}
    )
    if withdrawn:
        print(
            _("Withdrawn: version %(versions)s.")
            % {"versions": ", ".join(str(v) for v in withdrawn)}
        )
    return EXIT_OK


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
        print(
            _("objective %(objective).2f in %(seconds).2f s")
            % {"objective": result["objective"], "seconds": result["seconds"]}
        )
        for index, group in enumerate(result["groups"], start=1):
            print(
                "  "
                + _("group %(n)d (%(size)d): %(members)s")
                % {"n": index, "size": len(group), "members": " ".join(map(str, group))}
            )
    return EXIT_OK
