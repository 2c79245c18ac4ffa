"""Write one benchmark's figures into its own section of ``benchmarks/RESULTS.md``.

Each benchmark owns a section delimited by HTML comments, so benchmarks can be run
independently and in any order without overwriting each other's figures.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = "# Benchmark results\n\nEach section is rewritten by the benchmark that owns it.\n"


def machine() -> str:
    """One line describing the machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_section(name: str, title: str, body: str, command: str | None = None) -> None:
    """Replace (or append) the section ``name`` of RESULTS.md with ``body``."""
    if command is None:  # the script as run from the repository root, whatever path was used
        script = Path(sys.argv[0]).resolve()
        root = Path(__file__).resolve().parents[1]
        shown = script.relative_to(root) if script.is_relative_to(root) else script
        command = " ".join(["python", str(shown), *sys.argv[1:]])
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")  # Django may change TZ
    section = (
        f"<!-- begin {name} -->\n## {title}\n\n"
        f"- date: {stamp}\n- machine: {machine()}\n- command: `{command}`\n\n"
        f"{body.rstrip()}\n<!-- end {name} -->\n"
    )
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    pattern = re.compile(
        rf"<!-- begin {re.escape(name)} -->.*?<!-- end {re.escape(name)} -->\n", re.S
    )
    text = (
        pattern.sub(lambda _m: section, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section
    )
    RESULTS.write_text(text)
