"""``ontmoeting privacy purge|export|erase``: the GDPR lifecycle of people's data.

``purge`` applies the retention policy (``privacy/retention.py``); it is idempotent and safe to
run daily from cron or a systemd timer (docs/privacy.md).
"""

from __future__ import annotations

import argparse

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_OK
from ontmoeting.commands._parsing import Subcommands


def _category_labels() -> dict[str, str]:
    return {
        "contact": _("name and contact details of people who did not return"),
        "messages": _("stored e-mails and letters past their retention"),
        "special_category": _("domains of experience and memberships without consent to keep"),
    }


def register(sub: Subcommands) -> None:
    privacy = sub.add_parser("privacy", help=_("retention purge, a person's data, erasure"))
    actions = privacy.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    purge = actions.add_parser(
        "purge",
        help=_("remove the personal data the retention policy no longer allows to keep"),
        description=_(
            "Apply the retention policy: remove the contact data of people who did not return "
            "within the retention period, the domains of experience and memberships of experts "
            "whose edition is over (unless their special-category consent covers longer), and "
            "old stored messages. Research answers stay under their study codes. Safe to run "
            "every day; a second run removes nothing."
        ),
    )
    purge.add_argument(
        "--dry-run", action="store_true", help=_("only say what would be removed; change nothing")
    )
    purge.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.retention import purge

    report = purge(actor="cli", dry_run=args.dry_run)
    labels = _category_labels()
    print(_("Would remove:") if report.dry_run else _("Removed:"))
    for category, count in report.counts.items():
        print(f"  {category}: {count} — {labels.get(category, category)}")
    if report.dry_run:
        print(_("Dry run: nothing was changed."))
    return EXIT_OK
