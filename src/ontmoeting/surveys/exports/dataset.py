"""The research data set of one edition: one row per pseudonym, described variable by variable."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition
from ontmoeting.surveys.enums import Audience, ItemKind, WaveKind
from ontmoeting.surveys.models import Answer, Item, Response, StudyCode, Subscale, Wave
from ontmoeting.surveys.scoring import score_rows

#: Study variables (``StudyCode.covariates``) that may appear in a de-identified export, with
#: their labels. Anything else in ``covariates`` is left out.
COVARIATE_LABELS: dict[str, Any] = {
    "expert_domain": _("Domain of experience of the expert the student met"),
    "expert_experience": _("The expert the student met: newcomer or veteran"),
    "experience": _("Newcomer or veteran expert"),
}
EXPERIENCE_VALUES = {"newcomer": _("newcomer"), "veteran": _("veteran")}
MISSING_NOTE = "empty / system-missing: not answered, or the wave was not completed"
WAVE_ORDER: list[str] = [WaveKind.PRE, WaveKind.POST, WaveKind.FOLLOW_UP, WaveKind.EXPERT_FEEDBACK]
WAVE_PREFIX: dict[str, str] = {
    WaveKind.PRE: "pre",
    WaveKind.POST: "post",
    WaveKind.FOLLOW_UP: "fu",
    WaveKind.EXPERT_FEEDBACK: "fb",
}


@dataclass(frozen=True)
class Variable:
    """One column of the data set as a codebook describes it."""

    name: str
    label: str
    type: str  # "numeric" or "string"
    measure: str = "nominal"  # "nominal", "ordinal" or "scale" (SPSS measurement level)
    value_labels: dict[Any, str] = field(default_factory=dict)
    wave: str = ""
    subscale: str = ""
    reverse_keyed: bool = False
    missing: str = MISSING_NOTE
    note: str = ""
    identifying: bool = False


@dataclass
class Dataset:
    edition_year: int
    audience: str
    profile: str
    frame: pd.DataFrame
    variables: list[Variable]

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)


def spss_name(text: str) -> str:
    """A valid SPSS variable name: letters, digits and _ only, starting with a letter, ≤ 64."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not name[0].isalpha():
        name = f"v_{name}"
    return name[:64]


def paper_pseudonym(self_code: str, year: int) -> str:
    """A stable stand-in for a paper form's self-made code (which must not leave the app)."""
    digest = hashlib.sha256(f"{year}:{self_code}".encode()).hexdigest()[:10].upper()
    return f"P-{digest}"


def _pseudonym(response: Response, year: int) -> str:
    if response.study_code is not None:
        return response.study_code.code
    return paper_pseudonym(response.self_code, year)


def _item_variables(prefix: str, wave_label: str, item: Item) -> list[Variable]:
    base = spss_name(f"{prefix}_{item.code}")
    text = item.text_in("en") or item.code
    subscale = item.subscale.code if item.subscale is not None else ""
    if item.kind == ItemKind.LIKERT:
        return [
            Variable(
                base,
                f"{wave_label}: {text}",
                "numeric",
                "ordinal",
                {int(k): str(v) for k, v in item.value_labels("en").items()},
                wave=prefix,
                subscale=subscale,
                reverse_keyed=item.reverse_keyed,
                note=str(_("raw answer, before reverse keying")) if item.reverse_keyed else "",
            )
        ]
    if item.kind == ItemKind.SINGLE:
        codes = {c["value"]: i + 1 for i, c in enumerate(item.choices)}
        labels = item.value_labels("en")
        return [
            Variable(
                base,
                f"{wave_label}: {text}",
                "numeric",
                "nominal",
                {codes[v]: f"{labels[v]} ({v})" for v in codes},
                wave=prefix,
            )
        ]
    if item.kind == ItemKind.MULTIPLE:
        labels = item.value_labels("en")
        return [
            Variable(
                spss_name(f"{base}_{choice['value']}"),
                f"{wave_label}: {text} — {labels[choice['value']]}",
                "numeric",
                "nominal",
                {0: "not chosen", 1: "chosen"},
                wave=prefix,
            )
            for choice in item.choices
        ]
    return [
        Variable(
            base,
            f"{wave_label}: {text}",
            "string",
            wave=prefix,
            note=str(
                _("open answer: may contain details that identify someone; check before sharing")
            ),
            identifying=True,
        )
    ]


def _answer_values(item: Item, answer: Answer, variables: list[Variable]) -> dict[str, Any]:
    if item.kind == ItemKind.LIKERT:
        return {variables[0].name: answer.value_number}
    if item.kind == ItemKind.SINGLE:
        codes = {c["value"]: i + 1 for i, c in enumerate(item.choices)}
        chosen = answer.value_choices[0] if answer.value_choices else None
        return {variables[0].name: codes.get(chosen)}
    if item.kind == ItemKind.MULTIPLE:
        chosen = set(answer.value_choices or [])
        return {
            var.name: int(choice["value"] in chosen)
            for var, choice in zip(variables, item.choices, strict=True)
        }
    return {variables[0].name: answer.value_text or None}


@dataclass
class _Loaded:
    """Everything the data sets of some editions need, loaded in a fixed number of queries."""

    codes: dict[int, list[StudyCode]]
    waves: dict[int, list[Wave]]
    responses: dict[int, list[Response]]
    answers: dict[int, list[Answer]]
    items: dict[int, list[Item]]
    subscales: dict[int, list[Subscale]]


def _load(editions: list[Edition], audience: str) -> _Loaded:
    edition_ids = [e.pk for e in editions]
    codes: dict[int, list[StudyCode]] = defaultdict(list)
    for code in StudyCode.objects.filter(edition_id__in=edition_ids, audience=audience).order_by(
        "code"
    ):
        codes[code.edition_id].append(code)
    waves: dict[int, list[Wave]] = defaultdict(list)
    all_waves = list(Wave.objects.filter(edition_id__in=edition_ids, audience=audience))
    for wave in sorted(
        all_waves, key=lambda w: WAVE_ORDER.index(w.kind) if w.kind in WAVE_ORDER else 99
    ):
        waves[wave.edition_id].append(wave)
    responses: dict[int, list[Response]] = defaultdict(list)
    response_ids = []
    for response in (
        Response.objects.filter(wave__in=all_waves)
        .select_related("study_code")
        .order_by("wave_id", "pk")
    ):
        responses[response.wave_id].append(response)
        response_ids.append(response.pk)
    answers: dict[int, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.filter(response_id__in=response_ids).only(
        "response_id", "item_id", "value_number", "value_choices", "value_text"
    ):
        answers[answer.response_id].append(answer)
    instrument_ids = {w.instrument_id for w in all_waves}
    items: dict[int, list[Item]] = defaultdict(list)
    for item in Item.objects.filter(instrument_id__in=instrument_ids).select_related("subscale"):
        items[item.instrument_id].append(item)
    subscales: dict[int, list[Subscale]] = defaultdict(list)
    for subscale in Subscale.objects.filter(instrument_id__in=instrument_ids):
        subscales[subscale.instrument_id].append(subscale)
    return _Loaded(codes, waves, responses, answers, items, subscales)


def build_datasets(
    editions: list[Edition], *, audience: str = Audience.STUDENTS
) -> dict[int, Dataset]:
    """The de-identified data set of each edition (by edition id), in a fixed number of queries."""
    loaded = _load(editions, audience)
    return {e.pk: _build(e, loaded, audience=audience, profile="deidentified") for e in editions}


def build_dataset(
    edition: Edition, *, audience: str = Audience.STUDENTS, profile: str = "deidentified"
) -> Dataset:
    """The wide, pseudonymous table of ``edition`` for ``audience`` (a fixed number of queries).

    Rows: every study code of the audience in the edition plus paper forms without one (named
    ``P-...`` from a hash of their self-made code). Columns: ``study_code``, ``edition_year``,
    the study variables, then per wave ``<wave>_complete``, the item answers and the scale scores.
    ``profile`` is only recorded here; identities are added by :mod:`.identified`.
    """
    return _build(edition, _load([edition], audience), audience=audience, profile=profile)


#: One row of the data set, by variable name.
Row = dict[str, Any]


def _build(edition: Edition, loaded: _Loaded, *, audience: str, profile: str) -> Dataset:
    """The data set of ``edition`` from what ``_load`` read: the study codes' rows, then each
    wave's variables and answers (a paper form without a code adds a row), then the frame."""
    year = edition.year
    codes = loaded.codes.get(edition.pk, [])
    cov_keys = [k for k in COVARIATE_LABELS if any(k in c.covariates for c in codes)]
    variables: list[Variable] = [
        Variable("study_code", str(_("Study code (pseudonym)")), "string"),
        Variable("edition_year", str(_("Edition year")), "numeric", "nominal"),
        *(_covariate_variable(key, codes) for key in cov_keys),
    ]
    rows: dict[str, Row] = {
        c.code: {"study_code": c.code, "edition_year": year}
        | {k: c.covariates.get(k) or None for k in cov_keys}
        for c in codes
    }
    for wave in loaded.waves.get(edition.pk, []):
        variables += _add_wave(wave, loaded, rows, year=year)
    return Dataset(year, audience, profile, _frame(rows, variables), variables)


def _covariate_variable(key: str, codes: list[StudyCode]) -> Variable:
    values = sorted({str(c.covariates[key]) for c in codes if c.covariates.get(key)})
    labels = {v: str(EXPERIENCE_VALUES.get(v, v)) for v in values}
    return Variable(key, str(COVARIATE_LABELS[key]), "string", value_labels=labels)


def _add_wave(wave: Wave, loaded: _Loaded, rows: dict[str, Row], *, year: int) -> list[Variable]:
    """Put the answers and scale scores of ``wave`` in ``rows``; returns the wave's variables:
    ``<wave>_complete``, the items' and the subscales' scores."""
    prefix = WAVE_PREFIX.get(wave.kind, spss_name(wave.kind))
    wave_label = str(wave.get_kind_display())
    items = sorted(loaded.items[wave.instrument_id], key=lambda i: (i.order, i.code))
    subscales = sorted(loaded.subscales[wave.instrument_id], key=lambda s: (s.order, s.code))
    item_vars = {item.pk: _item_variables(prefix, wave_label, item) for item in items}
    variables = [
        Variable(
            f"{prefix}_complete",
            f"{wave_label}: {_('completed')}",
            "numeric",
            "nominal",
            {0: "not completed", 1: "completed"},
            wave=prefix,
            missing="empty: not invited or no response",
        ),
        *(var for item in items for var in item_vars[item.pk]),
        *(_score_variable(prefix, wave_label, subscale) for subscale in subscales),
    ]
    raw_for_scores = _add_answers(wave, loaded, rows, year=year, prefix=prefix, item_vars=item_vars)
    if subscales and raw_for_scores:
        _add_scores(rows, raw_for_scores, prefix=prefix, items=items, subscales=subscales)
    return variables


def _score_variable(prefix: str, wave_label: str, subscale: Subscale) -> Variable:
    return Variable(
        spss_name(f"{prefix}_{subscale.code}"),
        f"{wave_label}: {subscale.label} ({_('scale score')}, k ≥ {subscale.min_items_answered})",
        "numeric",
        "scale",
        wave=prefix,
        subscale=subscale.code,
        note=str(_("mean of the items after reverse keying")),
        missing="empty: fewer than k items answered",
    )


def _add_answers(
    wave: Wave,
    loaded: _Loaded,
    rows: dict[str, Row],
    *,
    year: int,
    prefix: str,
    item_vars: dict[int, list[Variable]],
) -> dict[str, dict[str, float]]:
    """Put each response's answers in its row; returns the raw Likert answers of the completed
    responses by pseudonym and item code (what the scale scores are computed from)."""
    item_by_pk = {item.pk: item for item in loaded.items[wave.instrument_id]}
    raw_for_scores: dict[str, dict[str, float]] = {}
    for response in loaded.responses.get(wave.pk, []):
        pseudonym = _pseudonym(response, year)
        row = rows.setdefault(pseudonym, {"study_code": pseudonym, "edition_year": year})
        row[f"{prefix}_complete"] = int(response.completed_at is not None)
        raw: dict[str, float] = {}
        for answer in loaded.answers.get(response.pk, []):
            item = item_by_pk.get(answer.item_id)
            if item is None:
                continue
            row.update(_answer_values(item, answer, item_vars[item.pk]))
            if item.kind == ItemKind.LIKERT and answer.value_number is not None:
                raw[item.code] = float(answer.value_number)
        if response.completed_at is not None:
            raw_for_scores[pseudonym] = raw
    return raw_for_scores


def _add_scores(
    rows: dict[str, Row],
    raw_for_scores: dict[str, dict[str, float]],
    *,
    prefix: str,
    items: list[Item],
    subscales: list[Subscale],
) -> None:
    """The scale scores of the completed responses (empty below k answered items)."""
    scores = score_rows(raw_for_scores, items=items, subscales=subscales)
    for pseudonym, score_row in scores.iterrows():
        for subscale in subscales:
            value = score_row[subscale.code]
            rows[str(pseudonym)][spss_name(f"{prefix}_{subscale.code}")] = (
                None if pd.isna(value) else float(value)
            )


def _frame(rows: dict[str, Row], variables: list[Variable]) -> pd.DataFrame:
    """The rows as a frame with a column per variable: numbers as floats, text or None."""
    frame = pd.DataFrame(list(rows.values()), columns=[v.name for v in variables])
    for var in variables:
        if var.type == "numeric":
            frame[var.name] = pd.to_numeric(frame[var.name], errors="coerce").astype(float)
        else:
            frame[var.name] = frame[var.name].astype(object).where(frame[var.name].notna(), None)
    return frame
