"""The roster import: students, experts or professionals of one edition from .xlsx or .csv.

Every row is checked first and all problems are reported at once; only a file without errors is
written, in one transaction. A re-import of the same file updates by ``ref`` and never duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.editions.roster.apply import apply_rows
from ontmoeting.editions.roster.columns import KINDS, Kind, is_kind
from ontmoeting.editions.roster.context import Context
from ontmoeting.editions.roster.kinds import check_format, check_kind, kinds_of_format
from ontmoeting.editions.roster.readers import UnreadableFileError, read_table
from ontmoeting.editions.roster.report import ImportReport, RowChange, RowIssue
from ontmoeting.editions.roster.template import write_template
from ontmoeting.editions.roster.validation import validate_rows
from ontmoeting.privacy.audit import Actor, record

__all__ = [
    "KINDS",
    "ImportReport",
    "Kind",
    "RowChange",
    "RowIssue",
    "import_roster",
    "is_kind",
    "kinds_of_format",
    "write_template",
]


def import_roster(
    source: Path | str | BinaryIO,
    *,
    kind: Kind | None,
    edition: Edition,
    dry_run: bool,
    actor: Actor,
    filename: str | None = None,
    mappings: Mapping[str, Mapping[str, str]] | None = None,
    decisions: Mapping[int, int | None] | None = None,
) -> ImportReport:
    """Import students, experts or professionals into ``edition``; with errors or ``dry_run``
    nothing is written. Professionals only go into a co-creation meeting, students only into an
    encounter day.

    ``kind`` None: recognised from the columns; a file of the other kind is refused. ``mappings``
    (field → word → code) says what unknown words of this file mean; ``decisions`` (row → person
    id, or None for a new person) settles the probable matches with people of earlier years.
    Idempotent: the same file imported twice reports every row unchanged the second time.
    """
    if isinstance(source, str):
        source = Path(source)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    name = filename or (source.name if isinstance(source, Path) else getattr(source, "name", ""))
    name = Path(str(name)).name if name else str(_("upload"))
    report = ImportReport(file=name, kind=kind or "", dry_run=dry_run)
    try:
        table = read_table(source, filename=name)
    except UnreadableFileError as exc:
        report.error(exc.row, exc.column, None, str(exc))
        return report
    except OSError as exc:
        report.error(None, None, None, _("cannot open the file (%(error)s)") % {"error": exc})
        return report
    for note in table.notes:
        report.warn(None, None, None, note)
    kind = check_kind(table, kind, report)
    if kind is None or not check_format(edition, kind, report):
        return report
    report.kind = kind
    context = Context.load(edition, kind, mappings=mappings or {})
    context.decisions = dict(decisions or {})
    rows = validate_rows(table, kind, context, report)
    if not dry_run:
        for match in report.matches:
            report.error(
                match.row,
                None,
                None,
                _(
                    "%(name)s may be %(who)s of an earlier year; say whether it is the same "
                    "person before importing"
                )
                % {"name": match.name, "who": " / ".join(c.name for c in match.candidates)},
            )
    if not report.ok:
        return report
    with transaction.atomic():
        apply_rows(rows, context, report)
        record(
            "roster.import",
            actor=actor,
            obj=edition,
            kind=kind,
            file=name,
            created=report.count("created"),
            updated=report.count("updated"),
            unchanged=report.count("unchanged"),
        )
        if dry_run:
            transaction.set_rollback(True)
    return report
