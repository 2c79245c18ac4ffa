"""``ontmoeting surveys import-instrument FILE`` and ``ontmoeting surveys instruments``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import WithAnnotations

    from ontmoeting.surveys.models import Instrument


class InstrumentCounts(TypedDict):
    """The counts ``surveys.selectors.instruments`` annotates on every instrument."""

    n_items: int
    n_subscales: int


def register(sub: Subcommands) -> None:
    surveys = sub.add_parser("surveys", help=_("survey instruments"))
    actions = surveys.add_subparsers(dest="surveys_command", metavar=_("ACTION"), required=True)
    importer = actions.add_parser(
        "import-instrument",
        help=_("import an instrument (e.g. a licensed, validated one) from a .xlsx or .json file"),
        description=_(
            "Import an instrument the department holds a licence for. Its texts stay in the "
            "database and never in the source code. Every row is checked first; with any error "
            "nothing is written and the exit code is 2. Layout: see ontmoeting.surveys.importer."
        ),
    )
    importer.add_argument(
        "file", type=Path, metavar=_("FILE"), help=_("the instrument, .xlsx or .json")
    )
    importer.set_defaults(handler=run_import)
    listing = actions.add_parser("instruments", help=_("list the instruments"))
    listing.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.importer import InstrumentImportError, import_instrument

    if not args.file.is_file():
        print(_("File not found: %(file)s") % {"file": args.file}, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        instrument = import_instrument(args.file, actor="cli")
    except InstrumentImportError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(_("Nothing was imported."), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        _("Imported %(name)s (%(slug)s v%(version)s): %(items)d items, %(subscales)d subscales.")
        % {
            "name": instrument.name,
            "slug": instrument.slug,
            "version": instrument.version,
            "items": instrument.items.count(),
            "subscales": instrument.subscales.count(),
        }
    )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from ontmoeting.surveys.defaults import ensure_default_instruments
    from ontmoeting.surveys.selectors import instruments

    ensure_default_instruments()
    # instruments() is typed QuerySet[Instrument], which drops the two counts it annotates.
    counted = cast("QuerySet[WithAnnotations[Instrument, InstrumentCounts]]", instruments())
    for instrument in counted:
        validated = _("validated") if instrument.validated else _("NOT validated")
        counts = _("%(items)d items\t%(subscales)d subscales") % {
            "items": instrument.n_items,
            "subscales": instrument.n_subscales,
        }
        name = instrument.display_name
        print(f"{instrument.slug}\tv{instrument.version}\t{counts}\t{validated}\t{name}")
    return EXIT_OK
