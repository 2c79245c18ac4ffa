"""Builders for survey tests: an edition with a debriefing, waves, participants, answers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.surveys import services
from ontmoeting.surveys.codes import invite_token
from ontmoeting.surveys.defaults import ensure_default_instruments
from ontmoeting.surveys.models import Response, Wave, WaveInvite
from tests.factories import EditionFactory, ParticipantFactory, ProgrammeBlockFactory


def aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def edition_with_debriefing(year: int = 2026):
    edition = EditionFactory(year=year)
    ProgrammeBlockFactory(edition=edition, kind="welcome", starts=dt.time(9), ends=dt.time(10))
    ProgrammeBlockFactory(edition=edition, kind="debriefing", starts=dt.time(16), ends=dt.time(17))
    ensure_default_instruments()
    return edition


def open_wave(edition, kind: str, *, actor="test") -> Wave:
    """A wave of ``kind`` that is open now (dates stretched around today for the test)."""
    day = edition.date
    if kind == "pre":
        opens, closes = aware(day - dt.timedelta(days=30)), aware(day, 8)
    else:
        opens, closes = aware(day, 18), aware(day + dt.timedelta(days=30))
    wave = services.create_wave(edition=edition, kind=kind, opens=opens, closes=closes, actor=actor)
    services.set_wave_status(wave=wave, status="open", actor=actor)
    # Let it accept answers today, whatever today's date is.
    Wave.objects.filter(pk=wave.pk).update(
        opens=timezone.now() - dt.timedelta(days=1), closes=timezone.now() + dt.timedelta(days=1)
    )
    wave.refresh_from_db()
    return wave


def students(edition, n: int, **kwargs):
    return [
        ParticipantFactory(edition=edition, role=ParticipantRole.STUDENT, **kwargs)
        for _ in range(n)
    ]


def experts(edition, n: int, **kwargs):
    return [
        ParticipantFactory(edition=edition, role=ParticipantRole.EXPERT, **kwargs) for _ in range(n)
    ]


def token_for(invite: WaveInvite) -> str:
    return invite_token(invite.wave_id, invite.study_code.code)


def answer(
    invite: WaveInvite, data: dict, *, complete: bool = True, self_code: str = ""
) -> Response:
    result = services.save_online_answers(
        invite=invite, data=data, self_code=self_code, complete=complete
    )
    assert result.errors == {}, result.errors
    return result.response


LIKERT_ALL_4 = dict.fromkeys(
    [f"{scale}_{i}" for scale in ("att", "crit", "pos") for i in range(1, 6)], 4
)
