"""Import an instrument (e.g. a licensed, validated one) from a file the department owns.

The texts of such instruments are never committed: they live only in the department's file and
the database. One layout for both formats:

* **XLSX** with three sheets. ``instrument``: two columns ``field | value`` with rows ``slug``,
  ``name``, ``version``, ``language``, ``validated``, ``licence_note``, ``description``.
  ``subscales``: columns ``code, label, min_items, label_nl, label_en, label_it``.
  ``items``: columns ``code, kind, subscale, reverse, required, scale_min, scale_max, text_nl,
  text_en, text_it, labels_nl, labels_en, labels_it``.
* **JSON**: ``{"instrument": {...}, "subscales": [{...}], "items": [{...}]}`` with the same keys.

``labels_<language>`` is ``value=label|value=label`` (Likert points, or choice options of
``single``/``multiple`` items). Every row is checked first; any error names the sheet, row and
column, and nothing is written.

A file is read within limits (``privacy/uploads.py``, ``privacy/xlsx.py``): its size, an .xlsx
file's unpacked size and XML, and each sheet's rows and columns (settings
``ONTMOETING_INSTRUMENT_MAX_ROWS`` and ``ONTMOETING_INSTRUMENT_MAX_COLUMNS``); a file past them
is refused with its name and the reason, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.uploads import UnsafeFileError, check_size
from ontmoeting.privacy.xlsx import SheetLimits, open_workbook, sheet_rows
from ontmoeting.surveys.enums import SURVEY_LANGUAGES, InstrumentSource, ItemKind
from ontmoeting.surveys.models import Instrument, Item, Subscale

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
TRUE = {"1", "true", "yes", "ja", "sì", "si", "x", "y", "j"}
FALSE = {"", "0", "false", "no", "nee", "n"}


class InstrumentImportError(Exception):
    """The file cannot be imported; ``errors`` lists every problem (nothing was written)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class _Parsed:
    instrument: dict[str, Any] = field(default_factory=dict)
    subscales: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)


def _norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def instrument_limits() -> SheetLimits:
    """The most rows and columns of each sheet of an instrument file (settings)."""
    return SheetLimits(
        max_rows=int(settings.ONTMOETING_INSTRUMENT_MAX_ROWS),
        max_columns=int(settings.ONTMOETING_INSTRUMENT_MAX_COLUMNS),
    )


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, once its size is known to be within the instrument's limit."""
    check_size(path.stat().st_size, "instrument")
    return path.read_bytes()


def _sheet(book: Workbook, name: str) -> list[list[object]]:
    """The rows with content of sheet ``name``; a row past the limits names its place."""
    try:
        return [cells for _number, cells in sheet_rows(book[name], instrument_limits())]
    except UnsafeFileError as exc:
        if exc.row is None:
            raise
        where = (
            _("sheet '%(s)s', row %(r)s, column '%(c)s'")
            % {"s": name, "r": exc.row, "c": exc.column}
            if exc.column
            else _("sheet '%(s)s', row %(r)s") % {"s": name, "r": exc.row}
        )
        raise InstrumentImportError([f"{where}: {exc.reason}"]) from None


def _read_xlsx(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], list[Any]]:
    with open_workbook(_read_bounded(path)) as book:
        missing = [s for s in ("instrument", "subscales", "items") if s not in book.sheetnames]
        if missing:
            raise InstrumentImportError([_("Sheet missing: %(s)s.") % {"s": s} for s in missing])
        meta_rows, subscale_rows, item_rows = (
            _sheet(book, name) for name in ("instrument", "subscales", "items")
        )

    def table(rows: list[list[object]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        header = [_norm(h).lower() for h in rows[0]]
        return [{h: _norm(v) for h, v in zip(header, row, strict=False) if h} for row in rows[1:]]

    meta = {
        _norm(r[0]).lower(): _norm(r[1] if len(r) > 1 else "")
        for r in meta_rows
        if r and _norm(r[0])
    }
    meta.pop("field", None)
    return meta, table(subscale_rows), table(item_rows)


def _read_json(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], list[Any]]:
    try:
        data = json.loads(_read_bounded(path).decode("utf-8"))
    except RecursionError:
        raise InstrumentImportError(
            [_("The JSON is nested too deeply to be an instrument.")]
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InstrumentImportError(
            [_("The file is not valid JSON (%(e)s).") % {"e": exc}]
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise InstrumentImportError(
            [_("The JSON must be an object with 'instrument', 'subscales' and 'items'.")]
        )
    return data.get("instrument") or {}, data.get("subscales") or [], data["items"]


def _labels(text: Any, where: str, errors: list[str]) -> dict[str, str]:
    if isinstance(text, dict):
        return {_norm(k): _norm(v) for k, v in text.items()}
    result: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in _norm(text).split("|"))):
        value, sep, label = part.partition("=")
        if not sep or not value.strip():
            errors.append(
                _("%(where)s: '%(part)s' is not value=label.") % {"where": where, "part": part}
            )
            continue
        result[value.strip()] = label.strip()
    return result


def _int(value: Any, where: str, errors: list[str]) -> int | None:
    text = _norm(value)
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        errors.append(_("%(where)s: '%(v)s' is not a whole number.") % {"where": where, "v": text})
        return None


def _bool(value: Any, where: str, errors: list[str]) -> bool:
    text = _norm(value).lower()
    if isinstance(value, bool):
        return value
    if text in TRUE:
        return True
    if text not in FALSE:
        errors.append(_("%(where)s: '%(v)s' is not yes or no.") % {"where": where, "v": text})
    return False


@dataclass
class _Problems:
    """Every problem found in a file, each naming its place as the file's format does."""

    json_style: bool
    errors: list[str] = field(default_factory=list)

    def at(self, sheet: str, index: int, column: str) -> str:
        """Where a value is: ``items[3].kind`` in JSON, the sheet, row and column in XLSX."""
        if self.json_style:
            return f"{sheet}[{index}].{column}"
        return _("sheet '%(s)s', row %(r)s, column '%(c)s'") % {
            "s": sheet,
            "r": index + 2,
            "c": column,
        }

    def add(self, message: str) -> None:
        self.errors.append(message)


def parse(
    meta: dict[str, Any],
    subscale_rows: list[dict[str, Any]],
    item_rows: list[Any],
    *,
    json_style: bool,
) -> _Parsed:
    """Check every row; raise InstrumentImportError with all problems found.

    The problems come in the file's order: the instrument, each subscale, each item, then
    whether there are items and whether each subscale has enough of them.
    """
    problems = _Problems(json_style=json_style)
    parsed = _Parsed(instrument=_parse_meta(meta, problems))
    parsed.subscales = _parse_subscales(subscale_rows, problems)
    parsed.items = _parse_items(item_rows, {s["code"] for s in parsed.subscales}, problems)
    if not item_rows:
        problems.add(_("The instrument has no items."))
    _check_subscale_sizes(parsed.subscales, parsed.items, problems)
    if problems.errors:
        raise InstrumentImportError(problems.errors)
    return parsed


def _lower_keys(row: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in row.items()}


def _per_language(row: dict[str, Any], prefix: str) -> dict[str, str]:
    """``<prefix>_nl``, ``<prefix>_en``, ... of ``row`` by language, the empty ones left out."""
    return {
        lang: _norm(row.get(f"{prefix}_{lang}"))
        for lang in SURVEY_LANGUAGES
        if _norm(row.get(f"{prefix}_{lang}"))
    }


def _parse_meta(meta: dict[str, Any], problems: _Problems) -> dict[str, Any]:
    """The instrument's fields: a slug, a name, and a version not imported before."""
    slug = _norm(meta.get("slug")).lower()
    if not SLUG.match(slug):
        problems.add(
            _("instrument: 'slug' must be a short code of lower-case letters, digits, - or _.")
        )
    name = _norm(meta.get("name"))
    if not name:
        problems.add(_("instrument: 'name' is missing."))
    version = _int(meta.get("version") or 1, "instrument: version", problems.errors) or 1
    language = _norm(meta.get("language")).lower()[:3]
    if slug and Instrument.objects.filter(slug=slug, version=version).exists():
        problems.add(
            _("instrument: '%(slug)s' version %(v)s is already imported; raise the version.")
            % {"slug": slug, "v": version}
        )
    validated = _bool(meta.get("validated", "yes"), "instrument: validated", problems.errors)
    return {
        "slug": slug,
        "name": name,
        "version": version,
        "language": language,
        "validated": validated,
        "licence_note": _norm(meta.get("licence_note")),
        "description": _norm(meta.get("description")),
    }


def _unique_code(
    row: dict[str, Any], seen: set[str], problems: _Problems, *, sheet: str, index: int
) -> str:
    """The row's code: a short code, not used by an earlier row of the sheet."""
    code = _norm(row.get("code")).lower()
    where = problems.at(sheet, index, "code")
    if not SLUG.match(code):
        problems.add(_("%(at)s: a short code is needed.") % {"at": where})
    elif code in seen:
        problems.add(_("%(at)s: '%(c)s' appears twice.") % {"at": where, "c": code})
    seen.add(code)
    return code


def _parse_subscales(rows: list[dict[str, Any]], problems: _Problems) -> list[dict[str, Any]]:
    seen: set[str] = set()
    return [_parse_subscale(i, _lower_keys(row), seen, problems) for i, row in enumerate(rows)]


def _parse_subscale(
    i: int, row: dict[str, Any], seen: set[str], problems: _Problems
) -> dict[str, Any]:
    """One subscale: a unique code, a label, and the items needed for a score (k)."""
    code = _unique_code(row, seen, problems, sheet="subscales", index=i)
    labels = _per_language(row, "label")
    label = _norm(row.get("label")) or labels.get("en", "") or next(iter(labels.values()), "")
    if not label:
        problems.add(_("%(at)s: a label is needed.") % {"at": problems.at("subscales", i, "label")})
    k = _int(row.get("min_items") or 1, problems.at("subscales", i, "min_items"), problems.errors)
    return {
        "code": code,
        "label": label,
        "labels": labels,
        "min_items_answered": k or 1,
        "order": i,
    }


def _parse_items(
    rows: list[Any], subscale_codes: set[str], problems: _Problems
) -> list[dict[str, Any]]:
    """Every item row (a row that is not an object is a problem, and left out)."""
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            problems.add(
                _("%(at)s: an item must be an object.") % {"at": problems.at("items", i, "")}
            )
            continue
        items.append(_parse_item(i, _lower_keys(row), subscale_codes, seen, problems))
    return items


def _parse_item(
    i: int, row: dict[str, Any], subscale_codes: set[str], seen: set[str], problems: _Problems
) -> dict[str, Any]:
    """One item: code, kind, texts, subscale and options; a Likert item's scale and labels, a
    choice item's options."""
    code = _unique_code(row, seen, problems, sheet="items", index=i)
    kind = _kind(i, row, problems)
    texts = _texts(i, row, problems)
    subscale = _subscale(i, row, subscale_codes, problems)
    labels_by_lang = {
        lang: _labels(
            row.get(f"labels_{lang}"), problems.at("items", i, f"labels_{lang}"), problems.errors
        )
        for lang in SURVEY_LANGUAGES
        if row.get(f"labels_{lang}")
    }
    item: dict[str, Any] = {
        "code": code,
        "kind": kind,
        "texts": texts,
        "order": i + 1,
        "reverse_keyed": _bool(
            row.get("reverse"), problems.at("items", i, "reverse"), problems.errors
        ),
        "required": _bool(
            row.get("required"), problems.at("items", i, "required"), problems.errors
        ),
        "subscale": subscale,
    }
    if kind == ItemKind.LIKERT:
        item.update(_likert_scale(i, row, labels_by_lang, problems))
    elif kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        item["choices"] = _choices(i, labels_by_lang, problems)
        if subscale:
            problems.add(
                _("%(at)s: only Likert items belong to a subscale.")
                % {"at": problems.at("items", i, "subscale")}
            )
    return item


def _kind(i: int, row: dict[str, Any], problems: _Problems) -> str:
    kind = _norm(row.get("kind") or "likert").lower()
    if kind not in ItemKind.values:
        problems.add(
            _("%(at)s: '%(k)s' is not one of %(allowed)s.")
            % {
                "at": problems.at("items", i, "kind"),
                "k": kind,
                "allowed": ", ".join(ItemKind.values),
            }
        )
    return kind


def _texts(i: int, row: dict[str, Any], problems: _Problems) -> dict[str, str]:
    """The question in each language (``text_<language>`` columns, or a JSON ``texts``)."""
    texts = _per_language(row, "text")
    if isinstance(row.get("texts"), dict):
        texts.update({k: _norm(v) for k, v in row["texts"].items() if _norm(v)})
    if not texts:
        problems.add(
            _("%(at)s: the question text is missing.") % {"at": problems.at("items", i, "text_nl")}
        )
    return texts


def _subscale(i: int, row: dict[str, Any], subscale_codes: set[str], problems: _Problems) -> str:
    subscale = _norm(row.get("subscale")).lower()
    if subscale and subscale not in subscale_codes:
        problems.add(
            _("%(at)s: no subscale '%(s)s' in the subscales sheet.")
            % {"at": problems.at("items", i, "subscale"), "s": subscale}
        )
    return subscale


def _likert_scale(
    i: int, row: dict[str, Any], labels_by_lang: dict[str, dict[str, str]], problems: _Problems
) -> dict[str, Any]:
    """``scale_min``, ``scale_max`` and the labels of the points (each within the scale); no
    fields when the scale is missing or empty."""
    low = _int(row.get("scale_min"), problems.at("items", i, "scale_min"), problems.errors)
    high = _int(row.get("scale_max"), problems.at("items", i, "scale_max"), problems.errors)
    if low is None or high is None or low >= high:
        problems.add(
            _("%(at)s: a Likert item needs scale_min < scale_max.")
            % {"at": problems.at("items", i, "scale_max")}
        )
        return {}
    scale_labels: dict[str, dict[str, str]] = {}
    for lang, labels in labels_by_lang.items():
        for value, text in labels.items():
            if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
                problems.add(
                    _("%(at)s: %(v)s is outside %(lo)s–%(hi)s.")
                    % {
                        "at": problems.at("items", i, f"labels_{lang}"),
                        "v": value,
                        "lo": low,
                        "hi": high,
                    }
                )
                continue
            scale_labels.setdefault(str(int(value)), {})[lang] = text
    return {"scale_min": low, "scale_max": high, "scale_labels": scale_labels}


def _choices(
    i: int, labels_by_lang: dict[str, dict[str, str]], problems: _Problems
) -> list[dict[str, Any]]:
    """The options of a choice item: every value of any language, with its labels."""
    values: list[str] = []
    for labels in labels_by_lang.values():
        values += [v for v in labels if v not in values]
    if not values:
        problems.add(
            _("%(at)s: a choice item needs options.") % {"at": problems.at("items", i, "labels_nl")}
        )
    return [
        {
            "value": v,
            "labels": {lang: lab[v] for lang, lab in labels_by_lang.items() if v in lab},
        }
        for v in values
    ]


def _check_subscale_sizes(
    subscales: list[dict[str, Any]], items: list[dict[str, Any]], problems: _Problems
) -> None:
    """Each subscale has Likert items, at least as many as it needs for a score (k)."""
    per_subscale = Counter(
        item["subscale"] for item in items if item["kind"] == ItemKind.LIKERT and item["subscale"]
    )
    for i, sub in enumerate(subscales):
        n = per_subscale[sub["code"]]
        if n == 0:
            problems.add(
                _("%(at)s: no Likert item belongs to this subscale.")
                % {"at": problems.at("subscales", i, "code")}
            )
        elif sub["min_items_answered"] > n:
            problems.add(
                _("%(at)s: k = %(k)s but the subscale has only %(n)s items.")
                % {
                    "at": problems.at("subscales", i, "min_items"),
                    "k": sub["min_items_answered"],
                    "n": n,
                }
            )


def read_instrument_file(path: Path, *, filename: str | None = None) -> _Parsed:
    """Check the instrument in ``path``; InstrumentImportError lists every problem, a file
    refused as a whole (too large, damaged, hostile) under its name (``filename`` or the path's)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return parse(*_read_json(path), json_style=True)
        if suffix in (".xlsx", ".xlsm"):
            return parse(*_read_xlsx(path), json_style=False)
    except UnsafeFileError as exc:
        name = Path(filename or path.name).name
        raise InstrumentImportError(
            [_("%(file)s: %(reason)s") % {"file": name, "reason": exc.reason}]
        ) from None
    raise InstrumentImportError([_("Use a .xlsx or .json file.")])


@transaction.atomic
def import_instrument(path: Path, *, actor: Actor, filename: str | None = None) -> Instrument:
    """Check and import the instrument in ``path`` (all or nothing); return it. ``filename``
    is the name the user knows the file by (an upload is stored under another)."""
    parsed = read_instrument_file(Path(path), filename=filename)
    instrument = Instrument.objects.create(source=InstrumentSource.IMPORTED, **parsed.instrument)
    subscales = {
        s["code"]: Subscale.objects.create(instrument=instrument, **s) for s in parsed.subscales
    }
    for item in parsed.items:
        sub = item.pop("subscale")
        Item.objects.create(instrument=instrument, subscale=subscales.get(sub), **item)
    record(
        "surveys.instrument_imported",
        actor=actor,
        obj=instrument,
        items=len(parsed.items),
        subscales=len(parsed.subscales),
    )
    return instrument
