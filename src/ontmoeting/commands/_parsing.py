"""The parsers of the CLI: in the user's language, and with an optional default sub-action.

- **Language.** ``cli.main`` activates the language before the parser is built, so the help
  texts (plain ``gettext`` at build time) come out in it. argparse's own words ("usage:",
  "options", "the following arguments are required: …") come from a module-level ``_`` in
  ``argparse``; ``argparse_in_active_language()`` routes it through Django's catalogue while
  the command runs. ``ARGPARSE_TEXTS`` holds those msgids so that ``make messages`` keeps them.
- **Numbers.** argparse words a bad ``type=int`` or ``type=float`` value with Python's type
  name ("invalid int value"); ``CommandParser`` says instead what a number looks like.
- **Default sub-action.** A parser with ``default_action`` reads a first word that names none of
  its sub-actions (nor asks for help) as arguments of that action: with ``default_action =
  "make"``, ``ontmoeting plan 2026 --json`` is ``ontmoeting plan make 2026 --json``.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

from django.utils.translation import gettext_noop

#: The messages of argparse (Python 3.11) a user can meet; translated in our catalogue.
ARGPARSE_TEXTS = (
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("subcommands"),
    gettext_noop("show this help message and exit"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("unexpected option string: %s"),
    gettext_noop("unknown parser %(parser_name)r (choices: %(choices)s)"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
)

_HELP = ("-h", "--help")


def _not_a_number(value: str, *, whole: bool) -> str:
    """Why ``value`` is not a (``whole``) number, in the active language."""
    from django.utils.translation import gettext

    if whole:
        return gettext("%(value)s is not a whole number.") % {"value": value}
    return gettext("%(value)s is not a number like 2.5 (with a decimal point).") % {"value": value}


def _gettext(message: Any) -> Any:
    """Django's ``gettext`` for argparse, which also passes None (a missing description)."""
    from django.utils.translation import gettext

    return gettext(message) if isinstance(message, str) and message else message


def _ngettext(singular: str, plural: str, number: int) -> str:
    from django.utils.translation import ngettext

    return ngettext(singular, plural, number)


@contextlib.contextmanager
def argparse_in_active_language() -> Iterator[None]:
    """While open, argparse's own texts are translated into the active language."""
    # argparse's module-level ``_`` and ``ngettext`` are private, so typeshed leaves them out.
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose sub-actions may have a default (``default_action``)."""

    default_action: str | None = None

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        whole = action.type is int
        if whole or action.type is float:
            try:
                return int(arg_string) if whole else float(arg_string)
            except ValueError:
                message = _not_a_number(arg_string, whole=whole)
                raise argparse.ArgumentError(action, message) from None
        return super()._get_value(action, arg_string)

    def _sub_action_names(self) -> set[str]:
        return {
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }

    # typeshed overloads this on the namespace's type; ours only passes the namespace through.
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.default_action is not None and args:
            first = args[0]
            if first not in _HELP and first not in self._sub_action_names():
                args = [self.default_action, *args]
        return super().parse_known_args(args, namespace)


#: What ``register(sub)`` of every command receives: argparse makes every sub-parser of a
#: ``CommandParser`` one too (``parser_class`` defaults to the parent's class).
Subcommands: TypeAlias = "argparse._SubParsersAction[CommandParser]"
