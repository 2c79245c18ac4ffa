"""``ontmoeting restore``: put an archive of ``ontmoeting backup`` back into this installation.

Everything that could stop a restore is checked before anything changes (``RestoreRefused``):
a damaged archive (a checksum, a missing member, a database that does not open), a dump of the
other database vendor, a schema newer than this code knows, a database that is not empty
(unless replacing is asked for), and a key in the archive that differs from the key configured
here (a key is never overwritten). Then the keys that are missing here are written, the
database is restored, the stored files are put back, and the rows per table are compared with
the manifest. An archive of an older schema is restored as it is: ``ontmoeting manage migrate``
brings it up to date.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, OperationalError, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from ontmoeting.privacy import audit
from ontmoeting.privacy.backup_archive import DamagedArchive, Manifest, read_archive
from ontmoeting.privacy.backup_database import (
    DatabaseToolFailed,
    configured_snapshot,
    database_label,
    existing_tables,
    restore_postgres,
    restore_sqlite,
    sqlite_is_sound,
    vendor,
)
from ontmoeting.privacy.backup_sources import KEYS, KeySource, same_key, target_of
from ontmoeting.privacy.files import PRIVATE_DIR, PRIVATE_FILE, write_private

__all__ = ["DatabaseToolFailed", "RestoreRefused", "RestoreReport", "restore_backup"]


class RestoreRefused(Exception):
    """Nothing was changed; the message says why."""


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    #: Rows per table after the restore.
    row_counts: dict[str, int]
    #: Tables whose rows differ from the manifest: (table, in the archive, restored).
    mismatches: list[tuple[str, int, int]]
    files: int
    #: The settings of the keys written from the archive.
    keys_restored: list[str]
    #: The settings of the keys neither in the archive nor configured here.
    keys_absent: list[str]
    #: The archive's schema is older than the code: ``migrate`` should follow.
    needs_migrate: bool
    #: False when the restored schema could not take the audit entry (``migrate`` first).
    audited: bool


def _check_vendor(manifest: Manifest) -> None:
    if manifest.vendor != vendor():
        raise RestoreRefused(
            _(
                "The archive holds a %(archive)s database, but this installation uses "
                "%(target)s. A dump of one cannot be restored into the other: configure a "
                "%(archive)s database (DATABASE_URL) to restore it."
            )
            % {"archive": manifest.vendor, "target": vendor()}
        )


def _migration_state(manifest: Manifest) -> bool:
    """Refuse an archive of a newer schema; whether it is older (``migrate`` to follow)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or [])
    unknown = sorted(
        f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known
    )
    if unknown:
        raise RestoreRefused(
            _(
                "The archive was made by a newer version of ontmoeting (%(version)s): this code "
                "does not know its migrations %(migrations)s. Install that version or newer "
                "and restore again."
            )
            % {"version": manifest.ontmoeting_version, "migrations": ", ".join(unknown)}
        )
    leaves = dict(loader.graph.leaf_nodes())
    return any(manifest.migrations.get(app) != name for app, name in leaves.items())


def _check_empty(*, replace: bool) -> None:
    try:
        tables = existing_tables()
    except OperationalError as error:
        raise RestoreRefused(
            _("The database %(name)s cannot be reached (%(error)s).")
            % {"name": database_label(), "error": str(error).strip()}
        ) from error
    if tables and not replace:
        raise RestoreRefused(
            _(
                "The database %(name)s is not empty (%(tables)d tables). Restoring replaces "
                "everything in it; give --yes to do so."
            )
            % {"name": database_label(), "tables": len(tables)}
        )


def _keys_to_write(manifest: Manifest, unpacked: Path) -> list[tuple[KeySource, bytes]]:
    """The archive's keys that are not configured here; refuse a key that differs."""
    writes = []
    for key in KEYS:
        member = unpacked / key.member
        if not member.is_file():
            continue
        archived = member.read_bytes().strip()
        present = key.configured()
        if not present:
            writes.append((key, archived))
        elif not same_key(present, archived):
            raise RestoreRefused(
                _(
                    "The archive holds a %(setting)s that differs from the one configured here "
                    "(%(file)s or the environment). A key is never overwritten: the data of the "
                    "archive needs the archive's key. Move the key here aside (keep it: data it "
                    "encrypted needs it) or configure the archive's key, and restore again."
                )
                % {"setting": key.setting, "file": key.file}
            )
    return writes


def _restore_files(manifest: Manifest, unpacked: Path) -> int:
    count = 0
    for member in manifest.members:
        target = target_of(member)
        if target is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        fresh = target.with_name(f".{target.name}.restoring")
        fresh.unlink(missing_ok=True)
        descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as handle, (unpacked / member).open("rb") as source:
            shutil.copyfileobj(source, handle)
        fresh.replace(target)
        count += 1
    return count


def _check(
    manifest: Manifest, unpacked: Path, *, replace: bool
) -> tuple[list[tuple[KeySource, bytes]], bool]:
    """Every reason to refuse, before anything changes; the keys to write, and whether the
    archive's schema is older than the code."""
    _check_vendor(manifest)
    if manifest.vendor == "sqlite" and not sqlite_is_sound(unpacked / manifest.database_member):
        raise RestoreRefused(_("The archive is damaged: its database does not open."))
    needs_migrate = _migration_state(manifest)
    _check_empty(replace=replace)
    return _keys_to_write(manifest, unpacked), needs_migrate


def _record(manifest: Manifest, *, actor: audit.Actor, keys: list[str], tables: int) -> bool:
    """Audit the restore; False when the restored schema is too old to hold the entry yet."""
    try:
        with transaction.atomic():
            audit.record(
                "backup.restored",
                actor=actor,
                created=manifest.created,
                vendor=manifest.vendor,
                keys_restored=keys,
                tables=tables,
            )
    except DatabaseError:
        return False
    return True


def _restore_database(manifest: Manifest, unpacked: Path) -> None:
    dump = unpacked / manifest.database_member
    if manifest.vendor == "sqlite":
        restore_sqlite(dump)
    else:
        restore_postgres(dump)


def restore_backup(
    archive: Path, *, replace: bool = False, actor: audit.Actor = "cli"
) -> RestoreReport:
    """Restore ``archive`` into the configured database and folders."""
    unpacked = Path(tempfile.mkdtemp(prefix="ontmoeting-restore-"))
    try:
        try:
            manifest = read_archive(archive, unpacked)
        except DamagedArchive as error:
            raise RestoreRefused(str(error)) from error
        writes, needs_migrate = _check(manifest, unpacked, replace=replace)
        for key, value in writes:
            write_private(key.file, value + b"\n")
        _restore_database(manifest, unpacked)
        files = _restore_files(manifest, unpacked)
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)
    counts = configured_snapshot().row_counts
    mismatches = [
        (table, expected, counts.get(table, 0))
        for table, expected in manifest.row_counts.items()
        if counts.get(table, 0) != expected
    ]
    restored = [key.setting for key, _value in writes]
    audited = _record(manifest, actor=actor, keys=restored, tables=len(counts))
    return RestoreReport(
        manifest=manifest,
        row_counts=counts,
        mismatches=mismatches,
        files=files,
        keys_restored=restored,
        keys_absent=[key.setting for key in KEYS if not key.configured()],
        needs_migrate=needs_migrate,
        audited=audited,
    )
