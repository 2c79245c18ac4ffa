"""``ontmoeting manage ARGS`` — Django's manage.py (migrate, runserver, createsuperuser…)."""

from __future__ import annotations

import argparse

from django.utils.translation import gettext as _

from ontmoeting.commands._parsing import Subcommands


def register(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "manage",
        help=_("run a Django management command (migrate, runserver, check, …)"),
        description=_("Run a Django management command, e.g. 'ontmoeting manage migrate'."),
        add_help=False,
    )
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar=_("ARGUMENTS"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ontmoeting manage", *args.args])
    return 0
