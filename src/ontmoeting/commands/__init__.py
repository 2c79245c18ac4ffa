"""Sub-commands of the ``ontmoeting`` CLI; each module registers its own parsers.

Modules are thin: they parse arguments, call services and print results.
"""

from __future__ import annotations

import argparse
import importlib

#: Modules under ``ontmoeting.commands`` that define ``register(subparsers)``.
MODULES = ("manage", "demo", "roster", "edition", "plan")


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in MODULES:
        module = importlib.import_module(f"ontmoeting.commands.{name}")
        module.register(subparsers)
