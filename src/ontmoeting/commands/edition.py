"""``ontmoeting edition`` — create an edition, list them, show one, move one in its lifecycle."""

from __future__ import annotations

import argparse
import datetime as dt

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._editions import edition_of_year, editions_overview
from ontmoeting.commands._parsing import Subcommands

STATUSES = ("draft", "recruiting", "planned", "published", "held", "evaluated", "archived")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date like 2026-12-10 (YYYY-MM-DD).") % {"value": text}
        ) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a whole number of at least 1.") % {"value": text}
        )
    return int(text)


def academic_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The academic year that holds ``day``: 1 September until 31 August."""
    start = day.year if day.month >= 9 else day.year - 1
    return dt.date(start, 9, 1), dt.date(start + 1, 8, 31)


def register(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "edition",
        help=_("create an edition, list them, show one, or move one to its next status"),
        description=_(
            "Create an edition, list the editions, show one edition's counts and experts, or "
            "change its status."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    create = actions.add_parser(
        "create",
        help=_("create the encounter day of a year, with the default programme"),
        description=_(
            "Create the encounter day of YEAR, as a draft with the default programme (9:00 "
            "welcome, 10:00 one-to-one conversations, 12:00 lunch, 13:30 groups, 15:30 closing). "
            "Without --window-start and --window-end, the academic calendar window is the "
            "academic year that holds --date (1 September – 31 August). Exit 0 when created, 2 "
            "when refused (nothing written): an edition of YEAR exists already, the venue is "
            "unknown or --date falls outside the window."
        ),
    )
    create.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    create.add_argument(
        "--date",
        type=_date,
        required=True,
        metavar=_("DATE"),
        help=_("the day of the encounter day, as YYYY-MM-DD"),
    )
    create.add_argument(
        "--window-start",
        type=_date,
        default=None,
        metavar=_("DATE"),
        help=_("first day the encounter day may fall on (default: 1 September before --date)"),
    )
    create.add_argument(
        "--window-end",
        type=_date,
        default=None,
        metavar=_("DATE"),
        help=_("last day the encounter day may fall on (default: 31 August after --date)"),
    )
    create.add_argument(
        "--venue",
        default=None,
        metavar=_("NAME"),
        help=_("name of a known venue (default: none yet)"),
    )
    create.add_argument(
        "--title",
        default="",
        metavar=_("TITLE"),
        help=_("a title (default: none; the edition is then named by its kind and year)"),
    )
    create.add_argument(
        "--target-pairs",
        type=_positive,
        default=108,
        metavar="N",
        help=_("how many student–expert pairs to aim for (default: %(default)s)"),
    )
    create.set_defaults(handler=create_)

    actions.add_parser("list", help=_("all editions, newest first")).set_defaults(handler=list_)
    show = actions.add_parser(
        "show", help=_("one edition: counts against targets, experts' standing")
    )
    show.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    show.set_defaults(handler=show_)
    advance = actions.add_parser(
        "status",
        help=_("move an edition to another status (only allowed transitions)"),
        description=_(
            "Move the edition of YEAR to another status. Only the steps of the lifecycle are "
            "allowed (draft → recruiting → planned → published → held → evaluated → archived, "
            "or one step back before the day); 'published' needs a published plan version."
        ),
    )
    advance.add_argument("year", type=int, metavar=_("YEAR"), help=_("the edition's year"))
    advance.add_argument(
        "to", choices=STATUSES, metavar=_("STATUS"), help=_("the new status: %(choices)s")
    )
    advance.set_defaults(handler=status_)


def create_(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    from ontmoeting.editions.models import Venue
    from ontmoeting.editions.selectors import encounter_day
    from ontmoeting.editions.services import create_edition

    existing = encounter_day(args.year)
    if existing is not None:
        print(
            _(
                "There is already an encounter day in %(year)s: %(edition)s on %(date)s (%(status)s)."
            )
            % {
                "year": args.year,
                "edition": existing,
                "date": existing.date.isoformat(),
                "status": existing.get_status_display(),
            }
        )
        return EXIT_BAD_INPUT
    venue = None
    if args.venue is not None:
        venue = Venue.objects.filter(name__iexact=args.venue.strip()).first()
        if venue is None:
            known = ", ".join(Venue.objects.order_by("name").values_list("name", flat=True))
            print(
                _("There is no venue called '%(name)s' (venues: %(venues)s).")
                % {"name": args.venue, "venues": known or "—"}
            )
            return EXIT_BAD_INPUT
    default_start, default_end = academic_year(args.date)
    try:
        edition = create_edition(
            year=args.year,
            date=args.date,
            window_start=args.window_start or default_start,
            window_end=args.window_end or default_end,
            venue=venue,
            title=args.title,
            target_pairs=args.target_pairs,
            actor="cli",
        )
    except ValidationError as error:
        for message in error.messages:
            print(message)
        print(_("No edition was created."))
        return EXIT_BAD_INPUT
    print(
        _(
            "Created %(edition)s on %(date)s (window %(start)s – %(end)s, venue %(venue)s, "
            "target %(pairs)d pairs), status '%(status)s', with the default programme."
        )
        % {
            "edition": edition,
            "date": edition.date.isoformat(),
            "start": edition.window_start.isoformat(),
            "end": edition.window_end.isoformat(),
            "venue": edition.venue or "—",
            "pairs": edition.target_pairs,
            "status": edition.get_status_display(),
        }
    )
    return EXIT_OK


def list_(args: argparse.Namespace) -> int:

    for edition in editions_overview():
        print(
            f"{edition.year}  {edition.date}  {edition.get_status_display():<12} "
            f"{edition.n_students:>4} / {edition.n_experts:>4}  {edition}"
        )
    return EXIT_OK


def show_(args: argparse.Namespace) -> int:
    from ontmoeting.editions.selectors import edition_counts, expert_standings

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    counts = edition_counts(edition)
    print(f"{edition} — {edition.date} — {edition.get_status_display()}")
    print(
        _("Students: %(n)s (target %(t)s pairs)") % {"n": counts.students, "t": counts.target_pairs}
    )
    print(
        _(
            "Experts: %(n)s, eligible %(e)s, veterans %(v)s, newcomers %(c)s (%(share).0f%%; target %(target).0f%%)"
        )
        % {
            "n": counts.experts,
            "e": counts.eligible_experts,
            "v": counts.veteran_experts,
            "c": counts.newcomer_experts,
            "share": 100 * counts.newcomer_share,
            "target": 100 * counts.target_newcomer_share,
        }
    )
    for standing in expert_standings(edition):
        if not standing.eligibility.eligible:
            print(
                _("  not eligible: %(ref)s %(name)s — %(reason)s")
                % {
                    "ref": standing.participant.ref,
                    "name": standing.participant.person.full_name,
                    "reason": standing.eligibility.reason,
                }
            )
    return EXIT_OK


def status_(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    from ontmoeting.editions.services import transition_edition

    edition = edition_of_year(args.year)
    if edition is None:
        return EXIT_BAD_INPUT
    try:
        transition_edition(edition, to=args.to, actor="cli")
    except ValidationError as error:
        print(" ".join(error.messages))
        return EXIT_BAD_INPUT
    print(f"{edition}: {edition.get_status_display()}")
    return EXIT_OK
