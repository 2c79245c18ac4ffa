"""The research data set of one practice round (seed 001): one row per completed response.

A row is named by its study code (column ``respondent``, as the import reads it; a paper form
without a study code by a keyed pseudonym of its self-made code), never by a name. Then one
column per item, in the instrument's order, described as the encounter-day export describes them
(:func:`.dataset._item_variables`): a Likert answer as its number, a single choice as its code,
a multiple choice as one 0/1 column per option. The yes/no rows (roles, consent) are 1 (yes) or 0
(no), as the import reads them. A missing answer is an empty cell. Open answers are left out
(they may name people). Files go through the shared writers (:mod:`.writers`, hence
:mod:`ontmoeting.privacy.tabular`): CSV, and XLSX with a ``codebook`` sheet.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pandas as pd
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys.enums import ItemKind, WaveKind
from ontmoeting.surveys.exports.dataset import (
    LANGUAGES,
    Dataset,
    Variable,
    _answer_values,
    _item_variables,
)
from ontmoeting.surveys.exports.writers import write_csv, write_xlsx
from ontmoeting.surveys.models import Answer, Item, Response, Wave
from ontmoeting.surveys.pseudonyms import keyed_pseudonym

CODE_COLUMN = "respondent"
FORMATS = ("csv", "xlsx")
_PREFIX = "p"


def _is_yes_no(item: Item) -> bool:
    return item.kind == ItemKind.SINGLE and [c["value"] for c in item.choices] == [ew.YES, ew.NO]


def _variables(item: Item, wave: Wave, language: str) -> list[Variable]:
    found = _item_variables(_PREFIX, wave.title, item, language)
    named = [replace(v, name=v.name.removeprefix(f"{_PREFIX}_"), wave="") for v in found]
    if _is_yes_no(item):
        labels = item.value_labels(language)
        return [replace(named[0], value_labels={1: labels[ew.YES], 0: labels[ew.NO]})]
    return named


def _values(item: Item, answer: Answer, variables: list[Variable]) -> dict[str, Any]:
    if _is_yes_no(item):
        chosen = answer.value_choices[0] if answer.value_choices else None
        return {variables[0].name: {ew.YES: 1, ew.NO: 0}.get(chosen or "")}
    return _answer_values(item, answer, variables)


def _identity(response: Response, scope: str) -> str:
    if response.study_code is not None:
        return response.study_code.code
    return keyed_pseudonym(scope, f"self:{response.self_code}")


def practice_dataset(wave: Wave, *, language: str = "nl") -> Dataset:
    """The round's completed responses as a :class:`.dataset.Dataset` (no open answers)."""
    if wave.kind != WaveKind.PRACTICE:
        raise ValidationError(_("This is not a practice round."))
    with override(language):
        items = [i for i in wave.instrument.items.all() if i.kind != ItemKind.OPEN]
        per_item = {item.pk: _variables(item, wave, language) for item in items}
    variables = [
        Variable(CODE_COLUMN, _("study code (pseudonymous)"), "string"),
        *(v for item in items for v in per_item[item.pk]),
    ]
    responses = list(
        Response.objects.filter(wave=wave, completed_at__isnull=False)
        .select_related("study_code")
        .order_by("pk")
    )
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(response__in=responses, item__in=items):
        answers.setdefault(answer.response_id, []).append(answer)
    by_pk = {item.pk: item for item in items}
    scope = f"practice:{wave.pk}"
    rows = []
    for response in responses:
        row: dict[str, Any] = {CODE_COLUMN: _identity(response, scope)}
        for answer in answers.get(response.pk, []):
            row.update(_values(by_pk[answer.item_id], answer, per_item[answer.item_id]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[v.name for v in variables], dtype=object)
    return Dataset(
        edition_year=wave.opens.year,
        audience=wave.audience,
        profile="deidentified",
        frame=frame,
        variables=variables,
        language=language,
    )


def export_practice_round(
    *, wave: Wave, fmt: str, actor: Actor, language: str | None = None
) -> bytes:
    """The round's data set as ``fmt`` (csv, or xlsx with a codebook sheet); one audit entry."""
    if fmt not in FORMATS:
        raise ValidationError(
            _("Unknown format %(fmt)s; choose %(choices)s.")
            % {"fmt": fmt, "choices": ", ".join(FORMATS)}
        )
    language = (language or get_language() or "nl")[:2]
    if language not in LANGUAGES:
        language = "nl"
    dataset = practice_dataset(wave, language=language)
    buffer = io.BytesIO()
    with override(language):
        if fmt == "csv":
            write_csv(dataset, buffer)
        else:
            write_xlsx(dataset, buffer)
    record(
        "surveys.practice_export",
        actor=actor,
        obj=wave,
        format=fmt,
        rows=len(dataset.frame),
        language=language,
    )
    return buffer.getvalue()
