"""``ontmoeting people merge KEEP_ID DROP_ID [--dry-run]``: join two records of one person."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.people.merge import MergePreview


def register(sub: Subcommands) -> None:
    people = sub.add_parser("people", help=_("records of people: merge two records of one person"))
    actions = people.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    merge = actions.add_parser(
        "merge",
        help=_("join two records of one person into one"),
        description=_(
            "Move everything of the second record (participations with their claims, consents, "
            "links, held registrations, messages, expert profile) onto the first, then delete "
            "the second. Refused, with exit code 2, when both take part in the same edition, "
            "when one record was anonymised, or when both are the same record."
        ),
    )
    merge.add_argument("keep", type=int, metavar=_("KEEP_ID"), help=_("id of the record to keep"))
    merge.add_argument(
        "drop", type=int, metavar=_("DROP_ID"), help=_("id of the record that goes into it")
    )
    merge.add_argument(
        "--dry-run", action="store_true", help=_("only say what would move; change nothing")
    )
    merge.set_defaults(handler=run_merge)


def _print_preview(preview: MergePreview) -> None:
    for line in preview.participations:
        print(
            _("  participation %(year)s (%(edition)s): %(ref)s, %(role)s")
            % {
                "year": line.year,
                "edition": line.edition,
                "ref": line.ref or "—",
                "role": line.role,
            }
        )
    for move in preview.moves:
        print(f"  {move.label}: {move.count}")
    if preview.profile.action != "none":
        print(
            _("  expert profile: %(memberships)s memberships of self-help groups")
            % {"memberships": preview.profile.memberships}
        )


def run_merge(args: argparse.Namespace) -> int:
    from ontmoeting.people.merge import MergeRefused, merge_people, merge_preview
    from ontmoeting.people.models import Person

    people = Person.objects.in_bulk([args.keep, args.drop])
    missing = [pk for pk in (args.keep, args.drop) if pk not in people]
    if missing:
        print(_("No person with id %(id)s.") % {"id": missing[0]})
        return EXIT_BAD_INPUT
    keep, drop = people[args.keep], people[args.drop]
    preview = merge_preview(keep, drop)
    for problem in preview.problems:
        print(problem.message)
    if preview.blocked:
        return EXIT_BAD_INPUT
    heading = (
        _("Would move from #%(drop)s to #%(keep)s:")
        if args.dry_run
        else _("Moving from #%(drop)s to #%(keep)s:")
    )
    print(heading % {"drop": drop.pk, "keep": keep.pk})
    _print_preview(preview)
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
        return EXIT_OK
    try:
        merge_people(keep=keep, drop=drop, actor="cli")
    except MergeRefused as refused:
        print(refused)
        return EXIT_BAD_INPUT
    print(_("Merged: #%(drop)s is now part of #%(keep)s.") % {"drop": drop.pk, "keep": keep.pk})
    return EXIT_OK
