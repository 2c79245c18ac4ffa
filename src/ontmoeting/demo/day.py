"""The demo's last held edition as it went on the day, so a newcomer sees the day-of pages work.

Before the day the plan was made with everyone then confirmed and published. On the day the
desk checked people in (most before the welcome, a few late, one left early); the people who
cancelled at the last moment or did not come were repaired away at 10:07 (version 2),
and the people whose day changed were told. The board, the reprint page (the desk slip and the
changed door signs and group sheets) and the lunch count of that edition show it.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from ontmoeting.dayof.checkin import tap
from ontmoeting.dayof.repair import CannotRepair, apply_repair
from ontmoeting.editions.enums import EditionStatus, ParticipantStatus
from ontmoeting.editions.models import Edition
from ontmoeting.messaging.enums import MessageKind, MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.planning.models import Plan
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition

ACTOR = "demo"
REPAIRED_AT = dt.time(10, 7)


def _at(edition: Edition, time: dt.time, minutes: int = 0) -> dt.datetime:
    moment = dt.datetime.combine(edition.date, time) + dt.timedelta(minutes=minutes)
    return timezone.make_aware(moment)


@transaction.atomic
def replay_the_day(edition: Edition, *, seed: int) -> Plan:
    """Plan, publish, check in and repair ``edition`` as its day went; returns the repaired plan.

    The edition keeps its status in the history (held, evaluated); its participants end as the
    history has them: present, absent or cancelled."""
    history_status = edition.status
    came = list(edition.participants.filter(status=ParticipantStatus.PRESENT).order_by("ref"))
    stayed_away = list(edition.participants.filter(status=ParticipantStatus.ABSENT).order_by("ref"))
    phoned = list(edition.participants.filter(status=ParticipantStatus.CANCELLED).order_by("ref"))
    # Before the day: everyone had confirmed and the plan was published; then some cancelled.
    edition.participants.filter(pk__in=[p.pk for p in came + stayed_away + phoned]).update(
        status=ParticipantStatus.CONFIRMED
    )
    Edition.objects.filter(pk=edition.pk).update(status=EditionStatus.PLANNED)
    edition.status = EditionStatus.PLANNED
    plan, _result = plan_edition(edition, actor=ACTOR, seed=seed)
    publish_plan(plan, actor=ACTOR)
    Plan.objects.filter(pk=plan.pk).update(created=_at(edition, dt.time(16), -7 * 24 * 60))
    edition.participants.filter(pk__in=[p.pk for p in phoned]).update(
        status=ParticipantStatus.CANCELLED
    )
    # A seeded generator on purpose: the demo must be the same on every run.
    rng = random.Random(seed)  # nosec B311
    for i, participant in enumerate(came):
        late = i % 25 == 7
        minutes = rng.randint(25, 75) if late else rng.randint(-30, 12)
        arrived = _at(edition, dt.time(10 if late else 9), minutes)
        tap(edition, participant_id=participant.pk, kind="arrive", actor=ACTOR, at=arrived)
    if came:
        tap(
            edition,
            participant_id=came[-1].pk,
            kind="leave",
            actor=ACTOR,
            at=_at(edition, dt.time(14, 35)),
        )
    try:
        gone = stayed_away + phoned
        repaired = apply_repair(edition, absent=gone, actor=ACTOR) if gone else plan
    except CannotRepair:  # the history's no-shows leave no valid plan: mark them, keep v1
        edition.participants.filter(pk__in=[p.pk for p in stayed_away]).update(
            status=ParticipantStatus.ABSENT
        )
        repaired = plan
    moment = _at(edition, REPAIRED_AT)
    Plan.objects.filter(pk=repaired.pk).update(
        created=moment, change={**repaired.change, "at": REPAIRED_AT.strftime("%H:%M")}
    )
    OutboxMessage.objects.filter(edition=edition, kind=MessageKind.PLAN_CHANGED).update(
        status=MessageStatus.SENT, sent_at=moment + dt.timedelta(minutes=1)
    )
    Edition.objects.filter(pk=edition.pk).update(status=history_status)
    return repaired
