"""``ontmoeting import students|experts|professionals FILE --edition YEAR [--format F]`` and
``ontmoeting template …``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import edition_of_year
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition

KIND_CHOICES = ("students", "experts")
IMPORT_KINDS = ("students", "experts", "professionals")
FORMAT_CHOICES = ("encounter_day", "co_creation")


def register(sub: Subcommands) -> None:
    importer = sub.add_parser(
        "import",
        help=_(
            "import the students, experts or professionals of an edition from a .xlsx or .csv "
            "roster"
        ),
        description=_(
            "Import the roster of an edition. Every row is checked first; with any error nothing "
            "is written and the exit code is 2. Re-importing the same file updates people by "
            "their ref and never duplicates them. Import the experts first, then the students, "
            "so the students' 'knows' column can name experts. Professionals go to a co-creation "
            "meeting. Write an empty roster with 'ontmoeting template'."
        ),
    )
    importer.add_argument("kind", choices=IMPORT_KINDS, help=_("what the file holds"))
    importer.add_argument(
        "file", type=Path, metavar=_("FILE"), help=_("the roster, .xlsx or .csv (';' or ',')")
    )
    importer.add_argument(
        "--edition",
        type=int,
        required=True,
        metavar=_("YEAR"),
        help=_("year of the edition to import into"),
    )
    importer.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default=None,
        help=_(
            "encounter_day or co_creation: which edition of the year; needed only when the year "
            "has both and the roster could go to either (experts)"
        ),
    )
    importer.add_argument(
        "--dry-run", action="store_true", help=_("report what would change and write nothing")
    )
    importer.add_argument(
        "--verbose",
        action="store_true",
        help=_("also list every problem and every row on a line of its own"),
    )
    importer.add_argument(
        "--decide",
        action="append",
        default=[],
        metavar=_("ROW=ID|new"),
        help=_(
            "settle a possible match with a person of an earlier year: ROW=ID is the same person "
            "(the #id the report gives), ROW=new is someone else; repeat for each row"
        ),
    )
    importer.set_defaults(handler=run_import)

    template = sub.add_parser(
        "template",
        help=_("write an empty students or experts roster to fill in (.xlsx or .csv)"),
        description=_(
            "Write an empty roster. An .xlsx file has the column names in row 1 and a second "
            "sheet explaining each column and its allowed codes; a .csv file has only the "
            "header line (UTF-8, ';' between columns)."
        ),
    )
    template.add_argument("kind", choices=KIND_CHOICES, help=_("students or experts"))
    template.add_argument(
        "file", type=Path, metavar=_("FILE"), help=_("where to write it: a .xlsx or .csv path")
    )
    template.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    template.set_defaults(handler=run_template)


def run_import(args: argparse.Namespace) -> int:
    from ontmoeting.editions.roster import import_roster

    edition = edition_for_import(args.edition, kind=args.kind, edition_format=args.format)
    if edition is None:
        return EXIT_BAD_INPUT
    if not args.file.is_file():
        print(_("File not found: %(file)s") % {"file": args.file})
        return EXIT_BAD_INPUT
    try:
        decisions = parse_decisions(args.decide)
    except ValueError as exc:
        print(exc)
        return EXIT_BAD_INPUT
    report = import_roster(
        args.file,
        kind=args.kind,
        edition=edition,
        dry_run=args.dry_run,
        actor="cli",
        decisions=decisions,
    )
    print(report.as_text(verbose=args.verbose))
    if report.matches:
        print(_("Settle each possible match with --decide ROW=ID (same person) or ROW=new."))
    return EXIT_OK if report.ok else EXIT_BAD_INPUT


def edition_for_import(year: int, *, kind: str, edition_format: str | None) -> Edition | None:
    """The edition of ``year`` the ``kind`` roster goes to: the one of ``edition_format``, else
    the one that takes ``kind``; None after saying why (none there, or two could and no
    ``--format``). An edition that does not take ``kind`` is returned: the import refuses it."""
    from ontmoeting.editions.models import Edition
    from ontmoeting.editions.roster import kinds_of_format

    editions = list(Edition.objects.filter(year=year).order_by("format"))
    if edition_format is not None:
        editions = [e for e in editions if e.format == edition_format]
    if not editions:
        if edition_format is None and kind != "professionals":
            return edition_of_year(year)  # names the years that have an encounter day
        names = {"encounter_day": _("an encounter day"), "co_creation": _("a co-creation meeting")}
        print(
            _("There is no %(format)s in %(year)s.")
            % {"format": names[edition_format or "co_creation"], "year": year}
        )
        return None
    taking = [e for e in editions if kind in kinds_of_format(e.format)]
    if len(taking) > 1:
        print(
            _(
                "%(year)s has an encounter day and a co-creation meeting; choose one with "
                "--format encounter_day or --format co_creation."
            )
            % {"year": year}
        )
        return None
    return (taking or editions)[0]


def parse_decisions(values: list[str]) -> dict[int, int | None]:
    """``["5=12", "7=new"]`` → ``{5: 12, 7: None}``; ValueError with the reason otherwise."""
    decisions: dict[int, int | None] = {}
    for value in values:
        row, _sep, choice = value.partition("=")
        if not row.strip().isdigit() or not (choice.strip().isdigit() or choice.strip() == "new"):
            raise ValueError(
                _("--decide %(value)s: write ROW=ID or ROW=new, e.g. --decide 5=12")
                % {"value": value}
            )
        decisions[int(row)] = None if choice.strip() == "new" else int(choice)
    return decisions


def run_template(args: argparse.Namespace) -> int:
    from ontmoeting.editions.roster import write_template

    path: Path = args.file
    if path.suffix.lower() not in {".xlsx", ".csv"}:
        print(
            _("A template is written as .xlsx or .csv, not %(suffix)s.")
            % {"suffix": path.suffix or path.name}
        )
        return EXIT_BAD_INPUT
    if path.exists() and not args.force:
        print(_("%(file)s exists already; use --force to overwrite it.") % {"file": path})
        return EXIT_BAD_INPUT
    write_template(path, args.kind)
    print(
        _("Wrote an empty %(kind)s roster to %(file)s.")
        % {"kind": _("students") if args.kind == "students" else _("experts"), "file": path}
    )
    return EXIT_OK
