"""Which roster a file is: recognised from its columns, and a file of the other kind refused."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.editions.roster.columns import Kind, detect_kind, recognised_signs
from ontmoeting.editions.roster.readers import Table
from ontmoeting.editions.roster.report import ImportReport


def kind_name(kind: Kind) -> str:
    names = {
        "students": _("students"),
        "experts": _("experts by experience"),
        "professionals": _("professionals"),
    }
    return names[kind]


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
                    "cannot tell from the columns whether this is a roster of students, of "
                    "experts by experience or of professionals; choose it yourself"
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


def kinds_of_format(edition_format: str) -> tuple[Kind, ...]:
    """The rosters an edition of this format takes: students and experts for an encounter day,
    experts and professionals for a co-creation meeting."""
    if edition_format == Format.CO_CREATION:
        return ("experts", "professionals")
    return ("students", "experts")


def check_format(edition: Edition, kind: Kind, report: ImportReport) -> bool:
    """True when ``edition`` takes a roster of ``kind``; otherwise False with an error."""
    if kind in kinds_of_format(edition.format):
        return True
    if kind == "professionals":
        reason = _(
            "professionals take part only in co-creation meetings; %(edition)s is a %(format)s. "
            "Nothing was read."
        )
    else:
        reason = _(
            "a roster of %(kind)s cannot be imported into %(edition)s, a %(format)s; "
            "nothing was read."
        )
    report.error(
        None,
        None,
        None,
        reason
        % {
            "kind": kind_name(kind),
            "edition": str(edition),
            "format": edition.get_format_display(),
        },
    )
    return False
