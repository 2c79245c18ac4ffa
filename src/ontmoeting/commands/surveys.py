"""``ontmoeting surveys import-instrument FILE`` and ``ontmoeting surveys instruments``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ontmoeting.cli import EXIT_BAD_INPUT, EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    surveys = sub.add_parser("surveys", help="survey instruments")
    actions = surveys.add_subparsers(dest="surveys_command", required=True)
    importer = actions.add_parser(
        "import-instrument",
        help="import an instrument (e.g. a licensed, validated one) from a .xlsx or .json file",
        description=(
            "Import an instrument the department holds a licence for. Its texts stay in the "
            "database and never in the source code. Every row is checked first; with any error "
            "nothing is written and the exit code is 2. Layout: see ontmoeting.surveys.importer."
        ),
    )
    importer.add_argument("file", type=Path, help="the instrument, .xlsx or .json")
    importer.set_defaults(handler=run_import)
    listing = actions.add_parser("instruments", help="list the instruments")
    listing.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.importer import InstrumentImportError, import_instrument

    if not args.file.is_file():
        print(f"No such file: {args.file}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        instrument = import_instrument(args.file, actor="cli")
    except InstrumentImportError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        f"Imported {instrument.name} ({instrument.slug} v{instrument.version}): "
        f"{instrument.items.count()} items, {instrument.subscales.count()} subscales."
    )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.defaults import ensure_default_instruments
    from ontmoeting.surveys.selectors import instruments

    ensure_default_instruments()
    for instrument in instruments():
        validated = "validated" if instrument.validated else "NOT validated"
        print(
            f"{instrument.slug}\tv{instrument.version}\t{instrument.n_items} items\t"
            f"{instrument.n_subscales} subscales\t{validated}\t{instrument.name}"
        )
    return EXIT_OK
