"""Sub-commands of the ``ontmoeting`` CLI; each module registers its own parsers.

Every module in this package defines ``register(subparsers)``; they are discovered, so adding a
command is adding a module. Modules are thin: they parse arguments, call services and print.
Each handler returns one of the exit codes below (``ontmoeting.cli`` documents them).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ontmoeting.commands._parsing import Subcommands

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_PARTIAL = 3
#: 128 + SIGPIPE: what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141

Handler = Callable[[argparse.Namespace], int]


def register_all(subparsers: Subcommands) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
