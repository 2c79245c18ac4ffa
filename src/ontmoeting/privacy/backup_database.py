"""Dumping and restoring the database, per vendor, with the row counts and migration state.

- **SQLite**: Python's online backup API (``sqlite3.Connection.backup``) copies the live file in
  one step, a consistent snapshot while the app goes on writing (write-ahead log). Restoring
  copies the snapshot into the configured file the same way.
- **PostgreSQL**: ``pg_dump --format=custom`` in the snapshot of a repeatable-read transaction
  that also counts the rows, so the counts are those of the dump; restoring is ``pg_restore
  --clean --if-exists --no-owner`` in one transaction. The connection settings reach the client
  programs through libpq's environment (``PGPASSWORD`` …), never on their command line; they
  run from PATH with a fixed list of arguments, without a shell.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess  # nosec B404
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

#: libpq's environment variable for each connection setting Django may hold (the password
#: goes to PGPASSWORD, set apart below).
_LIBPQ_ENV = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "NAME": "PGDATABASE",
}
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


class DatabaseToolFailed(Exception):
    """pg_dump or pg_restore is missing or failed; the message says why."""


@dataclass(frozen=True)
class Snapshot:
    """What a dump holds: rows per table and the latest applied migration of each app."""

    row_counts: dict[str, int]
    migrations: dict[str, str]


def vendor() -> str:
    return connection.vendor


def database_label() -> str:
    """The configured database's name (a file for SQLite), for messages."""
    return str(connection.settings_dict["NAME"])


def _latest_migrations(rows: list[tuple[str, str]]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = max(name, latest.get(app, name))
    return dict(sorted(latest.items()))


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def _snapshot(tables: list[str], query: Callable[[str], list[Any]]) -> Snapshot:
    # The table names come from the database's own catalogue, quoted as identifiers.
    sql = "SELECT COUNT(*) FROM {}"
    counts = {table: int(query(sql.format(_quoted(table)))[0][0]) for table in tables}
    rows = query("SELECT app, name FROM django_migrations") if "django_migrations" in tables else []
    return Snapshot(row_counts=counts, migrations=_latest_migrations(rows))


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(name) for (name,) in rows]


def sqlite_snapshot(path: Path) -> Snapshot:
    with closing(sqlite3.connect(path)) as database:
        return _snapshot(_sqlite_tables(database), lambda sql: database.execute(sql).fetchall())


def _sqlite_copy(source: Path, target: Path) -> None:
    with (
        closing(sqlite3.connect(source, timeout=20)) as reader,
        closing(sqlite3.connect(target, timeout=20)) as writer,
    ):
        reader.backup(writer)


def dump_sqlite(target: Path) -> Snapshot:
    _sqlite_copy(Path(database_label()), target)
    return sqlite_snapshot(target)


def sqlite_is_sound(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(path)) as database:
            return bool(database.execute("PRAGMA quick_check").fetchone() == ("ok",))
    except sqlite3.DatabaseError:
        return False


def restore_sqlite(snapshot: Path) -> None:
    connection.close()
    _sqlite_copy(snapshot, Path(database_label()))


# --- PostgreSQL ---------------------------------------------------------------------------


def libpq_environment() -> dict[str, str]:
    """The environment that points libpq's programs at the configured database."""
    import os

    settings = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for setting, variable in _LIBPQ_ENV.items():
        if settings.get(setting):
            env[variable] = str(settings[setting])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    for option, variable in _LIBPQ_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    return env


def _run(program: str, arguments: list[str]) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise DatabaseToolFailed(
            _("%(program)s is not installed (it comes with the PostgreSQL client).")
            % {"program": program}
        )
    # A fixed program found on PATH, a list of arguments without a shell, and no secret among
    # them (the password travels in PGPASSWORD): bandit's B603 does not apply.
    result = subprocess.run(  # nosec B603
        [executable, *arguments],
        env=libpq_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DatabaseToolFailed(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": result.stderr.strip()[-2000:]}
        )


@contextmanager
def _repeatable_read() -> Iterator[Any]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield cursor


def dump_postgres(target: Path) -> Snapshot:
    with _repeatable_read() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        exported = cursor.fetchone()[0]

        def query(sql: str) -> list[Any]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        snapshot = _snapshot(sorted(connection.introspection.table_names(cursor)), query)
        _run(
            "pg_dump",
            ["--format=custom", "--no-password", f"--snapshot={exported}", f"--file={target}"],
        )
    return snapshot


def configured_snapshot() -> Snapshot:
    """Rows per table and migrations of the configured database, as it is now."""
    if vendor() == "sqlite":
        return sqlite_snapshot(Path(database_label()))
    with connection.cursor() as cursor:

        def query(sql: str) -> list[Any]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        return _snapshot(sorted(connection.introspection.table_names(cursor)), query)


def existing_tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _drop_postgres_tables() -> None:
    tables = existing_tables()
    if not tables:
        return
    quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")


def restore_postgres(dump: Path) -> None:
    """Replace the configured database's tables with those of ``dump``."""
    _drop_postgres_tables()
    connection.close()
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={database_label()}",
            str(dump),
        ],
    )


def dump(target: Path) -> Snapshot:
    """Dump the configured database into ``target``; its row counts and migrations."""
    if vendor() == "sqlite":
        return dump_sqlite(target)
    if vendor() == "postgresql":
        return dump_postgres(target)
    raise DatabaseToolFailed(
        _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor()}
    )
