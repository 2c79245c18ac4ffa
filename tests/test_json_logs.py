"""``ONTMOETING_LOG_FORMAT=json``: one JSON object per line, from Django's loggers, gunicorn's
and the commands'; the plain default keeps a command's message as it is."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from ontmoeting.config.logging import JsonFormatter, logging_config

ROOT = Path(__file__).resolve().parents[1]


def _record(name: str, message: str, *args, **extra) -> logging.LogRecord:
    record = logging.getLogger(name).makeRecord(
        name, logging.WARNING, __file__, 1, message, args, None, extra=extra
    )
    return record


def test_a_request_error_carries_method_path_and_status():
    request = RequestFactory().get("/editions/7/?token=abc")
    record = _record(
        "django.request", "Not Found: %s", "/editions/7/", request=request, status_code=404
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /editions/7/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/editions/7/", 404)
    assert entry["time"].endswith("+00:00")


def test_an_exception_is_one_line_with_its_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_gunicorns_access_record_becomes_request_fields():
    atoms = {"m": "POST", "U": "/day/checkin/", "s": "201", "M": 12, "h": "10.1.2.3"}
    record = _record("gunicorn.access", '"%(m)s %(U)s" %(s)s', atoms)
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == (
        "POST",
        "/day/checkin/",
        201,
        12,
    )
    assert "10.1.2.3" not in json.dumps(entry)


def test_plain_is_the_default_and_json_covers_every_handler():
    plain = logging_config()
    assert plain["formatters"]["message"] == {"format": "%(message)s"}
    as_json = logging_config("json", "INFO")
    assert all("()" in formatter for formatter in as_json["formatters"].values())
    assert as_json["root"]["level"] == "INFO"


def test_a_command_logs_json_lines():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('ontmoeting.test').warning('hello %s', 'there')"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ONTMOETING_LOG_FORMAT": "json"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    (line,) = result.stderr.splitlines()
    assert json.loads(line)["message"] == "hello there"
