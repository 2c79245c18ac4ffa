"""``ontmoeting backup``: one archive with the database, the stored files and a manifest.

The database is dumped consistently while the app runs (``backup_database``); the receipts and
uploads are copied as they are on disk (receipts stay encrypted); the manifest records the
version, the migration state, the vendor, the time, the rows per table and the SHA-256 of every
member (``backup_archive``). The field and research keys stay out unless asked for: an archive
with its keys opens every bank account it holds, so it must be kept as carefully as the keys.
The archive is written beside its final name and renamed when complete, mode 0600.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.privacy import audit
from ontmoeting.privacy.backup_archive import (
    DATABASE_MEMBER,
    Manifest,
    checksums,
    write_archive,
)
from ontmoeting.privacy.backup_database import DatabaseToolFailed, dump, vendor
from ontmoeting.privacy.backup_sources import KEYS, stored_files
from ontmoeting.privacy.files import PRIVATE_DIR, PRIVATE_FILE

__all__ = ["BackupRefused", "BackupReport", "DatabaseToolFailed", "create_backup"]


class BackupRefused(Exception):
    """No archive was written; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: Manifest
    files: int
    size: int
    #: The keys asked for but not configured here (so not in the archive).
    keys_missing: list[str] = field(default_factory=list)


def ontmoeting_version() -> str:
    try:
        return metadata.version("ontmoeting")
    except metadata.PackageNotFoundError:
        return "unknown"


def archive_path(out: Path) -> Path:
    """``out`` itself, or in a folder a name with the time: ``ontmoeting-20261130-2015.tar.gz``."""
    if out.is_dir():
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        out = out / f"ontmoeting-{stamp}.tar.gz"
    if out.exists():
        raise BackupRefused(_("%(path)s already exists; choose another name.") % {"path": out})
    if not out.parent.is_dir():
        raise BackupRefused(_("The folder %(path)s does not exist.") % {"path": out.parent})
    return out


def _copy_private(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle, source.open("rb") as original:
        shutil.copyfileobj(original, handle)


def _write_private(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data + b"\n")


def _stage_keys(staging: Path) -> list[str]:
    """Put the configured keys in the staging folder; the names of those not configured."""
    missing = []
    for key in KEYS:
        value = key.configured()
        if value:
            _write_private(staging / key.member, value)
        else:
            missing.append(key.setting)
    return missing


def _stage(staging: Path, *, with_keys: bool) -> tuple[Manifest, int, list[str]]:
    snapshot = dump(staging / DATABASE_MEMBER[vendor()])
    files = stored_files()
    for name, path in files:
        _copy_private(path, staging / name)
    missing = _stage_keys(staging) if with_keys else []
    manifest = Manifest(
        ontmoeting_version=ontmoeting_version(),
        created=timezone.now().isoformat(timespec="seconds"),
        vendor=vendor(),
        migrations=snapshot.migrations,
        row_counts=snapshot.row_counts,
        keys_included=with_keys and len(missing) < len(KEYS),
        members=checksums(staging),
    )
    return manifest, len(files), missing


def create_backup(
    out: Path, *, with_keys: bool = False, actor: audit.Actor = "cli"
) -> BackupReport:
    """Write the archive to ``out`` (a new file, or a new name in the folder ``out``)."""
    target = archive_path(out)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    staging = Path(tempfile.mkdtemp(prefix=".ontmoeting-backup-", dir=target.parent))
    try:
        manifest, files, missing = _stage(staging, with_keys=with_keys)
        write_archive(partial, staging, manifest)
        partial.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        partial.unlink(missing_ok=True)
    audit.record(
        "backup.created",
        actor=actor,
        vendor=manifest.vendor,
        keys_included=manifest.keys_included,
        tables=len(manifest.row_counts),
        files=files,
    )
    return BackupReport(
        path=target,
        manifest=manifest,
        files=files,
        size=target.stat().st_size,
        keys_missing=missing,
    )
