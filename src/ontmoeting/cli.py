"""The ``ontmoeting`` command: one entry point, one sub-command per job.

Exit codes: 0 success; 2 bad input (nothing written); 3 done, with people not served or soft
rules broken (listed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_PARTIAL = 3

Handler = Callable[[argparse.Namespace], int]


def _setup_django(language: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    translation.activate(
        language or os.environ.get("ONTMOETING_LANGUAGE") or settings.LANGUAGE_CODE
    )


def build_parser() -> argparse.ArgumentParser:
    from ontmoeting.commands import register_all

    parser = argparse.ArgumentParser(
        prog="ontmoeting",
        description="Plan and run the encounter day between students and experts by experience.",
    )
    parser.add_argument(
        "--lang", choices=["nl", "en", "it"], help="language of messages (default: nl)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register_all(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "needs_django", True):
        _setup_django(args.lang)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
