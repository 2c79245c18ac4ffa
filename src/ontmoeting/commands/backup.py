"""``ontmoeting backup OUT`` and ``ontmoeting restore IN``: archives that restore (docs/backups.md).

Both refuse with exit code 2 and change nothing when they cannot do their job; ``restore``
ends with 3 when the restored rows differ from the archive's manifest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ontmoeting.commands import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from ontmoeting.commands._parsing import Subcommands

if TYPE_CHECKING:
    from ontmoeting.privacy.restore import RestoreReport


def register(sub: Subcommands) -> None:
    backup = sub.add_parser(
        "backup",
        help=_("write a backup archive of the database and the stored files"),
        description=_(
            "Write one archive (mode 0600) with a consistent copy of the database, taken while "
            "the app runs, the stored receipts and uploads, and a manifest with the version, "
            "the migrations, the rows per table and a checksum of every file. The field key "
            "and the research key stay out unless --with-keys is given: keep them apart from "
            "the backups (docs/backups.md)."
        ),
    )
    backup.add_argument(
        "out",
        type=Path,
        metavar=_("OUT"),
        help=_(
            "the archive to write (a new file), or a folder to write it in with the time in "
            "its name"
        ),
    )
    backup.add_argument(
        "--with-keys",
        action="store_true",
        help=_(
            "also put the field and research keys in the archive (then keep it as carefully "
            "as the keys)"
        ),
    )
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser(
        "restore",
        help=_("restore a backup archive into the configured database"),
        description=_(
            "Restore an archive of 'ontmoeting backup' into the configured database and "
            "folders. Refused, with nothing changed, when the archive is damaged, holds the "
            "other kind of database or a newer schema, when the database is not empty (unless "
            "--yes), or when its keys differ from the keys configured here. Keys are written "
            "only where none is configured. Afterwards the rows per table are compared with "
            "the archive; run 'ontmoeting manage migrate' when the archive is older."
        ),
    )
    restore.add_argument("archive", type=Path, metavar=_("IN"), help=_("the archive to restore"))
    restore.add_argument(
        "--yes",
        action="store_true",
        help=_("replace the contents of a database that is not empty"),
    )
    restore.set_defaults(handler=run_restore)


def _refused(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def run_backup(args: argparse.Namespace) -> int:
    from django.db import OperationalError

    from ontmoeting.privacy.backups import BackupRefused, DatabaseToolFailed, create_backup

    try:
        report = create_backup(args.out, with_keys=args.with_keys, actor="cli")
    except (BackupRefused, DatabaseToolFailed, OperationalError, OSError) as error:
        return _refused(_("No backup written: %(reason)s") % {"reason": error})
    manifest = report.manifest
    print(
        _(
            "Backup written: %(path)s (%(size).1f MB): %(tables)d tables, %(rows)d rows, "
            "%(files)d stored files."
        )
        % {
            "path": report.path,
            "size": report.size / 1_000_000,
            "tables": len(manifest.row_counts),
            "rows": sum(manifest.row_counts.values()),
            "files": report.files,
        }
    )
    if report.keys_missing:
        print(
            _("Not configured here, so not in the archive: %(keys)s.")
            % {"keys": ", ".join(report.keys_missing)},
            file=sys.stderr,
        )
    if manifest.keys_included:
        print(
            _(
                "Warning: this archive holds the keys. Whoever has it can read the bank "
                "details it contains: store it as carefully as the keys themselves."
            ),
            file=sys.stderr,
        )
    else:
        print(_("The keys are not in the archive: keep them safe apart from it."))
    return EXIT_OK


def _print_counts(report: RestoreReport) -> None:
    expected = report.manifest.row_counts
    print(_("Rows per table (restored / in the archive):"))
    for table, count in sorted(report.row_counts.items()):
        print(f"  {table}: {count} / {expected.get(table, '-')}")


def run_restore(args: argparse.Namespace) -> int:
    from ontmoeting.privacy.restore import DatabaseToolFailed, RestoreRefused, restore_backup

    try:
        report = restore_backup(args.archive, replace=args.yes, actor="cli")
    except (RestoreRefused, DatabaseToolFailed, OSError) as error:
        return _refused(_("Not restored: %(reason)s") % {"reason": error})
    manifest = report.manifest
    print(
        _("Restored the backup of %(created)s (ontmoeting %(version)s, %(vendor)s).")
        % {
            "created": manifest.created,
            "version": manifest.ontmoeting_version,
            "vendor": manifest.vendor,
        }
    )
    _print_counts(report)
    print(_("Stored files restored: %(count)d.") % {"count": report.files})
    if report.keys_restored:
        print(
            _("Keys written from the archive: %(keys)s.")
            % {"keys": ", ".join(report.keys_restored)}
        )
    if report.keys_absent:
        print(
            _(
                "No key configured for %(keys)s: put the key kept apart from the backups in "
                "place, or the bank details and pseudonyms cannot be read."
            )
            % {"keys": ", ".join(report.keys_absent)},
            file=sys.stderr,
        )
    if report.needs_migrate:
        print(_("The archive is older than this version: run 'ontmoeting manage migrate' now."))
    if not report.audited:
        print(_("The restore could not be written to the audit log before the migrations."))
    if report.mismatches:
        print(
            _("Rows differ from the archive in %(count)d tables: %(tables)s.")
            % {
                "count": len(report.mismatches),
                "tables": ", ".join(table for table, _archived, _restored in report.mismatches),
            },
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    print(_("Every table holds the rows of the archive."))
    return EXIT_OK
