"""The surveys app's background task: the reminders of a wave (``services.remind_wave``).

The coordinator's "remind" button enqueues it (``queue_wave_reminders``), after the same check
the service makes, so a refusal still shows on the page at once. Each request carries the
moment it was made: a run that finds the wave already reminded since then (a retry, or a run
taken back from a worker killed after its work was saved) sends nothing again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from ontmoeting.background.durable import durable_task
from ontmoeting.privacy.audit import Actor, actor_user
from ontmoeting.surveys import services
from ontmoeting.surveys.models import Wave, WaveInvite


def _actor(actor_id: int | None, actor_label: str) -> Actor:
    if actor_id is not None:
        user = get_user_model().objects.filter(pk=actor_id).first()
        if user is not None:
            return user
    return actor_label or "worker"


@durable_task(retries=2, backoff_seconds=60)
def remind_wave(
    wave_id: int, requested_at: str, actor_id: int | None = None, actor_label: str = ""
) -> dict[str, Any]:
    """Remind the invitees of wave ``wave_id`` who have not completed it, once per request."""
    wave = Wave.objects.get(pk=wave_id)
    since = dt.datetime.fromisoformat(requested_at)
    if WaveInvite.objects.filter(wave=wave, reminded_at__gte=since).exists():
        return {"reminded": 0, "already_done": True}
    try:
        count = services.remind_wave(wave=wave, actor=_actor(actor_id, actor_label))
    except ValidationError as refusal:  # closed since the click: nothing to retry
        return {"reminded": 0, "refused": refusal.code or "refused"}
    return {"reminded": count}


def queue_wave_reminders(*, wave: Wave, actor: Actor) -> None:
    """Check that ``wave`` takes reminders now (ValidationError if not), then enqueue them."""
    services.check_reminders_allowed(wave)
    user = actor_user(actor)
    remind_wave.enqueue(
        wave.pk,
        timezone.now().isoformat(),
        actor_id=user.pk if user is not None else None,
        actor_label=actor if isinstance(actor, str) else "",
    )
