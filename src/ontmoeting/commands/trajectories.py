"""``ontmoeting trajectories remind [--dry-run]``: remind team contacts of actions that are due."""

from __future__ import annotations

import argparse
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    trajectories = sub.add_parser("trajectories", help=_("co-creative team trajectories"))
    actions = trajectories.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    remind = actions.add_parser(
        "remind",
        help=_("remind team contacts of actions that are due"),
        description=_(
            "Queue one email in the outbox per team contact, with their personal link, for "
            "the actions of their team that are not done and due within DAYS days or overdue. "
            "Safe to run every day: an action is reminded at most once a day."
        ),
    )
    remind.add_argument(
        "--days",
        type=int,
        default=3,
        metavar=_("DAYS"),
        help=_("remind of actions due within this many days (default 3)"),
    )
    remind.add_argument(
        "--today",
        default=None,
        metavar=_("DATE"),
        help=_("the date to remind for, as YYYY-MM-DD (default today)"),
    )
    remind.add_argument(
        "--dry-run", action="store_true", help=_("only say who would be reminded; queue nothing")
    )
    remind.set_defaults(handler=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from ontmoeting.cocreation.reminders import plan_reminders, send_reminders

    try:
        today = dt.date.fromisoformat(args.today) if args.today else timezone.localdate()
    except ValueError:
        print(_("Give the date as YYYY-MM-DD."))
        return EXIT_BAD_INPUT
    if args.days < 0:
        print(_("DAYS cannot be negative."))
        return EXIT_BAD_INPUT
    if args.dry_run:
        reminders = plan_reminders(today=today, within_days=args.days)
    else:
        reminders = send_reminders(today=today, within_days=args.days, actor="cli")
    for reminder in reminders:
        count = len(reminder.actions)
        print(
            "  "
            + ngettext("%(name)s: %(n)d action", "%(name)s: %(n)d actions", count)
            % {"name": reminder.person.full_name, "n": count}
        )
    total = len(reminders)
    if args.dry_run:
        print(
            ngettext("Would remind %(n)d contact.", "Would remind %(n)d contacts.", total)
            % {"n": total}
        )
        print(_("Dry run: nothing was queued."))
    else:
        print(ngettext("Reminded %(n)d contact.", "Reminded %(n)d contacts.", total) % {"n": total})
    return EXIT_OK
