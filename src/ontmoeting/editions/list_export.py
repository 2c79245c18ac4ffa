"""The participant list as a file: the rows the list shows (its filter and sort), its columns.

Written through ``privacy.tabular`` (text never becomes a formula); the caller audits the read.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.editions.models import Edition
from ontmoeting.editions.participants import ParticipantQuery, participant_list
from ontmoeting.privacy.tabular import Sheet, csv_bytes, xlsx_bytes

#: The list's sortable columns and their headers (the page and the file share them).
COLUMN_LABELS: dict[str, Promise] = {
    "ref": gettext_lazy("Ref"),
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail"),
    "role": gettext_lazy("Role"),
    "status": gettext_lazy("Status"),
    "class_group": gettext_lazy("Class group"),
}
FORMATS = ("csv", "xlsx")


def _needs(participant: object) -> str:
    tags = (
        (getattr(participant, "needs_step_free", False), _("step-free")),
        (getattr(participant, "diet", ""), _("diet")),
        (getattr(participant, "accessibility", ""), _("accessibility")),
    )
    return ", ".join(label for present, label in tags if present)


def participant_table(
    edition: Edition, query: ParticipantQuery
) -> tuple[list[str], list[list[object]], list[int]]:
    """The header, the rows as the list shows them, and the participants' ids (for the audit)."""
    header = [str(label) for label in COLUMN_LABELS.values()] + [_("Veteran"), _("Needs")]
    rows: list[list[object]] = []
    ids: list[int] = []
    for p in participant_list(edition, query):
        rows.append(
            [
                p.ref,
                f"{p.person.last_name}, {p.person.first_name}",
                p.person.email,
                p.get_role_display(),
                p.get_status_display(),
                p.class_group,
                _("veteran") if p.is_veteran else _("newcomer"),
                _needs(p),
            ]
        )
        ids.append(p.pk)
    return header, rows, ids


def table_file(fmt: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """``header`` and ``rows`` as a CSV or XLSX file (``fmt`` is one of FORMATS)."""
    if fmt == "csv":
        return csv_bytes(header, rows)
    return xlsx_bytes([Sheet(title=_("Participants")[:31], header=header, rows=rows)])
