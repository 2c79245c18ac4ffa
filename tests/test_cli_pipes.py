"""Piping the output of the real ``ontmoeting`` script into ``head`` ends quietly: no
BrokenPipeError traceback, exit 141 (128 + SIGPIPE) when the reader went away first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("ontmoeting")
EDITIONS = 3000  # ~200 kB of 'edition list': more than a pipe holds, so head leaves mid-way


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A migrated SQLite database of its own, with many editions and one edition to plan."""
    tmp = tmp_path_factory.mktemp("pipes")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "ONTMOETING_VAR_DIR": str(tmp / "var"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("ONTMOETING_LANGUAGE", None)
    env.pop("PYTHONUNBUFFERED", None)  # as most users run it: output is block-buffered
    run = {"env": env, "check": True, "capture_output": True, "cwd": ROOT}
    subprocess.run([SCRIPT, "manage", "migrate", "--no-input"], **run)
    fill = (
        "import datetime as dt\n"
        "from ontmoeting.editions.models import Edition\n"
        "from tests.web.plans_factories import plannable_edition\n"
        "plannable_edition()\n"
        "Edition.objects.bulk_create(Edition(year=y, date=dt.date(y, 12, 10), "
        "window_start=dt.date(y, 9, 1), window_end=dt.date(y + 1, 8, 31)) "
        f"for y in range(3000, 3000 + {EDITIONS}))\n"
    )
    subprocess.run([SCRIPT, "manage", "shell", "-c", fill], **run)
    return env


def _piped(command: str, env) -> tuple[str, str, int]:
    """Run ``ontmoeting COMMAND | head -1``: head's output, our stderr, our exit status."""
    script = f'"{SCRIPT}" {command} 2>"$ERR" | head -1; echo "status=${{PIPESTATUS[0]}}"'
    err = Path(env["ONTMOETING_VAR_DIR"]).parent / "stderr.txt"
    done = subprocess.run(
        ["bash", "-c", script], env={**env, "ERR": str(err)}, capture_output=True, text=True
    )
    *lines, status = done.stdout.splitlines()
    return "\n".join(lines), err.read_text(), int(status.removeprefix("status="))


def test_edition_list_into_head_ends_quietly(env):
    first, err, status = _piped("edition list", env)
    assert err == ""
    assert status == 141
    assert first.startswith(f"{2999 + EDITIONS}  {2999 + EDITIONS}-12-10  concept")


def test_plan_json_into_head_ends_quietly(env):
    first, err, status = _piped("plan 2026 --json --seed 1 --time-limit 1", env)
    assert err == ""
    assert status in (0, 3, 141)  # a small plan may fit in the pipe before head leaves
    assert first == "{"


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("argv", [["--help"], ["edition", "list"]])
def test_a_reader_that_is_gone_before_we_write_ends_quietly(argv, unbuffered, env):
    with subprocess.Popen(
        [SCRIPT, *argv],
        env={**env, "PYTHONUNBUFFERED": unbuffered},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        child.stdout.close()  # the reader leaves before the script has written a byte
        err = child.stderr.read()
    assert err == b""
    # argparse itself swallows a failed write of --help; unbuffered, nothing is left to flush
    assert child.returncode == (0 if argv == ["--help"] and unbuffered else 141)
