"""What researchers read of the open answers: each under the respondent's keyed pseudonym, its
text and coded excerpts scrubbed of what identifies someone (:mod:`ontmoeting.surveys.scrub`).

Researchers never get the raw text nor a raw study or self-made code. A coordinator may read the
original text on purpose (the coding page's "original text"); the page audits that read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ontmoeting.surveys.models import Answer, Response
from ontmoeting.surveys.pseudonyms import keyed_pseudonym, study_scope
from ontmoeting.surveys.scrub import Scrubber


def response_pseudonym(response: Response, year: int, identity: str | None = None) -> str:
    """The keyed pseudonym of ``response``'s respondent on research pages and in the QDA export:
    scope ``study_scope(year, wave audience)``, identity the linked respondent's (``identity``,
    as in a linked data set export), else the study code or ``self:`` + the self-made code."""
    if identity is None:
        identity = (
            response.study_code.code
            if response.study_code is not None
            else f"self:{response.self_code}"
        )
    return keyed_pseudonym(study_scope(year, response.wave.audience), identity)


@dataclass(frozen=True)
class ShownSegment:
    """A code applied to an answer, with its excerpt as the reader may see it."""

    pk: int
    label: str
    excerpt: str


@dataclass(frozen=True)
class ShownAnswer:
    """An open answer as the reader may see it: no raw text unless asked for, no raw code."""

    pk: int
    pseudonym: str
    wave_kind: str
    wave_label: str
    item_code: str
    question: str
    language: str
    text: str
    segments: tuple[ShownSegment, ...]


def shown_answers(
    answers: Iterable[Answer],
    *,
    year: int,
    scrubber: Scrubber | None,
    language: str | None = None,
    identities: Mapping[int, str] | None = None,
) -> list[ShownAnswer]:
    """``answers`` (of one edition, held in ``year``; with their items, waves, study codes and
    segments loaded) as a reader sees them: text and excerpts scrubbed by ``scrubber`` (None:
    the original text, for a coordinator's audited read), the question in ``language`` (None:
    the respondent's)."""
    shown = []
    for answer in answers:
        response = answer.response
        raw = answer.value_text
        shown.append(
            ShownAnswer(
                pk=answer.pk,
                pseudonym=response_pseudonym(response, year, (identities or {}).get(response.pk)),
                wave_kind=response.wave.kind,
                wave_label=response.wave.get_kind_display(),
                item_code=answer.item.code,
                question=answer.item.text_in(language or response.language),
                language=response.language,
                text=raw if scrubber is None else scrubber.scrub(raw),
                segments=tuple(
                    ShownSegment(
                        pk=segment.pk,
                        label=segment.code.label,
                        excerpt=(
                            segment.excerpt
                            if scrubber is None
                            else scrubber.scrub_excerpt(raw, segment.excerpt)
                        ),
                    )
                    for segment in answer.segments.all()
                ),
            )
        )
    return shown
