"""Writing a :class:`~.dataset.Dataset`: CSV, XLSX (data + codebook), SPSS ``.sav``, codebook.

Whole numbers stay whole: ``2025`` and ``4`` in CSV and XLSX, ``F4.0`` and ``F1.0`` in SPSS;
scale scores are ``F8.2``. Every categorical variable carries its value labels, text ones too.
Missing values are empty cells (system-missing in SPSS), as the codebook says. The codebook's
headings are in the active language (the export service activates the data set's language).

CSV and XLSX go through the one spreadsheet writer (:mod:`ontmoeting.privacy.tabular`): what a
respondent typed is written as text, never as a formula. The ``.sav`` file is not a spreadsheet
(pyreadstat writes typed variables that SPSS does not evaluate).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ontmoeting.privacy.tabular import Sheet, csv_bytes, xlsx_bytes
from ontmoeting.surveys.exports.dataset import Dataset, Variable

FORMATS = ("csv", "xlsx", "sav")
CODEBOOK_FORMATS = ("xlsx", "html")


def _values_text(variable: Variable) -> str:
    return "; ".join(f"{value} = {label}" for value, label in variable.value_labels.items())


def _type_text(variable: Variable) -> str:
    if variable.type == "string":
        return _("text")
    return _("whole number") if variable.integer else _("decimal number")


def codebook_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One row per variable: name, label, type, values and labels, subscale, reverse, missing."""
    measures = {"nominal": _("nominal"), "ordinal": _("ordinal"), "scale": _("scale")}
    return [
        {
            "name": v.name,
            "label": v.label,
            "type": _type_text(v),
            "format": v.spss_format,
            "measure": measures.get(v.measure, v.measure),
            "values": _values_text(v),
            "wave": v.wave,
            "subscale": v.subscale,
            "reverse_keyed": _("yes") if v.reverse_keyed else "",
            "missing": v.missing,
            "note": v.note,
        }
        for v in dataset.variables
    ]


def codebook_columns() -> list[tuple[str, str]]:
    """The codebook's columns: key and heading (in the active language)."""
    return [
        ("name", _("variable")),
        ("label", _("label")),
        ("type", _("type")),
        ("format", _("SPSS format")),
        ("measure", _("measure")),
        ("values", _("values and labels")),
        ("wave", _("wave")),
        ("subscale", _("subscale")),
        ("reverse_keyed", _("reverse keyed")),
        ("missing", _("missing values")),
        ("note", _("note")),
    ]


def write_csv(dataset: Dataset, target: Path | io.BytesIO) -> None:
    """UTF-8 (with BOM, so spreadsheet programs read accents), ``,`` between columns, text
    quoted and never a formula (:mod:`ontmoeting.privacy.tabular`)."""
    _put(csv_bytes(list(dataset.frame.columns), _data_rows(dataset)), target)


def _put(data: bytes, target: Path | io.BytesIO) -> None:
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)


def _clean_cell(value: Any) -> Any:
    """pandas' missing values (NaN, NA, NaT) as an empty cell; numpy scalars as Python's."""
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def _data_rows(dataset: Dataset) -> list[list[Any]]:
    frame = dataset.frame
    return [[_clean_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def _codebook_sheet(dataset: Dataset) -> Sheet:
    columns = codebook_columns()
    return Sheet(
        "codebook",
        [label for _key, label in columns],
        [[row[key] for key, _label in columns] for row in codebook_rows(dataset)],
    )


def write_xlsx(dataset: Dataset, target: Path | io.BytesIO, *, with_codebook: bool = True) -> None:
    """Sheet ``data`` (one row per pseudonym) and, by default, sheet ``codebook``."""
    sheets = [Sheet("data", list(dataset.frame.columns), _data_rows(dataset))]
    if with_codebook:
        sheets.append(_codebook_sheet(dataset))
    _put(xlsx_bytes(sheets), target)


def write_codebook_xlsx(dataset: Dataset, target: Path | io.BytesIO) -> None:
    _put(xlsx_bytes([_codebook_sheet(dataset)]), target)


def codebook_html(dataset: Dataset) -> str:
    return render_to_string(
        "reports/codebook.html",
        {
            "dataset": dataset,
            "rows": codebook_rows(dataset),
            "columns": codebook_columns(),
            "language": dataset.language,
            "title": _("Codebook %(year)s (%(audience)s)")
            % {"year": dataset.edition_year, "audience": _audience_label(dataset.audience)},
        },
    )


def _audience_label(audience: str) -> str:
    from ontmoeting.surveys.enums import Audience

    return str(Audience(audience).label) if audience in Audience.values else audience


def _sav_value_labels(variable: Variable) -> dict[Any, str]:
    if variable.type == "numeric":
        return {float(k): label for k, label in variable.value_labels.items()}
    return {str(k): label for k, label in variable.value_labels.items()}


def write_sav(dataset: Dataset, target: Path) -> None:
    """SPSS ``.sav`` with variable labels, value labels (numbers and text), measurement levels
    and formats: whole numbers as ``F<w>.0`` (pyreadstat)."""
    import pyreadstat

    frame = dataset.frame.copy()
    for var in dataset.variables:
        if var.type == "string":
            frame[var.name] = frame[var.name].fillna("").astype(str)
        else:
            frame[var.name] = frame[var.name].astype(float)
    pyreadstat.write_sav(
        frame,
        str(target),
        column_labels=[v.label[:255] for v in dataset.variables],
        variable_value_labels={
            v.name: _sav_value_labels(v) for v in dataset.variables if v.value_labels
        },
        variable_measure={v.name: v.measure for v in dataset.variables},
        variable_format={v.name: v.spss_format for v in dataset.variables if v.spss_format},
        file_label=f"ontmoeting {dataset.edition_year}: {_audience_label(dataset.audience)}, "
        + (_("identified") if dataset.profile == "identified" else _("de-identified")),
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
