"""Writing a :class:`~.dataset.Dataset`: CSV, XLSX (data + codebook), SPSS ``.sav``, codebook."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ontmoeting.surveys.exports.dataset import Dataset, Variable

FORMATS = ("csv", "xlsx", "sav")
CODEBOOK_FORMATS = ("xlsx", "html")


def _values_text(variable: Variable) -> str:
    return "; ".join(f"{value} = {label}" for value, label in variable.value_labels.items())


def codebook_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One row per variable: name, label, type, values and labels, subscale, reverse, missing."""
    return [
        {
            "name": v.name,
            "label": v.label,
            "type": v.type,
            "measure": v.measure,
            "values": _values_text(v),
            "wave": v.wave,
            "subscale": v.subscale,
            "reverse_keyed": "yes" if v.reverse_keyed else "",
            "missing": v.missing,
            "note": v.note,
        }
        for v in dataset.variables
    ]


CODEBOOK_COLUMNS = [
    ("name", "variable"),
    ("label", "label"),
    ("type", "type"),
    ("measure", "measure"),
    ("values", "values and labels"),
    ("wave", "wave"),
    ("subscale", "subscale"),
    ("reverse_keyed", "reverse keyed"),
    ("missing", "missing values"),
    ("note", "note"),
]


def write_csv(dataset: Dataset, target: Path | io.BytesIO) -> None:
    """UTF-8 (with BOM, so spreadsheet programs read accents), ``,`` between columns."""
    text = dataset.frame.to_csv(index=False, lineterminator="\n")
    data = ("\ufeff" + text).encode("utf-8")
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)


def _sheet(workbook: Any, title: str, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def _clean_cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def write_xlsx(dataset: Dataset, target: Path | io.BytesIO, *, with_codebook: bool = True) -> None:
    """Sheet ``data`` (one row per pseudonym) and, by default, sheet ``codebook``."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    frame = dataset.frame
    _sheet(
        workbook,
        "data",
        list(frame.columns),
        [[_clean_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)],
    )
    if with_codebook:
        _codebook_sheet(workbook, dataset)
    workbook.save(target)


def _codebook_sheet(workbook: Any, dataset: Dataset) -> None:
    rows = codebook_rows(dataset)
    _sheet(
        workbook,
        "codebook",
        [label for _key, label in CODEBOOK_COLUMNS],
        [[row[key] for key, _label in CODEBOOK_COLUMNS] for row in rows],
    )


def write_codebook_xlsx(dataset: Dataset, target: Path | io.BytesIO) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _codebook_sheet(workbook, dataset)
    workbook.save(target)


def codebook_html(dataset: Dataset) -> str:
    return render_to_string(
        "reports/codebook.html",
        {
            "dataset": dataset,
            "rows": codebook_rows(dataset),
            "title": _("Codebook %(year)s (%(audience)s)")
            % {"year": dataset.edition_year, "audience": dataset.audience},
        },
    )


def write_sav(dataset: Dataset, target: Path) -> None:
    """SPSS ``.sav`` with variable labels, value labels and measurement levels (pyreadstat)."""
    import pyreadstat

    frame = dataset.frame.copy()
    for var in dataset.variables:
        if var.type == "string":
            frame[var.name] = frame[var.name].fillna("").astype(str)
    value_labels = {
        v.name: {float(k): label for k, label in v.value_labels.items()}
        for v in dataset.variables
        if v.type == "numeric" and v.value_labels
    }
    pyreadstat.write_sav(
        frame,
        str(target),
        column_labels=[v.label[:255] for v in dataset.variables],
        variable_value_labels=value_labels,
        variable_measure={v.name: v.measure for v in dataset.variables},
        file_label=f"ontmoeting {dataset.edition_year} {dataset.audience} ({dataset.profile})",
    )


def write(dataset: Dataset, target: Path, fmt: str) -> None:
    """Write ``dataset`` to ``target`` as ``fmt`` (csv, xlsx or sav)."""
    if fmt == "csv":
        write_csv(dataset, target)
    elif fmt == "xlsx":
        write_xlsx(dataset, target)
    elif fmt == "sav":
        write_sav(dataset, target)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
