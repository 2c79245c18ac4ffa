"""An empty roster to fill in: .xlsx (with an explanation sheet) or .csv (header line only).

Written by the one spreadsheet writer (:mod:`ontmoeting.privacy.tabular`).
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.columns import Kind, columns_for
from ontmoeting.editions.roster.context import load_vocabularies
from ontmoeting.editions.roster.values import Vocabulary
from ontmoeting.editions.roster.words import fold
from ontmoeting.people.enums import Language, ProfessionalFunction, Role, Training, WorkStatus
from ontmoeting.people.models import ExperienceDomain, Sector
from ontmoeting.privacy.tabular import Heading, Row, Sheet, csv_bytes, xlsx_bytes


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
    path.write_bytes(csv_bytes([c.key for c in columns_for(kind)], delimiter=";"))


def _data_sheet(kind: Kind) -> Sheet:
    columns = columns_for(kind)
    formats: dict[int, str] = {}
    for index, column in enumerate(columns):
        # Column styles, not cells: typed dates show as dates, phone numbers keep their 0.
        if column.key == "member_since":
            formats[index] = "yyyy-mm-dd"
        elif column.key in {"ref", "phone"}:
            formats[index] = "@"
    titles = {
        "students": _("Students"),
        "experts": _("Experts"),
        "professionals": _("Professionals"),
    }
    return Sheet(
        str(titles[kind]),
        [c.key for c in columns],
        formats=formats,
        widths={i: max(14, len(c.key) + 4) for i, c in enumerate(columns)},
    )


def _code_lists(kind: Kind) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(title, vocabulary, [(code, label)]) for the explanation sheet."""
    if kind == "professionals":
        return [
            (str(_("sectors")), "sector", [(s.code, s.name) for s in Sector.objects.all()]),
            (
                str(_("functions")),
                "function",
                [(c.value, str(c.label)) for c in ProfessionalFunction],
            ),
            (str(_("languages")), "languages", [(c.value, str(c.label)) for c in Language]),
        ]
    domains = [(d.code, d.name) for d in ExperienceDomain.objects.all()]
    codes = [(str(_("domains")), "domains", domains)]
    if kind == "experts":
        codes += [
            (str(_("status")), "status", [(c.value, str(c.label)) for c in WorkStatus]),
            (str(_("training")), "training", [(c.value, str(c.label)) for c in Training]),
            (str(_("roles")), "roles", [(c.value, str(c.label)) for c in Role]),
        ]
    codes.append((str(_("languages")), "languages", [(c.value, str(c.label)) for c in Language]))
    return codes


def _accepted(vocabulary: Vocabulary, code: str, label: str) -> str:
    """The label, then every other word the import reads as ``code`` (built-in and our own)."""
    others = sorted(
        {word for word, meant in vocabulary.words.items() if meant == code}
        - {fold(code), fold(label)}
    )
    return f"{label} ({', '.join(others)})" if others else label


def _help_sheet(kind: Kind) -> Sheet:
    rows: list[Row] = [
        [
            column.key,
            str(_("yes")) if column.required else str(_("no")),
            ", ".join(column.aliases),
            column.example,
            str(column.help),
        ]
        for column in columns_for(kind)
    ]
    rows += [
        [],
        [
            str(
                _(
                    "Row 1 holds the column names; every row below is one person. "
                    "Re-importing the same file updates people by their ref and "
                    "never duplicates them."
                )
            )
        ],
    ]
    words = load_vocabularies()
    for title, field, pairs in _code_lists(kind):
        rows += [
            [],
            Heading(title),
            *([code, "", _accepted(words[field], code, label)] for code, label in pairs),
        ]
    return Sheet(
        str(_("Explanation")),
        [
            str(_("column")),
            str(_("required")),
            str(_("also accepted as")),
            str(_("example")),
            str(_("what to fill in")),
        ],
        rows,
        widths=dict(enumerate((18, 10, 30, 24, 90))),
        wrap=frozenset({4}),
        freeze_header=False,
    )


def _write_xlsx(path: Path, kind: Kind) -> None:
    path.write_bytes(xlsx_bytes([_data_sheet(kind), _help_sheet(kind)]))
