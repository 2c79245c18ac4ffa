"""Sub-commands of the ``ontmoeting`` CLI; each module registers its own parsers.

Every module in this package defines ``register(subparsers)``; they are discovered, so adding a
command is adding a module. Modules are thin: they parse arguments, call services and print.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
