"""Logging: plain text by default, one JSON object per line with ``ONTMOETING_LOG_FORMAT=json``.

``settings.LOGGING`` is :func:`logging_config`'s dictionary. The web server (``ontmoeting serve``
hands the same dictionary to gunicorn), the task worker and every command log through it, so a
log collector reads one format from all of them. A JSON line holds ``time`` (UTC, ISO 8601),
``level``, ``logger``, ``message``; for a request also ``method``, ``path`` (without the query
string: links may carry tokens there), ``status`` and ``duration_ms``; for an error
``exception`` (the traceback). Client addresses and user agents are left out: personal data
that a log does not need.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from typing import Any

#: gunicorn's access log: its records carry the request's "atoms" as their arguments.
_ACCESS_LOGGER = "gunicorn.access"


def _request_fields(record: logging.LogRecord) -> dict[str, Any]:
    """Method, path, status and duration of a request, when the record is about one."""
    if record.name == _ACCESS_LOGGER and isinstance(record.args, Mapping):
        atoms = record.args  # gunicorn's access log: its "atoms" of the request
        status = str(atoms.get("s", ""))
        return {
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "status": int(status) if status.isdigit() else status,
            "duration_ms": atoms.get("M"),
        }
    request = getattr(record, "request", None)  # django.request, django.server
    fields: dict[str, Any] = {}
    if request is not None and hasattr(request, "method"):
        fields = {"method": request.method, "path": getattr(request, "path", None)}
    status_code = getattr(record, "status_code", None)
    if status_code is not None:
        fields["status"] = status_code
    return fields


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": self._message(record),
        }
        entry.update(_request_fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        if record.name == _ACCESS_LOGGER and isinstance(record.args, Mapping):
            atoms = record.args
            return f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}"
        return record.getMessage()


#: Log formats ``ONTMOETING_LOG_FORMAT`` may name.
FORMATS = ("plain", "json")

#: gunicorn's own lines in plain text: when and which process, as gunicorn writes them.
_SERVER_FORMAT = "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"
#: The access log in plain text: no client address, no user agent, no query string.
ACCESS_LOG_FORMAT = '"%(m)s %(U)s" %(s)s %(b)s %(M)sms'


def logging_config(log_format: str = "plain", level: str = "WARNING") -> dict[str, Any]:
    """The ``LOGGING`` dictionary for ``log_format`` (``plain`` or ``json``) and ``level``.

    Plain text keeps the commands' messages as they are (the message alone) and gives the web
    server's lines a time and a process; JSON gives every line every field.
    """
    as_json = log_format == "json"
    plain_or_json = {"()": f"{__name__}.JsonFormatter"} if as_json else None
    formatters: dict[str, Any] = {
        "message": plain_or_json or {"format": "%(message)s"},
        "server": plain_or_json or {"format": _SERVER_FORMAT},
    }
    handlers = {
        "console": {"class": "logging.StreamHandler", "formatter": "message"},
        "server": {"class": "logging.StreamHandler", "formatter": "server"},
    }
    # gunicorn's access log is configured by `ontmoeting serve` alone (on with --access-log):
    # named here, Django's setup in the server would turn it on again.
    loggers: dict[str, Any] = {
        "gunicorn.error": {"handlers": ["server"], "level": "INFO", "propagate": False},
    }
    if as_json:
        # Django's own handlers print plain text (its console handler, while DEBUG is on):
        # in JSON mode its records go only through the root's JSON handler.
        loggers["django"] = {"handlers": [], "level": level, "propagate": True}
        loggers["django.server"] = {"handlers": [], "level": "INFO", "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": level},
        "loggers": loggers,
    }
