"""Files that hold secrets or personal data: created readable by their owner only.

A key, the secret key and the SQLite database are made with mode 0600 from their first byte
(``os.open`` with the mode, not a ``chmod`` after the write, so no other user can open them in
between); a directory made for them gets 0700. This module imports nothing of Django: the
settings use it before Django is set up.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_private(path: Path, data: bytes) -> bool:
    """Create ``path`` (0600) holding ``data``; False, and nothing written, if it exists."""
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return True


def touch_private(path: Path) -> None:
    """Create an empty ``path`` with mode 0600 unless it exists (a new SQLite database)."""
    write_private(path, b"")


def readable_by_others(path: Path) -> bool:
    """Whether the group or other users may read or write ``path``."""
    return bool(path.stat().st_mode & 0o077)


def data_directories() -> list[Path]:
    """Where the data lives: the var directory, the uploads, the SQLite database's directory
    (a key kept in one of them would travel with every copy of the data)."""
    from django.conf import settings

    directories = [Path(settings.VAR_DIR), Path(settings.MEDIA_ROOT)]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        directories.append(Path(str(database["NAME"])).parent)
    return [directory.resolve() for directory in directories]
