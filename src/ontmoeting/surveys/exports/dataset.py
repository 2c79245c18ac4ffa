"""The research data set of one edition: one row per respondent, described variable by variable.

Respondents are the linked responses of the edition's waves (:mod:`ontmoeting.surveys.linkage`:
study code, then self-made code exact, then one differing character), so every pair the report
counts is one row here with both waves. A row is named by a keyed pseudonym
(:mod:`ontmoeting.surveys.pseudonyms`): never the study code or the self-made code itself.
Open answers are left out unless asked for, and then masked (:mod:`ontmoeting.surveys.scrub`).
Labels, value labels and notes are in one language, the export's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.editions.models import Edition
from ontmoeting.people.models import ExperienceDomain
from ontmoeting.surveys.enums import Audience, ItemKind, WaveKind
from ontmoeting.surveys.linkage import Linkage
from ontmoeting.surveys.models import Answer, Item, Response, StudyCode, Subscale, Wave
from ontmoeting.surveys.pseudonyms import keyed_pseudonym, study_scope
from ontmoeting.surveys.scoring import score_rows
from ontmoeting.surveys.selectors import link_responses

#: Study variables (``StudyCode.covariates``) that may appear in a de-identified export, with
#: their labels. Anything else in ``covariates`` is left out.
COVARIATE_LABELS: dict[str, Any] = {
    "expert_domain": gettext_lazy("Domain of experience of the expert the student met"),
    "expert_experience": gettext_lazy("The expert the student met: newcomer or veteran"),
    "experience": gettext_lazy("Newcomer or veteran expert"),
}
EXPERIENCE_VALUES = {"newcomer": gettext_lazy("newcomer"), "veteran": gettext_lazy("veteran")}
LINK_METHOD_LABELS = {
    "study_code": gettext_lazy("study code"),
    "self_code": gettext_lazy("self-made code, exact"),
    "self_code_tolerant": gettext_lazy("self-made code, one character differs"),
}
MISSING_NOTE = gettext_lazy("empty (system-missing): not answered, or the wave was not completed")
WAVE_ORDER: list[str] = [WaveKind.PRE, WaveKind.POST, WaveKind.FOLLOW_UP, WaveKind.EXPERT_FEEDBACK]
WAVE_PREFIX: dict[str, str] = {
    WaveKind.PRE: "pre",
    WaveKind.POST: "post",
    WaveKind.FOLLOW_UP: "fu",
    WaveKind.EXPERT_FEEDBACK: "fb",
}
LANGUAGES = ("nl", "en", "it")


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
    missing: str = ""
    note: str = ""
    identifying: bool = False
    integer: bool = False  # whole numbers: F-integer in SPSS, no decimals in CSV

    @property
    def spss_format(self) -> str:
        """``F4.0`` for a year, ``F1.0`` for a 1-5 answer, ``F8.2`` for a scale score, ``A…``
        for text (width from the data; see :func:`~.writers.write_sav`)."""
        if self.type != "numeric":
            return ""
        if not self.integer:
            return "F8.2"
        widest = max((len(str(int(v))) for v in self.value_labels), default=1)
        return f"F{max(widest, 4 if self.name == 'edition_year' else 1)}.0"


@dataclass
class Dataset:
    edition_year: int
    audience: str
    profile: str
    frame: pd.DataFrame
    variables: list[Variable]
    language: str = "nl"
    #: What each row's pseudonym was made of (study code or ``self:`` code), in frame order.
    #: Never written to a file: only the coordinator's identified export reads it.
    identities: list[str] = field(default_factory=list)
    linkage: Linkage | None = None
    open_answers: bool = False
    linked: bool = False

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)


def spss_name(text: str) -> str:
    """A valid SPSS variable name: letters, digits and _ only, starting with a letter, ≤ 64."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not name[0].isalpha():
        name = f"v_{name}"
    return name[:64]


def _item_variables(prefix: str, wave_label: str, item: Item, language: str) -> list[Variable]:
    base = spss_name(f"{prefix}_{item.code}")
    text = item.text_in(language) or item.code
    subscale = item.subscale.code if item.subscale is not None else ""
    label = f"{wave_label}: {text}"
    if item.kind == ItemKind.LIKERT:
        return [
            Variable(
                base,
                label,
                "numeric",
                "ordinal",
                {int(k): str(v) for k, v in item.value_labels(language).items()},
                wave=prefix,
                subscale=subscale,
                reverse_keyed=item.reverse_keyed,
                note=_("raw answer, before reverse keying") if item.reverse_keyed else "",
                integer=True,
            )
        ]
    if item.kind == ItemKind.SINGLE:
        codes = {c["value"]: i + 1 for i, c in enumerate(item.choices)}
        labels = item.value_labels(language)
        return [
            Variable(
                base,
                label,
                "numeric",
                "nominal",
                {codes[v]: f"{labels[v]} ({v})" for v in codes},
                wave=prefix,
                integer=True,
            )
        ]
    if item.kind == ItemKind.MULTIPLE:
        labels = item.value_labels(language)
        return [
            Variable(
                spss_name(f"{base}_{choice['value']}"),
                f"{label} — {labels[choice['value']]}",
                "numeric",
                "nominal",
                {0: _("not chosen"), 1: _("chosen")},
                wave=prefix,
                integer=True,
            )
            for choice in item.choices
        ]
    return [
        Variable(
            base,
            label,
            "string",
            wave=prefix,
            note=_(
                "open answer, masked: names, e-mail addresses, phone numbers and addresses "
                "replaced by [NAME], [EMAIL], [PHONE], [ADDRESS]; still read it before sharing"
            ),
            identifying=True,
        )
    ]


def _answer_values(item: Item, answer: Answer, variables: list[Variable]) -> dict[str, Any]:
    if item.kind == ItemKind.LIKERT:
        number = answer.value_number
        return {variables[0].name: None if number is None else round(number)}
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
    domains: dict[str, dict[str, str]]  # code -> {"nl": ..., "en": ..., "it": ...}


def _load(editions: list[Edition], audience: str) -> _Loaded:
    edition_ids = [e.pk for e in editions]
    codes: dict[int, list[StudyCode]] = defaultdict(list)
    for code in StudyCode.objects.filter(edition_id__in=edition_ids, audience=audience).order_by(
        "code"
    ):
        if code.edition_id is not None:
            codes[code.edition_id].append(code)
    waves: dict[int, list[Wave]] = defaultdict(list)
    all_waves = list(Wave.objects.filter(edition_id__in=edition_ids, audience=audience))
    for wave in sorted(
        all_waves, key=lambda w: WAVE_ORDER.index(w.kind) if w.kind in WAVE_ORDER else 99
    ):
        if wave.edition_id is not None:
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
    domains = {
        code: {"nl": nl, "en": en, "it": it}
        for code, nl, en, it in ExperienceDomain.objects.values_list(
            "code", "name_nl", "name_en", "name_it"
        )
    }
    return _Loaded(codes, waves, responses, answers, items, subscales, domains)


@dataclass(frozen=True)
class Options:
    """How a data set is made: pseudonym scope, language, open answers and how to mask them."""

    scope: str | None = None  # None: the stable study scope of the edition and audience
    language: str | None = None  # None: the active language
    open_answers: bool = False
    mask: Callable[[str], str] | None = None
    linked: bool = False


def build_datasets(
    editions: list[Edition], *, audience: str = Audience.STUDENTS
) -> dict[int, Dataset]:
    """The de-identified data set of each edition (by edition id), in a fixed number of queries."""
    loaded = _load(editions, audience)
    return {
        e.pk: _build(e, loaded, audience=audience, profile="deidentified", options=Options())
        for e in editions
    }


def build_dataset(
    edition: Edition,
    *,
    audience: str = Audience.STUDENTS,
    profile: str = "deidentified",
    options: Options | None = None,
) -> Dataset:
    """The wide, pseudonymous table of ``edition`` for ``audience`` (a fixed number of queries).

    Rows: every respondent (linked responses) and every study code without a response, named
    by a keyed pseudonym and sorted by it. Columns: ``pseudonym``, ``edition_year``,
    ``link_method``, the study variables, then per wave ``<wave>_complete``, the item answers
    (open answers only when ``options.open_answers``) and the scale scores.
    """
    return _build(
        edition,
        _load([edition], audience),
        audience=audience,
        profile=profile,
        options=options or Options(),
    )


#: One row of the data set, by variable name.
Row = dict[str, Any]


def _build(
    edition: Edition, loaded: _Loaded, *, audience: str, profile: str, options: Options
) -> Dataset:
    language = (options.language or translation.get_language() or "nl")[:2]
    with translation.override(language):
        return _build_in_language(
            edition, loaded, audience=audience, profile=profile, options=options, language=language
        )


def _build_in_language(
    edition: Edition,
    loaded: _Loaded,
    *,
    audience: str,
    profile: str,
    options: Options,
    language: str,
) -> Dataset:
    """The study codes' and respondents' rows, then each wave's variables and answers."""
    year = edition.year
    codes = loaded.codes.get(edition.pk, [])
    waves = loaded.waves.get(edition.pk, [])
    linkage = link_responses(waves, loaded.responses)
    cov_keys = [k for k in COVARIATE_LABELS if any(k in c.covariates for c in codes)]
    variables: list[Variable] = [
        Variable(
            "pseudonym",
            _("Pseudonym (keyed; the same person has the same pseudonym in every wave)"),
            "string",
        ),
        Variable("edition_year", _("Edition year"), "numeric", "nominal", integer=True),
        Variable(
            "link_method",
            _("How this person's waves were linked"),
            "string",
            value_labels={k: str(v) for k, v in LINK_METHOD_LABELS.items()},
            missing=_("empty: answered one wave only"),
        ),
        *(_covariate_variable(key, codes, loaded.domains, language) for key in cov_keys),
    ]
    covariates = {c.code: c.covariates for c in codes}
    rows: dict[str, Row] = {
        c.code: {"edition_year": year} | {k: c.covariates.get(k) or None for k in cov_keys}
        for c in codes
    }
    row_of_response: dict[int, str] = {}
    for respondent in linkage.respondents:
        identity = respondent.identity
        found = covariates.get(respondent.study_code or "", {})
        row = rows.setdefault(
            identity, {"edition_year": year} | {k: found.get(k) or None for k in cov_keys}
        )
        row["link_method"] = respondent.link_method or None
        for record in respondent.records.values():
            row_of_response[record.id] = identity
    for wave in waves:
        variables += _add_wave(
            wave, loaded, rows, row_of_response, options=options, language=language
        )
    scope = options.scope or study_scope(year, audience)
    pseudonyms = {identity: keyed_pseudonym(scope, identity) for identity in rows}
    order = sorted(rows, key=pseudonyms.__getitem__)
    ordered = {identity: {"pseudonym": pseudonyms[identity]} | rows[identity] for identity in order}
    return Dataset(
        year,
        audience,
        profile,
        _frame(ordered, variables),
        variables,
        language=language,
        identities=order,
        linkage=linkage,
        open_answers=options.open_answers,
        linked=options.linked,
    )


def _covariate_variable(
    key: str, codes: list[StudyCode], domains: dict[str, dict[str, str]], language: str
) -> Variable:
    """A study variable with a label for each of its values, in the export's language."""
    values = sorted({str(c.covariates[key]) for c in codes if c.covariates.get(key)})
    names = {code: texts.get(language) or code for code, texts in domains.items()}
    names["multiple"] = _("several domains")
    labels = {v: str(EXPERIENCE_VALUES.get(v) or names.get(v, v)) for v in values}
    return Variable(
        key, str(COVARIATE_LABELS[key]), "string", value_labels=labels, missing=str(MISSING_NOTE)
    )


def _add_wave(
    wave: Wave,
    loaded: _Loaded,
    rows: dict[str, Row],
    row_of_response: dict[int, str],
    *,
    options: Options,
    language: str,
) -> list[Variable]:
    """Put the answers and scale scores of ``wave`` in ``rows``; returns the wave's variables:
    ``<wave>_complete``, the items' and the subscales' scores."""
    prefix = WAVE_PREFIX.get(wave.kind, spss_name(wave.kind))
    wave_label = str(wave.get_kind_display())
    items = [
        item
        for item in sorted(loaded.items[wave.instrument_id], key=lambda i: (i.order, i.code))
        if options.open_answers or item.kind != ItemKind.OPEN
    ]
    subscales = sorted(loaded.subscales[wave.instrument_id], key=lambda s: (s.order, s.code))
    item_vars = {item.pk: _item_variables(prefix, wave_label, item, language) for item in items}
    variables = [
        Variable(
            f"{prefix}_complete",
            f"{wave_label}: {_('completed')}",
            "numeric",
            "nominal",
            {0: _("not completed"), 1: _("completed")},
            wave=prefix,
            missing=_("empty: not invited or no response"),
            integer=True,
        ),
        *(var for item in items for var in item_vars[item.pk]),
        *(_score_variable(prefix, wave_label, subscale, language) for subscale in subscales),
    ]
    raw_for_scores = _add_answers(
        wave, loaded, rows, row_of_response, prefix=prefix, item_vars=item_vars, mask=options.mask
    )
    if subscales and raw_for_scores:
        _add_scores(rows, raw_for_scores, prefix=prefix, items=items, subscales=subscales)
    return [v if v.missing else _with_missing(v) for v in variables]


def _with_missing(variable: Variable) -> Variable:
    return replace(variable, missing=str(MISSING_NOTE))


def _score_variable(prefix: str, wave_label: str, subscale: Subscale, language: str) -> Variable:
    return Variable(
        spss_name(f"{prefix}_{subscale.code}"),
        f"{wave_label}: {subscale.label_in(language)} "
        f"({_('scale score')}, k ≥ {subscale.min_items_answered})",
        "numeric",
        "scale",
        wave=prefix,
        subscale=subscale.code,
        note=_("mean of the items after reverse keying"),
        missing=_("empty: fewer than k items answered"),
    )


def _add_answers(
    wave: Wave,
    loaded: _Loaded,
    rows: dict[str, Row],
    row_of_response: dict[int, str],
    *,
    prefix: str,
    item_vars: dict[int, list[Variable]],
    mask: Callable[[str], str] | None,
) -> dict[str, dict[str, float]]:
    """Put each response's answers in its row; returns the raw Likert answers of the completed
    responses by row and item code (what the scale scores are computed from)."""
    item_by_pk = {item.pk: item for item in loaded.items[wave.instrument_id]}
    raw_for_scores: dict[str, dict[str, float]] = {}
    for response in loaded.responses.get(wave.pk, []):
        identity = row_of_response[response.pk]
        row = rows[identity]
        row[f"{prefix}_complete"] = int(response.completed_at is not None)
        raw: dict[str, float] = {}
        for answer in loaded.answers.get(response.pk, []):
            item = item_by_pk.get(answer.item_id)
            if item is None or item.pk not in item_vars:
                continue
            values = _answer_values(item, answer, item_vars[item.pk])
            if item.kind == ItemKind.OPEN and mask is not None:
                values = {k: mask(v) if isinstance(v, str) else v for k, v in values.items()}
            row.update(values)
            if item.kind == ItemKind.LIKERT and answer.value_number is not None:
                raw[item.code] = float(answer.value_number)
        if response.completed_at is not None:
            raw_for_scores[identity] = raw
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
    for identity, score_row in scores.iterrows():
        for subscale in subscales:
            value = score_row[subscale.code]
            rows[str(identity)][spss_name(f"{prefix}_{subscale.code}")] = (
                None if pd.isna(value) else float(value)
            )


def _frame(rows: dict[str, Row], variables: list[Variable]) -> pd.DataFrame:
    """The rows as a frame with a column per variable: whole numbers as nullable integers,
    other numbers as floats, text or None."""
    frame = pd.DataFrame(list(rows.values()), columns=[v.name for v in variables])
    for var in variables:
        if var.type == "numeric":
            numbers = pd.to_numeric(frame[var.name], errors="coerce").astype(float)
            frame[var.name] = numbers.round().astype("Int64") if var.integer else numbers
        else:
            frame[var.name] = frame[var.name].astype(object).where(frame[var.name].notna(), None)
    return frame
