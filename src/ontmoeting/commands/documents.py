"""``ontmoeting documents YEAR --out DIR``: the printed documents and calendars of an edition."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "documents",
        help=_(
            "write the schedule cards, badges, door signs, group sheets, attendance lists and "
            "calendars of an edition"
        ),
        description=_(
            "Write every document of the encounter day of YEAR from its published plan: one PDF "
            "per kind, a schedule card and a calendar (ICS) per person. A plan that breaks a hard "
            "rule is refused unless --force is given; then every broken rule is listed first. "
            "Exit 0 when written, 3 when written with --force from a plan that breaks a hard "
            "rule, 2 when there is no published plan (or no plan version N) or the plan is "
            "refused (nothing written)."
        ),
    )
    parser.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=_("FOLDER"),
        help=_("folder to write the files to"),
    )
    parser.add_argument(
        "--plan-version",
        type=int,
        default=None,
        metavar="N",
        help=_("use plan version N instead of the published plan"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("write the documents even when the plan breaks a hard rule (listed first)"),
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help=_("processes that lay out the PDFs (default: the number of cores, at most 4)"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from ontmoeting.commands._findings import print_findings
    from ontmoeting.documents.pack import NoPlan, load, write_pack
    from ontmoeting.planning.findings import plan_findings

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    try:
        data = load(edition, version=args.plan_version)
    except NoPlan as error:
        print(error)
        return EXIT_BAD_INPUT
    assert data.plan is not None
    findings = plan_findings(data.plan)
    if findings.hard and not args.force:
        print(
            _(
                "Plan version %(v)s breaks %(n)d hard rule(s): no documents were written. Fix "
                "the plan, or use --force to write them anyway."
            )
            % {"v": data.plan.version, "n": len(findings.hard)}
        )
        print_findings(findings, soft=False)
        return EXIT_BAD_INPUT
    if args.force:
        print_findings(findings)
    started = time.perf_counter()
    out: Path = args.out
    paths = write_pack(
        data, out, language=(get_language() or "nl")[:2], actor="cli", workers=args.workers
    )
    print(
        _("Wrote %(n)d files for %(edition)s (plan version %(v)s) to %(out)s in %(seconds).1f s.")
        % {
            "n": len(paths),
            "edition": edition,
            "v": data.plan.version,
            "out": out,
            "seconds": time.perf_counter() - started,
        }
    )
    return EXIT_PARTIAL if findings.hard else EXIT_OK
