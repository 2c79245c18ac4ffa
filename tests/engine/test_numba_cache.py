"""numba's cache of the compiled kernels lives under var/ (or the user's cache), never in src/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import ontmoeting
from ontmoeting.engine import _cache

SRC = Path(ontmoeting.__file__).resolve().parent
ROOT = SRC.parents[1]


def _cache_files(folder: Path) -> list[Path]:
    return sorted(p for pattern in ("*.nbi", "*.nbc") for p in folder.rglob(pattern))


def test_a_solve_writes_no_numba_cache_into_src():
    for stale in _cache_files(SRC):
        stale.unlink()
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    solve = (
        "from ontmoeting.engine import NUMBA_CACHE_DIR\n"
        "from ontmoeting.engine.mdgp import warm_up\n"
        "warm_up()\n"
        "print(NUMBA_CACHE_DIR)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", solve], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    cache = Path(done.stdout.strip())
    assert _cache_files(SRC) == []
    assert not cache.is_relative_to(SRC)
    assert [p for p in _cache_files(cache) if p.name.startswith("_mdgp_kernels.")] != []


def test_the_cache_is_numba_cache_dir_when_it_is_set(monkeypatch, tmp_path):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "mine"))
    assert _cache.cache_dir() == tmp_path / "mine"


def test_the_cache_is_under_the_var_dir_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    monkeypatch.setenv("ONTMOETING_VAR_DIR", str(tmp_path / "var"))
    assert _cache.cache_dir() == (tmp_path / "var" / "numba-cache").resolve()


def test_the_cache_is_the_users_when_the_var_dir_cannot_be_written(monkeypatch, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    monkeypatch.setenv("ONTMOETING_VAR_DIR", str(blocked))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    assert _cache.cache_dir() == (tmp_path / "user-cache" / "ontmoeting" / "numba").resolve()
