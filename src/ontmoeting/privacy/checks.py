"""Deployment check of the data at rest: an SQLite database no other user can read.

Registered for ``manage.py check --deploy`` (English, as Django's own checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from ontmoeting.privacy.files import readable_by_others


@register(Tags.security, deploy=True)
def check_database_file(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """An SQLite database file is readable by its owner only."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return []
    path = Path(str(database["NAME"]))
    if not path.is_file() or not readable_by_others(path):
        return []
    return [
        Error(
            f"The database file {path} can be read by other users of the machine.",
            hint=f"chmod 600 {path} (and its -wal and -journal files, if any).",
            id="ontmoeting.E010",
        )
    ]
