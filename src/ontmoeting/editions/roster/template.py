"""An empty roster to fill in: .xlsx (with an explanation sheet) or .csv (header line only)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.columns import Kind, columns_for
from ontmoeting.people.enums import Language, Role, Training, WorkStatus
from ontmoeting.people.models import ExperienceDomain


def write_template(path: Path, kind: Kind) -> Path:
    """Write an empty roster for ``kind`` to ``path``; the format follows its extension."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(path, kind)
    elif suffix == ".xlsx":
        _write_xlsx(path, kind)
    else:
        raise ValueError(
            _("A template is written as .xlsx or .csv, not %(suffix)s.")
            % {"suffix": suffix or path.name}
        )
    return path


def _write_csv(path: Path, kind: Kind) -> None:
    # UTF-8 with a BOM and ';' between columns: Belgian Excel opens this as separate columns.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerow([c.key for c in columns_for(kind)])


def _write_xlsx(path: Path, kind: Kind) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = columns_for(kind)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = str(_("Students")) if kind == "students" else str(_("Experts"))
    sheet.append([c.key for c in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(14, len(column.key) + 4)
        # Column styles, not cells: typed dates show as dates, phone numbers keep their 0.
        if column.key == "member_since":
            dimension.number_format = "yyyy-mm-dd"
        elif column.key in {"ref", "phone"}:
            dimension.number_format = "@"

    help_sheet = workbook.create_sheet(str(_("Explanation")))
    help_sheet.append(
        [
            str(_("column")),
            str(_("required")),
            str(_("also accepted as")),
            str(_("example")),
            str(_("what to fill in")),
        ]
    )
    for column in columns:
        help_sheet.append(
            [
                column.key,
                str(_("yes")) if column.required else str(_("no")),
                ", ".join(column.aliases),
                column.example,
                str(column.help),
            ]
        )
    help_sheet.append([])
    help_sheet.append(
        [
            str(
                _(
                    "Row 1 holds the column names; every row below is one person. "
                    "Re-importing the same file updates people by their ref and "
                    "never duplicates them."
                )
            )
        ]
    )
    codes = [(str(_("domains")), [(d.code, d.name) for d in ExperienceDomain.objects.all()])]
    if kind == "experts":
        codes += [
            (str(_("status")), [(c.value, str(c.label)) for c in WorkStatus]),
            (str(_("training")), [(c.value, str(c.label)) for c in Training]),
            (str(_("roles")), [(c.value, str(c.label)) for c in Role]),
        ]
    codes.append((str(_("languages")), [(c.value, str(c.label)) for c in Language]))
    for title, pairs in codes:
        help_sheet.append([])
        help_sheet.append([title])
        help_sheet.cell(row=help_sheet.max_row, column=1).font = Font(bold=True)
        for code, label in pairs:
            help_sheet.append([code, "", label])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 10, 30, 24, 90), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2, max_col=5):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path)
