"""Reading a data table for analysis: CSV with ``,`` or ``;`` (then a decimal comma is allowed).

Missing values: an empty cell, ``NA``, ``NaN``, ``.`` (SPSS), ``-`` and ``?``. A cell that is
not a number after that is counted as *unreadable* so the caller can tell the user.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MISSING = ("", "NA", "N/A", "NaN", "nan", ".", "-", "?")


class TableError(ValueError):
    """The file cannot be read as a table, or a named column is not in it.

    ``kind`` (not_found, unreadable, empty, not_csv, no_column) and ``params`` let a caller
    word the message in the user's language; ``str(error)`` is an English fallback.
    """

    def __init__(self, kind: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params


@dataclass(frozen=True)
class NumericColumns:
    frame: pd.DataFrame
    unreadable: dict[str, int]


def read_table(path: Path) -> tuple[pd.DataFrame, str]:
    """The file as a frame of strings and the separator found (``,`` or ``;``)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            head = handle.read(8192)
    except FileNotFoundError as exc:
        raise TableError("not_found", f"file not found: {path}", file=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError("unreadable", f"cannot read {path}: {exc}", file=path, error=exc) from exc
    if not head.strip():
        raise TableError("empty", f"{path} is empty", file=path)
    first_line = head.splitlines()[0]
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        frame = pd.read_csv(
            path,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            quoting=csv.QUOTE_MINIMAL,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise TableError(
            "not_csv", f"cannot read {path} as CSV: {exc}", file=path, error=exc
        ) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, sep


def numeric_columns(frame: pd.DataFrame, columns: list[str], *, sep: str) -> NumericColumns:
    """``columns`` as floats (NaN for missing); raises TableError naming a missing column."""
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        missing, present = ", ".join(absent), ", ".join(map(str, frame.columns))
        raise TableError(
            "no_column",
            f"column(s) not found: {missing}; the file has: {present}",
            missing=missing,
            present=present,
        )
    out: dict[str, pd.Series] = {}
    unreadable: dict[str, int] = {}
    for column in columns:
        raw = frame[column].astype(str).str.strip()
        missing = raw.isin(MISSING)
        text = raw.str.replace(",", ".", regex=False) if sep == ";" else raw
        values = pd.to_numeric(text.where(~missing), errors="coerce")
        unreadable[column] = int((values.isna() & ~missing).sum())
        out[column] = values.astype(float)
    return NumericColumns(pd.DataFrame(out), unreadable)
