"""Which roster a file is: recognised from its columns, and a file of the other kind refused."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.columns import Kind, detect_kind, recognised_signs
from ontmoeting.editions.roster.readers import Table
from ontmoeting.editions.roster.report import ImportReport


def kind_name(kind: Kind) -> str:
    return _("students") if kind == "students" else _("experts by experience")


def check_kind(table: Table, kind: Kind | None, report: ImportReport) -> Kind | None:
    """The kind to import as: ``kind`` when the columns agree or do not tell, the recognised one
    when ``kind`` is None; None (with an error in ``report``) for a mismatch or an unknown file."""
    detected = detect_kind(table.header)
    if kind is None:
        if detected is None:
            report.error(
                None,
                None,
                None,
                _(
                    "cannot tell from the columns whether this is a roster of students or of "
                    "experts by experience; choose it yourself"
                ),
            )
        return detected
    if detected is not None and detected != kind:
        report.error(
            None,
            None,
            None,
            _(
                "this looks like a roster of %(detected)s (columns %(columns)s), not of "
                "%(chosen)s; nothing was read. Choose “%(detected)s” or upload the right file."
            )
            % {
                "detected": kind_name(detected),
                "chosen": kind_name(kind),
                "columns": ", ".join(recognised_signs(table.header, detected)[:4]),
            },
        )
        return None
    return kind
