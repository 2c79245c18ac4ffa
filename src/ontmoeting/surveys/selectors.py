"""Reads for researchers: pseudonymous only. Never import ``vault`` or read ``StudyCodeVault``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from ontmoeting.editions.models import Edition
from ontmoeting.surveys.enums import ItemKind, ResponseSource, WaveKind
from ontmoeting.surveys.models import (
    Answer,
    CodedSegment,
    Instrument,
    QualCode,
    Response,
    Wave,
)


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


def response_rates(waves: list[Wave] | QuerySet[Wave]) -> list[WaveRates]:
    """Invited, started, completed (online + paper) and paper counts per wave (one query)."""
    waves = list(
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
    return [
        WaveRates(w, w.n_invited, w.n_started, w.n_completed, w.n_paper)  # type: ignore[attr-defined]
        for w in waves
    ]


@dataclass(frozen=True)
class Pairs:
    """Pre↔post pairs of completed responses and how they were matched."""

    pairs: list[
        tuple[int, int, str]
    ]  # (pre response id, post response id, "study_code"|"self_code")
    by_study_code: int
    by_self_code: int
    paper_post: int
    paper_post_matched: int
    ambiguous_self_codes: int

    @property
    def total(self) -> int:
        return len(self.pairs)

    @property
    def paper_match_rate(self) -> float | None:
        """Share of paper post forms matched to a pre response (None when there were none)."""
        return self.paper_post_matched / self.paper_post if self.paper_post else None


def matched_pairs(pre: Wave, post: Wave) -> Pairs:
    """Match completed responses of ``pre`` and ``post``: first by study code, then the rest by a
    self-made code that is unique in both waves (duplicates are ambiguous and left unmatched)."""
    fields = ("pk", "study_code_id", "self_code", "source")
    pre_rows = list(
        Response.objects.filter(wave=pre, completed_at__isnull=False).values_list(*fields)
    )
    post_rows = list(
        Response.objects.filter(wave=post, completed_at__isnull=False).values_list(*fields)
    )
    pre_by_code = {r[1]: r for r in pre_rows if r[1] is not None}
    pairs: list[tuple[int, int, str]] = []
    used_pre: set[int] = set()
    rest_post = []
    for row in post_rows:
        match = pre_by_code.get(row[1]) if row[1] is not None else None
        if match is not None:
            pairs.append((match[0], row[0], "study_code"))
            used_pre.add(match[0])
        else:
            rest_post.append(row)
    by_study_code = len(pairs)
    pre_self = Counter(r[2] for r in pre_rows if r[2])
    post_self = Counter(r[2] for r in post_rows if r[2])
    pre_by_self = {r[2]: r for r in pre_rows if r[2] and r[0] not in used_pre}
    ambiguous = {
        c for c, n in (pre_self + post_self).items() if pre_self[c] > 1 or post_self[c] > 1
    }
    for row in rest_post:
        self_code = row[2]
        if not self_code or self_code in ambiguous:
            continue
        match = pre_by_self.get(self_code)
        if match is not None and (match[1] is None or row[1] is None):
            pairs.append((match[0], row[0], "self_code"))
    matched_post = {p[1] for p in pairs}
    paper_post = [r for r in post_rows if r[3] == ResponseSource.PAPER]
    return Pairs(
        pairs=pairs,
        by_study_code=by_study_code,
        by_self_code=len(pairs) - by_study_code,
        paper_post=len(paper_post),
        paper_post_matched=sum(1 for r in paper_post if r[0] in matched_post),
        ambiguous_self_codes=len(ambiguous),
    )


def edition_pairs(edition: Edition) -> Pairs | None:
    """The pre↔post pairs of an edition, or None when it lacks a pre or a post wave."""
    waves = {w.kind: w for w in Wave.objects.filter(edition=edition)}
    if WaveKind.PRE not in waves or WaveKind.POST not in waves:
        return None
    return matched_pairs(waves[WaveKind.PRE], waves[WaveKind.POST])


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


def code_counts(edition: Edition | None = None) -> QuerySet[QualCode]:
    """Every code with the number of segments and of distinct answers coded (in ``edition``)."""
    scope = Q(segments__answer__response__wave__edition=edition) if edition else Q()
    return QualCode.objects.annotate(
        n_segments=Count("segments", filter=scope, distinct=True),
        n_answers=Count("segments__answer", filter=scope, distinct=True),
    ).order_by("label")


def qda_rows(edition: Edition) -> list[dict[str, str]]:
    """Rows for a qualitative-analysis tool: one per open answer with its codes (pseudonymous)."""
    rows = []
    for answer in open_answers(edition):
        segments = list(answer.segments.all())
        rows.append(
            {
                "id": f"A{answer.pk}",
                "study_code": answer.response.pseudonym,
                "wave": answer.response.wave.kind,
                "question_code": answer.item.code,
                "question": answer.item.text_in(answer.response.language),
                "language": answer.response.language,
                "text": answer.value_text,
                "codes": "; ".join(sorted({s.code.label for s in segments})),
                "excerpts": " | ".join(
                    f"{s.code.label}: {s.excerpt}" for s in segments if s.excerpt
                ),
            }
        )
    return rows
