"""``ontmoeting worker`` as a separate process on the test database, for the crash tests."""

from __future__ import annotations

import os
import subprocess  # nosec B404 - starts this project's own worker command
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import close_old_connections

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the database the test runs on (the test database, not the real one)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db.get("USER") or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def start_worker(*extra: str, stale_seconds: float = 2.0) -> subprocess.Popen[str]:
    """Start ``ontmoeting worker`` (no schedule) beating every 0.5 s on the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "ONTMOETING_VAR_DIR": str(settings.VAR_DIR),
        "ONTMOETING_WORKER_HEARTBEAT_SECONDS": "0.5",
        "ONTMOETING_WORKER_STALE_SECONDS": str(stale_seconds),
        "ONTMOETING_SCHEDULE": "off",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "ontmoeting.config.settings",
    }
    env.pop("ONTMOETING_TASKS", None)
    return subprocess.Popen(  # nosec B603 - this interpreter and the project's own CLI
        [sys.executable, "-m", "ontmoeting.cli", "worker", "--interval", "0.1", *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        close_old_connections()
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout} s for {what}")


def stop(process: subprocess.Popen[str], *, timeout: float = 20) -> str:
    """End ``process`` (SIGTERM, then SIGKILL if it hangs); its output."""
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""
