"""``ontmoeting serve`` as a deployment runs it: a real gunicorn in a process of its own, on a
free port, on the tests' database. Its health check follows the worker's heartbeat, WhiteNoise
serves the static files with a cache header, the login page answers, and with
``ONTMOETING_LOG_FORMAT=json`` every line it logs is a JSON object."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from ontmoeting.background.heartbeat import beat
from ontmoeting.background.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    """The tests' database (SQLite file, or PostgreSQL in CI) as a DATABASE_URL."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def start_server(database_url: str, var: Path, *flags: str) -> dict:
    """``ontmoeting serve`` with JSON logs and DEBUG off, once it answers /healthz."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": database_url,
        "ONTMOETING_VAR_DIR": str(var),
        "DJANGO_DEBUG": "0",
        "ONTMOETING_LOG_FORMAT": "json",
        "ONTMOETING_LOG_LEVEL": "INFO",
    }
    log = var / "server.log"
    code = "import sys; from ontmoeting.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", code, "serve", "--bind", f"127.0.0.1:{port}", *flags]
    with log.open("wb") as log_file:
        process = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            get(f"{base}/healthz")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"ontmoeting serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
    return {"base": base, "process": process, "log": log, "var": var}


def stop_server(server: dict) -> None:
    if server["process"].poll() is None:
        server["process"].send_signal(signal.SIGTERM)
        server["process"].wait(timeout=60)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    """``ontmoeting serve --access-log`` with two web workers, on the tests' database."""
    with django_db_blocker.unblock():
        database_url = _database_url()
    running = start_server(
        database_url, tmp_path_factory.mktemp("serve-var"), "--workers", "2", "--access-log"
    )
    yield running
    stop_server(running)


def test_health_is_503_without_a_worker_and_200_once_one_beats(server, transactional_db):
    status, headers, body = get(f"{server['base']}/healthz")
    assert status == 503
    assert json.loads(body) == {"database": "ok", "worker": "none", "last_heartbeat": None}
    assert "no-store" in headers["Cache-Control"]

    beat("test-worker")
    status, _headers, body = get(f"{server['base']}/healthz")
    assert status == 200
    answer = json.loads(body)
    assert answer["database"] == answer["worker"] == "ok"
    assert answer["last_heartbeat"]


def test_whitenoise_serves_a_collected_static_file_with_a_cache_header(server):
    status, headers, body = get(f"{server['base']}/static/web/site.css")
    assert status == 200
    assert headers["Cache-Control"].startswith("max-age=")
    assert int(headers["Cache-Control"].split("=")[1].split(",")[0]) > 0
    assert body == (ROOT / "src/ontmoeting/web/static/web/site.css").read_bytes()
    assert (server["var"] / "static" / "web" / "site.css").exists()  # collected at start


def test_the_login_page_answers(server):
    status, _headers, body = get(f"{server['base']}/login/")
    assert status == 200
    assert b'name="password"' in body


def test_every_log_line_is_json_and_requests_carry_their_fields(server):
    get(f"{server['base']}/login/?next=/secret-token")
    deadline = time.monotonic() + 10
    while True:
        lines = server["log"].read_text().splitlines()
        entries = [json.loads(line) for line in lines if line.strip()]
        access = [e for e in entries if e["logger"] == "gunicorn.access" and e["path"] == "/login/"]
        if access or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert access, lines
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert access[-1]["method"] == "GET"
    assert access[-1]["status"] == 200
    assert isinstance(access[-1]["duration_ms"], int)
    text = server["log"].read_text()
    assert "secret-token" not in text  # no query strings
    requests = [e for e in entries if e["logger"] == "gunicorn.access"]
    assert not [e for e in requests if "127.0.0.1" in json.dumps(e)]  # no client addresses


def test_sigterm_stops_the_server_cleanly(server):
    process = server["process"]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0


@pytest.mark.parametrize(("flags", "written"), [([], False), (["--access-log"], True)])
def test_the_access_log_is_written_only_when_asked(flags, written):
    """gunicorn configures logging first, then the application's setup configures it again
    (settings.LOGGING): the request lines stay as ``--access-log`` said. (In a process of its
    own: logging is global.)"""
    code = (
        "import logging, logging.config, sys, django; django.setup(); "
        "from django.conf import settings; from ontmoeting.cli import build_parser; "
        "from ontmoeting.commands.serve import gunicorn_options; "
        "options = gunicorn_options(build_parser().parse_args(['serve', *sys.argv[1:]])); "
        "logging.config.dictConfig(options['logconfig_dict']); "
        "logging.config.dictConfig(settings.LOGGING); "
        "print(logging.getLogger('gunicorn.access').isEnabledFor(logging.INFO))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    result = subprocess.run(
        [sys.executable, "-c", code, *flags], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == str(written)


def test_with_worker_runs_a_task_worker_and_stops_it_with_the_server(transactional_db, tmp_path):
    """What ``make demo`` runs: the health check turns 200 by the worker's own heartbeat, and
    stopping the server (SIGTERM, as systemd or a Ctrl-C does) stops the worker too."""
    running = start_server(_database_url(), tmp_path, "--workers", "1", "--with-worker")
    try:
        deadline = time.monotonic() + START_SECONDS
        while get(f"{running['base']}/healthz")[0] != 200:
            assert time.monotonic() < deadline, running["log"].read_text()
            time.sleep(0.5)
    finally:
        stop_server(running)
    assert running["process"].returncode == 0
    entries = [json.loads(line) for line in running["log"].read_text().splitlines() if line]
    worker_lines = [e for e in entries if e["logger"].startswith("django_tasks_db")]
    assert worker_lines  # the worker logged, in JSON like the server
    (heartbeat,) = WorkerHeartbeat.objects.all()
    assert heartbeat.stopped is not None  # it stopped cleanly, its task finished or none ran
    with pytest.raises(ProcessLookupError):
        os.kill(heartbeat.pid, 0)
