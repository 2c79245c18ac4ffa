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
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.surveys.enums import SURVEY_LANGUAGES, InstrumentSource, ItemKind
from ontmoeting.surveys.models import Instrument, Item, Subscale

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


def _read_xlsx(path: Path) -> tuple[dict[str, Any], list[dict], list[dict]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InstrumentImportError(
            [_("The file is not a readable .xlsx workbook (%(e)s).") % {"e": exc}]
        ) from exc
    missing = [s for s in ("instrument", "subscales", "items") if s not in book.sheetnames]
    if missing:
        raise InstrumentImportError([_("Sheet missing: %(s)s.") % {"s": s} for s in missing])

    def table(name: str) -> list[dict[str, Any]]:
        rows = list(book[name].iter_rows(values_only=True))
        if not rows:
            return []
        header = [_norm(h).lower() for h in rows[0]]
        return [
            {h: _norm(v) for h, v in zip(header, row, strict=False) if h}
            for row in rows[1:]
            if any(_norm(v) for v in row)
        ]

    meta_rows = list(book["instrument"].iter_rows(values_only=True))
    meta = {
        _norm(r[0]).lower(): _norm(r[1] if len(r) > 1 else "")
        for r in meta_rows
        if r and _norm(r[0])
    }
    meta.pop("field", None)
    return meta, table("subscales"), table("items")


def _read_json(path: Path) -> tuple[dict[str, Any], list[dict], list[dict]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
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


def parse(
    meta: dict[str, Any], subscale_rows: list[dict], item_rows: list[dict], *, json_style: bool
) -> _Parsed:
    """Check every row; raise InstrumentImportError with all problems found."""
    errors: list[str] = []

    def at(sheet: str, index: int, column: str) -> str:
        if json_style:
            return f"{sheet}[{index}].{column}"
        return _("sheet '%(s)s', row %(r)s, column '%(c)s'") % {
            "s": sheet,
            "r": index + 2,
            "c": column,
        }

    parsed = _Parsed()
    slug = _norm(meta.get("slug")).lower()
    if not SLUG.match(slug):
        errors.append(
            _("instrument: 'slug' must be a short code of lower-case letters, digits, - or _.")
        )
    name = _norm(meta.get("name"))
    if not name:
        errors.append(_("instrument: 'name' is missing."))
    version = _int(meta.get("version") or 1, "instrument: version", errors) or 1
    language = _norm(meta.get("language")).lower()[:3]
    if slug and Instrument.objects.filter(slug=slug, version=version).exists():
        errors.append(
            _("instrument: '%(slug)s' version %(v)s is already imported; raise the version.")
            % {"slug": slug, "v": version}
        )
    parsed.instrument = {
        "slug": slug,
        "name": name,
        "version": version,
        "language": language,
        "validated": _bool(meta.get("validated", "yes"), "instrument: validated", errors),
        "licence_note": _norm(meta.get("licence_note")),
        "description": _norm(meta.get("description")),
    }
    subscale_codes: set[str] = set()
    for i, row in enumerate(subscale_rows):
        row = {str(k).lower(): v for k, v in row.items()}
        code = _norm(row.get("code")).lower()
        if not SLUG.match(code):
            errors.append(_("%(at)s: a short code is needed.") % {"at": at("subscales", i, "code")})
        elif code in subscale_codes:
            errors.append(
                _("%(at)s: '%(c)s' appears twice.") % {"at": at("subscales", i, "code"), "c": code}
            )
        subscale_codes.add(code)
        labels = {
            lang: _norm(row.get(f"label_{lang}"))
            for lang in SURVEY_LANGUAGES
            if _norm(row.get(f"label_{lang}"))
        }
        label = _norm(row.get("label")) or labels.get("en", "") or next(iter(labels.values()), "")
        if not label:
            errors.append(_("%(at)s: a label is needed.") % {"at": at("subscales", i, "label")})
        k = _int(row.get("min_items") or 1, at("subscales", i, "min_items"), errors) or 1
        parsed.subscales.append(
            {"code": code, "label": label, "labels": labels, "min_items_answered": k, "order": i}
        )
    item_codes: set[str] = set()
    per_subscale: dict[str, int] = {}
    for i, row in enumerate(item_rows):
        if not isinstance(row, dict):
            errors.append(_("%(at)s: an item must be an object.") % {"at": at("items", i, "")})
            continue
        row = {str(k).lower(): v for k, v in row.items()}
        code = _norm(row.get("code")).lower()
        if not SLUG.match(code):
            errors.append(_("%(at)s: a short code is needed.") % {"at": at("items", i, "code")})
        elif code in item_codes:
            errors.append(
                _("%(at)s: '%(c)s' appears twice.") % {"at": at("items", i, "code"), "c": code}
            )
        item_codes.add(code)
        kind = _norm(row.get("kind") or "likert").lower()
        if kind not in ItemKind.values:
            errors.append(
                _("%(at)s: '%(k)s' is not one of %(allowed)s.")
                % {"at": at("items", i, "kind"), "k": kind, "allowed": ", ".join(ItemKind.values)}
            )
        texts = {
            lang: _norm(row.get(f"text_{lang}"))
            for lang in SURVEY_LANGUAGES
            if _norm(row.get(f"text_{lang}"))
        }
        if isinstance(row.get("texts"), dict):
            texts.update({k: _norm(v) for k, v in row["texts"].items() if _norm(v)})
        if not texts:
            errors.append(
                _("%(at)s: the question text is missing.") % {"at": at("items", i, "text_nl")}
            )
        subscale = _norm(row.get("subscale")).lower()
        if subscale and subscale not in subscale_codes:
            errors.append(
                _("%(at)s: no subscale '%(s)s' in the subscales sheet.")
                % {"at": at("items", i, "subscale"), "s": subscale}
            )
        labels_by_lang = {
            lang: _labels(row.get(f"labels_{lang}"), at("items", i, f"labels_{lang}"), errors)
            for lang in SURVEY_LANGUAGES
            if row.get(f"labels_{lang}")
        }
        item: dict[str, Any] = {
            "code": code,
            "kind": kind,
            "texts": texts,
            "order": i + 1,
            "reverse_keyed": _bool(row.get("reverse"), at("items", i, "reverse"), errors),
            "required": _bool(row.get("required"), at("items", i, "required"), errors),
            "subscale": subscale,
        }
        if kind == ItemKind.LIKERT:
            low = _int(row.get("scale_min"), at("items", i, "scale_min"), errors)
            high = _int(row.get("scale_max"), at("items", i, "scale_max"), errors)
            if low is None or high is None or low >= high:
                errors.append(
                    _("%(at)s: a Likert item needs scale_min < scale_max.")
                    % {"at": at("items", i, "scale_max")}
                )
            else:
                scale_labels: dict[str, dict[str, str]] = {}
                for lang, labels in labels_by_lang.items():
                    for value, text in labels.items():
                        if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
                            errors.append(
                                _("%(at)s: %(v)s is outside %(lo)s–%(hi)s.")
                                % {
                                    "at": at("items", i, f"labels_{lang}"),
                                    "v": value,
                                    "lo": low,
                                    "hi": high,
                                }
                            )
                            continue
                        scale_labels.setdefault(str(int(value)), {})[lang] = text
                item.update(scale_min=low, scale_max=high, scale_labels=scale_labels)
            if subscale:
                per_subscale[subscale] = per_subscale.get(subscale, 0) + 1
        elif kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
            values: list[str] = []
            for labels in labels_by_lang.values():
                values += [v for v in labels if v not in values]
            if not values:
                errors.append(
                    _("%(at)s: a choice item needs options.") % {"at": at("items", i, "labels_nl")}
                )
            item["choices"] = [
                {
                    "value": v,
                    "labels": {lang: lab[v] for lang, lab in labels_by_lang.items() if v in lab},
                }
                for v in values
            ]
            if subscale:
                errors.append(
                    _("%(at)s: only Likert items belong to a subscale.")
                    % {"at": at("items", i, "subscale")}
                )
        parsed.items.append(item)
    if not item_rows:
        errors.append(_("The instrument has no items."))
    for i, sub in enumerate(parsed.subscales):
        n = per_subscale.get(sub["code"], 0)
        if n == 0:
            errors.append(
                _("%(at)s: no Likert item belongs to this subscale.")
                % {"at": at("subscales", i, "code")}
            )
        elif sub["min_items_answered"] > n:
            errors.append(
                _("%(at)s: k = %(k)s but the subscale has only %(n)s items.")
                % {"at": at("subscales", i, "min_items"), "k": sub["min_items_answered"], "n": n}
            )
    if errors:
        raise InstrumentImportError(errors)
    return parsed


def read_instrument_file(path: Path) -> _Parsed:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse(*_read_json(path), json_style=True)
    if suffix in (".xlsx", ".xlsm"):
        return parse(*_read_xlsx(path), json_style=False)
    raise InstrumentImportError([_("Use a .xlsx or .json file.")])


@transaction.atomic
def import_instrument(path: Path, *, actor: Actor) -> Instrument:
    """Check and import the instrument in ``path`` (all or nothing); return it."""
    parsed = read_instrument_file(Path(path))
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
