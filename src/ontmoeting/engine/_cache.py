"""Where numba keeps the compiled kernels: under the project's ``var/``, never in ``src/``.

The kernels of :mod:`._mdgp_kernels` are compiled with ``cache=True``, and numba's default is
to write that cache beside the source (``engine/__pycache__``). numba reads ``NUMBA_CACHE_DIR``
when it is imported, so ``ontmoeting.engine`` imports this module before anything else and it
sets the variable before any kernel is defined — for the command line, the web app, the tests
and the benchmarks alike, since they all reach the kernels through this package.

The directory: ``NUMBA_CACHE_DIR`` when it is set; else ``numba-cache`` in ``ONTMOETING_VAR_DIR``
(default ``./var``, as in the settings); else, when that cannot be written, ``ontmoeting/numba``
in the user's cache directory. Standard library only: the engine never imports Django.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK)


def _user_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def cache_dir() -> Path:
    """The directory for numba's cache (created when it is ours to choose)."""
    explicit = os.environ.get("NUMBA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    var = Path(os.environ.get("ONTMOETING_VAR_DIR") or Path.cwd() / "var")
    candidates = (var / "numba-cache", _user_cache() / "ontmoeting" / "numba")
    return next((p.resolve() for p in candidates if _writable(p)), candidates[0].resolve())


def use_cache_dir() -> Path:
    """Point numba at :func:`cache_dir`; returns it."""
    path = cache_dir()
    os.environ["NUMBA_CACHE_DIR"] = str(path)
    config = sys.modules.get("numba.core.config")
    if config is not None:  # numba was imported before us: have it read the variable again
        config.reload_config()
    return path


#: Where this process's numba cache is.
NUMBA_CACHE_DIR = use_cache_dir()
