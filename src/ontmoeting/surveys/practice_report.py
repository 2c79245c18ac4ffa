"""The report of a practice round: every item as "k/n (p %)" with its own valid n.

Reads completed responses only, by study code: no names, no vault (researchers see it). The
counting is ``surveys.stats.multiple_response`` (pure); this module only gathers the answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys.enums import ItemKind
from ontmoeting.surveys.models import Answer, Item, Response, Wave, pick_text
from ontmoeting.surveys.open_text import ShownAnswer, shown_answers
from ontmoeting.surveys.scrub_names import database_scrubber
from ontmoeting.surveys.stats.multiple_response import (
    Table,
    combinations,
    forced_choice,
    single_choice,
)

#: Width in user units of a 100 % bar of the report's SVG charts.
BAR_WIDTH = 300


@dataclass(frozen=True)
class ReportRow:
    """One row as the page shows it: label, k, n, percentage and the bar's width."""

    code: str
    label: str
    k: int
    n: int
    percent: Decimal | None

    @property
    def bar(self) -> int:
        return 0 if self.percent is None else round(float(self.percent) * BAR_WIDTH / 100)


@dataclass(frozen=True)
class ReportTable:
    """One item's table: ``valid_n`` those who answered it (every row, for the roles)."""

    code: str
    title: str
    rows: list[ReportRow]
    respondents: int
    valid_n: int

    @property
    def chart_height(self) -> int:
        return 24 * len(self.rows) + 4


@dataclass(frozen=True)
class OpenQuestion:
    code: str
    title: str
    answers: list[ShownAnswer]


@dataclass(frozen=True)
class PracticeReport:
    wave: Wave
    respondents: int
    roles: ReportTable
    status: ReportTable
    training: ReportTable
    likert: list[ReportTable]
    open_questions: list[OpenQuestion]


def completed_responses(wave: Wave) -> QuerySet[Response]:
    return Response.objects.filter(wave=wave, completed_at__isnull=False)


def _rows(table: Table, labels: dict[str, str]) -> list[ReportRow]:
    return [
        ReportRow(
            code=row.code,
            label=labels.get(row.code, row.code),
            k=row.proportion.k,
            n=row.proportion.n,
            percent=row.proportion.percent,
        )
        for row in table.rows
    ]


def _table(code: str, title: str, table: Table, labels: dict[str, str]) -> ReportTable:
    return ReportTable(code, title, _rows(table, labels), table.respondents, table.valid_n)


def _combination_labels(item: Item, language: str, codes: list[str]) -> dict[str, str]:
    single = {str(k): v for k, v in item.value_labels(language).items()}
    joiner = {"nl": " en ", "it": " e "}.get(language, " and ")
    out: dict[str, str] = {}
    for code in codes:
        parts = [single.get(p, p) for p in code.split("+")]
        text = joiner.join([parts[0], *[p[:1].lower() + p[1:] for p in parts[1:]]])
        out[code] = text
    return out


def practice_report(wave: Wave, language: str) -> PracticeReport:
    """The report of ``wave`` in ``language`` (a fixed number of queries)."""
    items = {i.code: i for i in wave.instrument.items.all()}
    response_ids = list(completed_responses(wave).order_by("pk").values_list("pk", flat=True))
    index = {pk: i for i, pk in enumerate(response_ids)}
    n = len(response_ids)
    answers: dict[str, list[Answer | None]] = defaultdict(lambda: [None] * n)
    for answer in (
        Answer.objects.filter(response_id__in=response_ids)
        .select_related("item")
        .order_by("response_id", "pk")
    ):
        answers[answer.item.code][index[answer.response_id]] = answer

    def choice(code: str) -> list[str | None]:
        return [a.value_choices[0] if a and a.value_choices else None for a in answers[code]]

    roles = forced_choice(
        {
            code.removeprefix(ew.ROLE_PREFIX): [
                None if v is None else v == ew.YES for v in choice(code)
            ]
            for code in ew.ROLE_ITEMS
            if code in items
        }
    )
    role_labels = {c: ew.role_label(c, language) for c in ew.ROLE_TEXTS}
    status_item, training_item = items[ew.STATUS_ITEM], items[ew.TRAINING_ITEM]
    status_order = [c["value"] for c in status_item.choices]
    status = combinations(
        [a.value_choices if a else None for a in answers[ew.STATUS_ITEM]], status_order
    )
    training_order = [c["value"] for c in training_item.choices]
    training = single_choice(choice(ew.TRAINING_ITEM), training_order)
    return PracticeReport(
        wave=wave,
        respondents=n,
        roles=_table(
            "roles", pick_text(ew.ROLE_QUESTION, language).split("?")[0] + "?", roles, role_labels
        ),
        status=_table(
            ew.STATUS_ITEM,
            status_item.text_in(language),
            status,
            _combination_labels(status_item, language, [r.code for r in status.rows]),
        ),
        training=_table(
            ew.TRAINING_ITEM,
            training_item.text_in(language),
            training,
            {str(k): v for k, v in training_item.value_labels(language).items()},
        ),
        likert=[_likert(items[c], answers[c], language) for c in ew.LIKERT_ITEMS if c in items],
        open_questions=open_questions(wave, language, items),
    )


def open_answers(
    wave: Wave, *, original: bool = False, language: str | None = None
) -> list[ShownAnswer]:
    """The open answers of the round's completed responses as researchers read them: under
    keyed pseudonyms, scrubbed (``original``: a coordinator's audited read)."""
    answers = (
        Answer.objects.filter(
            response__wave=wave, response__completed_at__isnull=False, item__kind=ItemKind.OPEN
        )
        .exclude(value_text="")
        .select_related("item", "response__wave", "response__study_code")
        .prefetch_related("segments__code")
        .order_by("item__order", "response_id")
    )
    return shown_answers(
        answers,
        year=wave.opens.year,
        scrubber=None if original else database_scrubber(),
        language=language,
    )


def open_questions(wave: Wave, language: str, items: dict[str, Item]) -> list[OpenQuestion]:
    by_item: dict[str, list[ShownAnswer]] = defaultdict(list)
    for shown in open_answers(wave, language=language):
        by_item[shown.item_code].append(shown)
    return [
        OpenQuestion(code, items[code].text_in(language), by_item[code])
        for code, _texts in ew.OPEN_ITEMS
        if code in items
    ]


def _likert(item: Item, answers: list[Answer | None], language: str) -> ReportTable:
    values = [
        str(int(a.value_number)) if a and a.value_number is not None else None for a in answers
    ]
    order = [str(v) for v in item.scale_values()]
    labels = {str(k): v for k, v in item.value_labels(language).items()}
    return _table(item.code, item.text_in(language), single_choice(values, order), labels)
