"""``ontmoeting documents YEAR --out DIR``: the printed documents and calendars of an edition."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ontmoeting.cli import EXIT_BAD_INPUT, EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "documents",
        help="write the schedule cards, badges, door signs, group sheets, attendance lists and "
        "calendars of an edition",
        description=(
            "Write every document of the encounter day of YEAR from its published plan: one PDF "
            "per kind, a schedule card and a calendar (ICS) per person. Exit 2 when there is no "
            "published plan (or no plan VERSION)."
        ),
    )
    parser.add_argument("year", type=int)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files to")
    parser.add_argument(
        "--plan-version",
        type=int,
        default=None,
        metavar="N",
        help="use plan version N instead of the published plan",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes that lay out the PDFs (default: the number of cores, at most 4)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from ontmoeting.documents.pack import NoPlan, load, write_pack
    from ontmoeting.editions.enums import Format
    from ontmoeting.editions.models import Edition

    edition = Edition.objects.filter(year=args.year, format=Format.ENCOUNTER_DAY).first()
    if edition is None:
        print(_("There is no encounter day in %(year)s.") % {"year": args.year})
        return EXIT_BAD_INPUT
    try:
        data = load(edition, version=args.plan_version)
    except NoPlan as error:
        print(error)
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    out: Path = args.out
    paths = write_pack(
        data, out, language=(get_language() or "nl")[:2], actor="cli", workers=args.workers
    )
    assert data.plan is not None
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
    return EXIT_OK
