"""The ``ontmoeting`` command: one entry point, one sub-command per job.

Exit codes: 0 success; 2 bad input or refused (nothing written, the message says why); 3 done,
with people not served or rules broken (listed); 141 the reader of the output went away
(``ontmoeting edition list | head -1``): the command stops quietly, as one ended by SIGPIPE.

Language: ``--lang`` (before the command), else ``ONTMOETING_LANGUAGE``, else the product's
default ``settings.LANGUAGE_CODE`` (Dutch). It is read from the arguments and activated before
the parser is built, so help texts, argparse's own words and every message speak it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ontmoeting.commands import EXIT_BROKEN_PIPE, Handler


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    import django

    django.setup()


def _languages() -> list[str]:
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


def requested_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names before the command, when it is one we speak."""
    for index, arg in enumerate(argv):
        if arg == "--lang":
            value = argv[index + 1] if index + 1 < len(argv) else ""
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg.startswith("-"):
            continue
        else:
            return None  # the command: a --lang after it is not ours
        return value if value in _languages() else None
    return None


def activate_language(argv: Sequence[str]) -> str:
    """Activate ``--lang``, else ``ONTMOETING_LANGUAGE``, else ``settings.LANGUAGE_CODE``."""
    from django.conf import settings
    from django.utils import translation

    from_env = os.environ.get("ONTMOETING_LANGUAGE", "")
    language = (
        requested_language(argv)
        or (from_env if from_env in _languages() else None)
        or settings.LANGUAGE_CODE
    )
    translation.activate(language)
    return language


def build_parser() -> argparse.ArgumentParser:
    """The whole parser, its texts in the active language."""
    from django.utils.translation import gettext as _

    # Imported once Django is set up: the command modules read the settings when imported.
    from ontmoeting.commands import register_all
    from ontmoeting.commands._parsing import CommandParser

    parser = CommandParser(
        prog="ontmoeting",
        description=_("Plan and run the encounter day between students and experts by experience."),
    )
    parser.add_argument(
        "--lang",
        choices=_languages(),
        help=_(
            "language of help and messages (default: ONTMOETING_LANGUAGE, else nl); "
            "give it before the command"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), required=True)
    register_all(sub)
    return parser


def _run(argv: list[str]) -> int:
    _setup_django()
    from ontmoeting.commands._parsing import argparse_in_active_language

    activate_language(argv)
    with argparse_in_active_language():
        args = build_parser().parse_args(argv)
        handler: Handler = args.handler
        return handler(args)


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null so that the final flush at exit cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(list(sys.argv[1:] if argv is None else argv))
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
