"""The demo's practice research (seed 001): the experience-worker survey of 2019, n = 89.

A closed round with the 89 respondents of the raw data set (``data/experience_workers_2019.csv``,
the same file as the golden test's, imported through the real import path; its open answers
wait for coding), and an open round of this year in which three demo experts have a personal link
(one has answered, and consented to their profile being updated).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import Actor
from ontmoeting.surveys import practice
from ontmoeting.surveys.enums import WaveKind, WaveStatus
from ontmoeting.surveys.models import Response, StudyCode, Wave

DATA_2019 = Path(__file__).with_name("data") / "experience_workers_2019.csv"
TITLE_2019 = "Ervaringswerkers 2019"
TITLE_NOW = "Ervaringswerkers 2026"


@dataclass(frozen=True)
class PracticeSummary:
    rounds: int
    respondents: int


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build_practice_survey(*, today: dt.date, people: list[Person], actor: Actor) -> PracticeSummary:
    """The 2019 round (89 respondents, closed) and this year's open round (three links)."""
    done = practice.create_round(
        title=TITLE_2019,
        opens=_aware(dt.date(2019, 3, 1)),
        closes=_aware(dt.date(2019, 4, 30), 17),
        actor=actor,
        status=WaveStatus.CLOSED,
    )
    practice.import_responses(
        wave=done,
        text=DATA_2019.read_text(encoding="utf-8"),
        actor=actor,
        completed_at=_aware(dt.date(2019, 4, 30), 12),
    )
    current = practice.create_round(
        title=TITLE_NOW,
        opens=_aware(today - dt.timedelta(days=7)),
        closes=_aware(today + dt.timedelta(days=60), 17),
        actor=actor,
        status=WaveStatus.OPEN,
    )
    invites = [practice.invite_person(wave=current, person=p, actor=actor) for p in people[:3]]
    if invites:
        practice.save_answers(
            invite=invites[0],
            data={
                "role_critical_voice": "yes",
                "role_bridge_figure": "yes",
                "role_signal_function": "no",
                "role_support": "yes",
                "role_lifeworld": "no",
                "role_accessibility": "no",
                "role_policy_influence": "no",
                "role_public_image": "yes",
                "role_no_specific_role": "no",
                "status": ["volunteer"],
                "training": "experience_work",
                "equal_position": "3",
                "coaching": "2",
                "open_support": "Intervisie met andere ervaringswerkers in de regio.",
                "profile_consent": "yes",
            },
            complete=True,
            actor=actor,
        )
        # The demo is the same for the same seed: its answer was sent on a fixed morning.
        Response.objects.filter(wave=current, study_code=invites[0].study_code).update(
            completed_at=_aware(today - dt.timedelta(days=2), 10)
        )
    return PracticeSummary(rounds=2, respondents=89 + min(len(invites), 1))


def reset_practice_survey() -> None:
    """Delete the practice rounds and their study codes (they belong to no edition)."""
    Wave.objects.filter(kind=WaveKind.PRACTICE).delete()
    StudyCode.objects.filter(edition__isnull=True).delete()
