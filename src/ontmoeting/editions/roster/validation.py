"""Checking every row of a roster before anything is written; all problems are reported at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ontmoeting.editions.roster.columns import (
    KEEP_WHEN_EMPTY,
    Column,
    Kind,
    columns_for,
    header_lookup,
    normalise_header,
)
from ontmoeting.editions.roster.context import Context, RowData
from ontmoeting.editions.roster.matching import match_rows
from ontmoeting.editions.roster.readers import Table
from ontmoeting.editions.roster.report import ImportReport
from ontmoeting.editions.roster.values import (
    CellError,
    ReadDate,
    cell_text,
    parse_bool,
    parse_date,
    split_list,
)
from ontmoeting.editions.roster.words import FIELD_OF_COLUMN, fold
from ontmoeting.people.enums import ProfessionalFunction, Role, Training, WorkStatus
from ontmoeting.people.models import SelfHelpGroup


def map_header(table: Table, kind: Kind, report: ImportReport) -> dict[str, int]:
    """Column key → index in the row; unknown columns are a warning, missing required an error."""
    lookup = header_lookup(kind)
    positions: dict[str, int] = {}
    for index, title in enumerate(table.header):
        if not title:
            continue
        key = lookup.get(normalise_header(title))
        if key is None:
            report.warn(None, title, None, _("unknown column; it is ignored"))
        elif key in positions:
            report.error(
                None,
                title,
                None,
                _('the column appears twice (also as "%(other)s")')
                % {"other": table.header[positions[key]]},
            )
        else:
            positions[key] = index
    for column in columns_for(kind):
        if column.required and column.key not in positions:
            report.error(None, column.key, None, _("required column is missing"))
    return positions


def validate_rows(
    table: Table, kind: Kind, context: Context, report: ImportReport
) -> list[RowData]:
    """Parse and check every row; problems go to ``report``. Returns the rows as parsed."""
    positions = map_header(table, kind, report)
    if not table.rows:
        report.warn(None, None, None, _("the file has no rows below the header"))
    columns = {c.key: c for c in columns_for(kind)}
    parsed: list[RowData] = []
    for number, cells in table.rows:
        raw = {
            key: cells[index] if index < len(cells) else None for key, index in positions.items()
        }
        row = _parse_row(number, raw, columns, table, positions, context, report)
        if row is not None:
            parsed.append(row)
    match_rows(parsed, table, positions, context, report)
    return parsed


def _parse_row(
    number: int,
    raw: dict[str, object],
    columns: dict[str, Column],
    table: Table,
    positions: dict[str, int],
    context: Context,
    report: ImportReport,
) -> RowData | None:
    values: dict[str, Any] = {}
    ok = True
    for key, value in raw.items():
        column = columns[key]
        title = table.header[positions[key]]
        text = cell_text(value)
        if not text and column.required:
            report.error(number, title, None, _("a value is required"))
            ok = False
            continue
        if not text and key in KEEP_WHEN_EMPTY:
            continue
        try:
            values[key] = _PARSERS.get(key, _parse_text)(value, text, column, context)
        except CellError as exc:
            marks = (
                {
                    "key": key,
                    "unknown": exc.unknown,
                    "field": exc.field,
                    "suggestion": exc.suggestion,
                }
                if exc.unknown is not None
                else {}
            )
            report.error(number, title, text, str(exc), **marks)
            ok = False
            continue
        for word, reading in _readings(key, text, values[key], context):
            report.read_as(number, title, word, reading)
    ok = _check_combinations(number, values, table, positions, report) and ok
    if "self_help_group" in values:
        _note_new_group(number, values["self_help_group"], table, positions, context, report)
    if not ok:
        return None
    if "member_since" in values:
        values["member_since"] = values["member_since"].day
    return RowData(
        row=number, ref=values["ref"], values=values, knows=values.pop("knows", None) or []
    )


def _readings(key: str, text: str, value: Any, context: Context) -> list[tuple[str, str]]:
    """How a cell was understood where the text does not say it already: each word of a list
    that is a synonym with the label it stands for, "maart 2019" with its first day."""
    if isinstance(value, ReadDate):
        return [(text, date_format(value.day, "j F Y"))] if value.partial else []
    field_name = FIELD_OF_COLUMN.get(key)
    if field_name is None:
        return []
    vocabulary = context.vocabularies[field_name]
    if isinstance(value, bool):
        value = "yes" if value else "no"
    codes = value if isinstance(value, list) else [value]
    plain = {fold(code) for code in codes} | {fold(vocabulary.label(code)) for code in codes}
    items = [text] if fold(text) in plain or not isinstance(value, list) else split_list(text)
    readings = []
    for item in items:
        if len(fold(item)) <= 2 or fold(item) in plain:  # a code such as v, m, nl, x
            continue
        codes_of_item = vocabulary.several(item) if isinstance(value, list) else codes
        readings.append((item, "; ".join(vocabulary.label(c) for c in codes_of_item) or "—"))
    return readings


def _parse_text(value: object, text: str, column: Column, context: Context) -> str:
    if column.max_length is not None and len(text) > column.max_length:
        raise CellError(_("too long (at most %(max)d characters)") % {"max": column.max_length})
    return text


def _parse_email(value: object, text: str, column: Column, context: Context) -> str:
    text = _parse_text(value, text, column, context)
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("not a valid e-mail address")) from None
    return text


def _several(field_name: str) -> Callable[[object, str, Column, Context], list[str]]:
    def parse(value: object, text: str, column: Column, context: Context) -> list[str]:
        return context.vocabularies[field_name].several(text)

    return parse


def _parse_training(value: object, text: str, column: Column, context: Context) -> str:
    if not text:
        return str(Training.NONE)
    return context.vocabularies["training"].one(text)


def _parse_gender(value: object, text: str, column: Column, context: Context) -> str:
    return context.vocabularies["gender"].one(text)


def _parse_can_chair(value: object, text: str, column: Column, context: Context) -> bool:
    return parse_bool(value, context.vocabularies["can_chair"])


def _parse_co_facilitate(value: object, text: str, column: Column, context: Context) -> bool:
    return parse_bool(value, context.vocabularies["co_facilitate"])


def _one(field_name: str) -> Callable[[object, str, Column, Context], str]:
    def parse(value: object, text: str, column: Column, context: Context) -> str:
        return context.vocabularies[field_name].one(text)

    return parse


def _parse_function(value: object, text: str, column: Column, context: Context) -> str:
    if not text:
        return str(ProfessionalFunction.PRACTITIONER)
    return context.vocabularies["function"].one(text)


def _parse_knows(value: object, text: str, column: Column, context: Context) -> list[str]:
    return list(dict.fromkeys(split_list(text)))


_PARSERS: dict[str, Callable[[object, str, Column, Context], Any]] = {
    "email": _parse_email,
    "gender": _parse_gender,
    "language": _several("languages"),
    "languages": _several("languages"),
    "interests": _several("domains"),
    "domains": _several("domains"),
    "knows": _parse_knows,
    "member_since": lambda value, text, column, context: parse_date(value, today=context.today),
    "can_chair": _parse_can_chair,
    "status": _several("status"),
    "training": _parse_training,
    "roles": _several("roles"),
    "sector": _one("sector"),
    "function": _parse_function,
    "co_facilitate": _parse_co_facilitate,
}


def _check_combinations(
    number: int,
    values: dict[str, Any],
    table: Table,
    positions: dict[str, int],
    report: ImportReport,
) -> bool:
    ok = True
    statuses = set(values.get("status", ()))
    if WorkStatus.NONE in statuses and statuses & {
        WorkStatus.PAID_EMPLOYEE,
        WorkStatus.SELF_EMPLOYED,
    }:
        report.error(
            number,
            table.header[positions["status"]],
            ";".join(values["status"]),
            _("'no status' cannot be combined with paid work"),
        )
        ok = False
    roles = values.get("roles", [])
    if Role.NO_SPECIFIC_ROLE in roles and len(roles) > 1:
        report.error(
            number,
            table.header[positions["roles"]],
            ";".join(roles),
            _("'no specific role' excludes the other roles"),
        )
        ok = False
    return ok


def _note_new_group(
    number: int,
    name: str,
    table: Table,
    positions: dict[str, int],
    context: Context,
    report: ImportReport,
) -> None:
    key = name.strip().lower()
    if key not in context.groups_by_name:
        context.groups_by_name[key] = SelfHelpGroup(name=name.strip())
        report.warn(
            number,
            table.header[positions["self_help_group"]],
            name,
            _("new self-help group; it will be created"),
        )
