"""Builders of survey data with identities that could leak (names, emails, own domains)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.surveys.defaults import STUDENT_SLUG, ensure_default_instruments
from ontmoeting.surveys.enums import Audience, ItemKind, WaveKind, WaveStatus
from ontmoeting.surveys.models import Answer, Response, StudyCode, StudyCodeVault, Wave, WaveInvite
from tests.factories import EditionFactory, ParticipantFactory

#: Words that must never appear in a de-identified export or a researcher's page.
SECRET_NAME = "Zwanetta"
SECRET_SURNAME = "Oudhoorn"
SECRET_EMAIL_DOMAIN = "geheim.example.org"
SECRET_DOMAIN = "secret_own_domain"


@dataclass
class SurveyEdition:
    edition: object
    pre: Wave
    post: Wave
    codes: list[StudyCode]


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_survey_edition(
    year: int = 2026,
    *,
    n_students: int = 12,
    n_answering: int | None = None,
    shift: float = 0.6,
    seed: int = 1,
    covariates: list[dict[str, str]] | None = None,
) -> SurveyEdition:
    """An edition with ``n_students`` invited students; the first ``n_answering`` complete pre
    and post (post ≈ pre + ``shift`` on the Likert items). Identities that could leak are set:
    a first name, a surname and an email domain no export may contain."""
    rng = np.random.default_rng(seed)
    edition = EditionFactory(year=year, status="held")
    instrument = ensure_default_instruments()[STUDENT_SLUG]
    items = list(instrument.items.all())
    waves = {}
    for kind, offset in ((WaveKind.PRE, -10), (WaveKind.POST, 1)):
        waves[kind] = Wave.objects.create(
            edition=edition,
            kind=kind,
            instrument=instrument,
            audience=Audience.STUDENTS,
            opens=_aware(edition.date + dt.timedelta(days=offset)),
            closes=_aware(edition.date + dt.timedelta(days=offset + 7)),
            status=WaveStatus.CLOSED,
        )
    n_answering = n_students if n_answering is None else n_answering
    codes = []
    for index in range(n_students):
        participant = ParticipantFactory(
            edition=edition,
            role=ParticipantRole.STUDENT,
            status=ParticipantStatus.PRESENT,
            person__first_name=f"{SECRET_NAME}{index}",
            person__last_name=SECRET_SURNAME,
            person__email=f"student{index}@{SECRET_EMAIL_DOMAIN}",
        )
        code = StudyCode.objects.create(
            code=f"S{year}{index:03d}",
            edition=edition,
            audience=Audience.STUDENTS,
            covariates=covariates[index] if covariates else {},
        )
        StudyCodeVault.objects.create(study_code=code, participant=participant)
        codes.append(code)
        base = rng.integers(1, 4, size=len(items))
        for kind, wave in waves.items():
            WaveInvite.objects.create(
                wave=wave,
                study_code=code,
                token_hash=f"{wave.pk}-{code.code}",
                invited_at=wave.opens,
            )
            if index >= n_answering:
                continue
            response = Response.objects.create(
                wave=wave, study_code=code, completed_at=wave.opens + dt.timedelta(hours=2)
            )
            for item, start in zip(items, base, strict=True):
                if item.kind == ItemKind.LIKERT:
                    bump = shift if kind == WaveKind.POST else 0.0
                    value = float(np.clip(round(start + bump + rng.normal(0, 0.5)), 1, 5))
                    Answer.objects.create(response=response, item=item, value_number=value)
                elif item.kind == ItemKind.SINGLE:
                    Answer.objects.create(
                        response=response, item=item, value_choices=[item.choices[0]["value"]]
                    )
                else:
                    Answer.objects.create(
                        response=response, item=item, value_text=f"thoughts {kind} {index}"
                    )
    return SurveyEdition(edition, waves[WaveKind.PRE], waves[WaveKind.POST], codes)


def add_paper_forms(
    data: SurveyEdition,
    forms: list[tuple[str, str]],
    *,
    pre_value: float = 2,
    post_value: float = 4,
) -> None:
    """Paper forms typed in without a study code: ``(wave kind, self-made code)``; every Likert
    item answered ``pre_value`` on a pre form and ``post_value`` on a post form."""
    for kind, self_code in forms:
        wave = data.pre if kind == WaveKind.PRE else data.post
        response = Response.objects.create(
            wave=wave,
            self_code=self_code,
            source="paper",
            completed_at=wave.opens + dt.timedelta(hours=3),
        )
        value = pre_value if kind == WaveKind.PRE else post_value
        for item in wave.instrument.items.filter(kind=ItemKind.LIKERT):
            Answer.objects.create(response=response, item=item, value_number=value)
