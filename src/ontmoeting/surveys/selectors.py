"""Reads for researchers and for the survey forms: pseudonymous only. Never import ``vault`` or
read ``StudyCodeVault``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.surveys.enums import Audience, ItemKind, ResponseSource, WaveKind
from ontmoeting.surveys.linkage import ONLINE, PAPER, Linkage, LinkageTable, Record, link
from ontmoeting.surveys.models import (
    Answer,
    CodedSegment,
    Instrument,
    Item,
    QualCode,
    Response,
    StudyCode,
    Wave,
)
from ontmoeting.surveys.open_text import ShownAnswer, shown_answers
from ontmoeting.surveys.scrub_names import database_scrubber

if TYPE_CHECKING:  # django-stubs' helper types exist for the type checker only
    from django_stubs_ext import WithAnnotations


def waves_for_edition(edition: Edition) -> QuerySet[Wave]:
    return Wave.objects.filter(edition=edition).select_related("instrument").order_by("opens")


def instruments() -> QuerySet[Instrument]:
    return Instrument.objects.annotate(
        n_items=Count("items", distinct=True), n_subscales=Count("subscales", distinct=True)
    ).order_by("slug", "-version")


@dataclass(frozen=True)
class WaveRates:
    wave: Wave
    invited: int
    started: int
    completed: int
    paper: int

    @property
    def rate(self) -> float | None:
        """Completed online responses / invited (None when nobody was invited)."""
        if not self.invited:
            return None
        return (self.completed - self.paper) / self.invited


def response_rates(waves: Iterable[Wave]) -> list[WaveRates]:
    """Invited, started, completed (online + paper) and paper counts per wave (one query)."""
    counted = list(
        Wave.objects.filter(pk__in=[w.pk for w in waves])
        .select_related("instrument", "edition")
        .annotate(
            n_invited=Count("invites", filter=Q(invites__invited_at__isnull=False), distinct=True),
            n_started=Count("responses", distinct=True),
            n_completed=Count(
                "responses", filter=Q(responses__completed_at__isnull=False), distinct=True
            ),
            n_paper=Count(
                "responses", filter=Q(responses__source=ResponseSource.PAPER), distinct=True
            ),
        )
        .order_by("opens")
    )
    return [WaveRates(w, w.n_invited, w.n_started, w.n_completed, w.n_paper) for w in counted]


def rates_by_edition() -> list[tuple[Edition, list[WaveRates]]]:
    """Every edition, newest first, with the response rates of its waves."""
    editions = list(Edition.objects.order_by("-date"))
    rates = response_rates(Wave.objects.filter(edition__in=editions))
    by_edition: dict[int, list[WaveRates]] = {e.pk: [] for e in editions}
    for rate in rates:
        if rate.wave.edition_id is not None:
            by_edition[rate.wave.edition_id].append(rate)
    return [(edition, by_edition[edition.pk]) for edition in editions]


class SurveyCounts(TypedDict):
    """The annotations of ``encounter_days_with_surveys``."""

    n_waves: int
    n_completed: int


def encounter_days_with_surveys() -> QuerySet[WithAnnotations[Edition, SurveyCounts]]:
    """The encounter days that have survey waves, newest first, with the number of waves and of
    completed responses."""
    return (
        Edition.objects.filter(format=Format.ENCOUNTER_DAY)
        .annotate(
            n_waves=Count("waves", distinct=True),
            n_completed=Count(
                "waves__responses",
                filter=Q(waves__responses__completed_at__isnull=False),
                distinct=True,
            ),
        )
        .filter(n_waves__gt=0)
        .order_by("-year")
    )


def instrument_items(instrument: Instrument) -> QuerySet[Item]:
    """The items of ``instrument`` in their order, with their subscales."""
    return instrument.items.select_related("subscale").order_by("order")


def paper_count(wave: Wave) -> int:
    """How many paper forms of ``wave`` were typed in."""
    return wave.responses.filter(source=ResponseSource.PAPER).count()


def response_of(wave: Wave, study_code: StudyCode | None) -> Response | None:
    """The response to ``wave`` under ``study_code``, if there is one."""
    return Response.objects.filter(wave=wave, study_code=study_code).first()


def answer_values(response: Response | None) -> dict[str, object]:
    """The answers of ``response`` by item code as a form shows them: a number, the chosen
    option (a list of them for a multiple-choice item), or the text."""
    if response is None:
        return {}
    values: dict[str, object] = {}
    for answer in response.answers.select_related("item"):
        if answer.value_number is not None:
            values[answer.item.code] = int(answer.value_number)
        elif answer.value_choices:
            values[answer.item.code] = (
                answer.value_choices if answer.item.kind == "multiple" else answer.value_choices[0]
            )
        else:
            values[answer.item.code] = answer.value_text
    return values


@dataclass(frozen=True)
class Option:
    """One answer a question offers, and whether it is the current one."""

    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class Question:
    """One item of a survey as a form shows it: text and options in a language, and the
    current answer."""

    item: Item
    text: str
    options: list[Option]
    value: object


def survey_questions(wave: Wave, language: str, values: dict[str, object]) -> list[Question]:
    """The items of ``wave`` in order, in ``language``, with the answers in ``values``."""
    return [
        Question(
            item=item,
            text=item.text_in(language),
            options=[
                Option(value=str(v), label=label, checked=_is_checked(values.get(item.code), v))
                for v, label in item.value_labels(language).items()
            ],
            value=values.get(item.code),
        )
        for item in wave.instrument.items.order_by("order")
    ]


def _is_checked(current: object, option: object) -> bool:
    if isinstance(current, list):
        return str(option) in [str(c) for c in current]
    return current is not None and str(current) == str(option)


def link_responses(waves: Iterable[Wave], responses: dict[int, list[Response]]) -> Linkage:
    """The respondents of ``waves`` (one edition, one audience) from their responses by wave
    id (:mod:`ontmoeting.surveys.linkage`). The report, the pages and the export all link here."""
    return link(
        Record(
            id=response.pk,
            wave=wave.kind,
            study_code=response.study_code.code if response.study_code is not None else None,
            self_code=response.self_code,
            source=PAPER if response.source == ResponseSource.PAPER else ONLINE,
            completed=response.completed_at is not None,
        )
        for wave in waves
        for response in responses.get(wave.pk, [])
    )


def edition_linkage(edition: Edition, audience: str = Audience.STUDENTS) -> LinkageTable | None:
    """How the pre and post responses of an edition were linked (None without both waves)."""
    waves = list(Wave.objects.filter(edition=edition, audience=audience))
    kinds = {w.kind for w in waves}
    if WaveKind.PRE not in kinds or WaveKind.POST not in kinds:
        return None
    responses: dict[int, list[Response]] = {w.pk: [] for w in waves}
    for response in (
        Response.objects.filter(wave__in=waves).select_related("study_code").order_by("pk")
    ):
        responses[response.wave_id].append(response)
    return link_responses(waves, responses).table(WaveKind.PRE, WaveKind.POST)


# Open answers and thematic coding -------------------------------------------------------------


def open_answers(edition: Edition, *, wave_id: int | None = None) -> QuerySet[Answer]:
    """The non-empty open answers of an edition's waves, with their codes (3 queries)."""
    answers = Answer.objects.filter(
        response__wave__edition=edition, item__kind=ItemKind.OPEN
    ).exclude(value_text="")
    if wave_id is not None:
        answers = answers.filter(response__wave_id=wave_id)
    return (
        answers.select_related("item", "response__wave", "response__study_code")
        .prefetch_related(
            Prefetch("segments", queryset=CodedSegment.objects.select_related("code"))
        )
        .order_by("response__wave__opens", "item__order", "pk")
    )


class CodeCounts(TypedDict):
    """The annotations of ``code_counts``."""

    n_segments: int
    n_answers: int


def code_counts(edition: Edition | None = None) -> QuerySet[WithAnnotations[QualCode, CodeCounts]]:
    """Every code with the number of segments and of distinct answers coded (in ``edition``)."""
    scope = Q(segments__answer__response__wave__edition=edition) if edition else Q()
    return QualCode.objects.annotate(
        n_segments=Count("segments", filter=scope, distinct=True),
        n_answers=Count("segments__answer", filter=scope, distinct=True),
    ).order_by("label")


def answer_in_edition(edition: Edition, answer_id: int) -> Answer | None:
    """An answer given in one of the edition's waves, with its item."""
    return (
        Answer.objects.select_related("item")
        .filter(pk=answer_id, response__wave__edition=edition)
        .first()
    )


def codes_by_id(ids: Iterable[int]) -> list[QualCode]:
    """The codes with these ids (unknown ids are left out)."""
    return list(QualCode.objects.filter(pk__in=list(ids)))


def segment_of(answer: Answer, segment_id: int) -> CodedSegment | None:
    """A coded segment of ``answer``; None for one of another answer."""
    return CodedSegment.objects.filter(pk=segment_id, answer=answer).first()


def coding_answers(
    edition: Edition, *, original: bool = False, language: str | None = None
) -> list[ShownAnswer]:
    """The open answers of ``edition`` as researchers read them: under keyed pseudonyms, text
    and excerpts scrubbed; with ``original`` the original text (a coordinator's read, which the
    caller audits). Questions in ``language`` (None: the respondent's)."""
    return shown_answers(
        open_answers(edition),
        year=edition.year,
        scrubber=None if original else database_scrubber(),
        language=language,
        identities=respondent_identities(edition),
    )


def respondent_identities(edition: Edition) -> dict[int, str]:
    """Each response of the edition (any audience) to its linked respondent's identity, so a
    research page names a respondent as a linked export does."""
    waves = list(Wave.objects.filter(edition=edition))
    responses: dict[int, list[Response]] = {w.pk: [] for w in waves}
    for response in (
        Response.objects.filter(wave__in=waves).select_related("study_code").order_by("pk")
    ):
        responses[response.wave_id].append(response)
    identities: dict[int, str] = {}
    for audience in {w.audience for w in waves}:
        linkage = link_responses([w for w in waves if w.audience == audience], responses)
        for respondent in linkage.respondents:
            for record in respondent.records.values():
                identities[record.id] = respondent.identity
    return identities


def qda_rows(edition: Edition) -> list[dict[str, str]]:
    """Rows for a qualitative-analysis tool: one per open answer with its codes, under the
    respondent's keyed pseudonym, the text and the excerpts scrubbed (never the raw text)."""
    return [
        {
            "id": f"A{answer.pk}",
            "pseudonym": answer.pseudonym,
            "wave": answer.wave_kind,
            "question_code": answer.item_code,
            "question": answer.question,
            "language": answer.language,
            "text": answer.text,
            "codes": "; ".join(sorted({s.label for s in answer.segments})),
            "excerpts": " | ".join(f"{s.label}: {s.excerpt}" for s in answer.segments if s.excerpt),
        }
        for answer in coding_answers(edition)
    ]
