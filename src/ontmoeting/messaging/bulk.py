"""Send one kind of message to a selection of an edition's participants, with a preview first.

Idempotent per day: each message carries the duplicate guard (kind, edition, participant, day),
so a double submit — or sending the same thing twice on one day — queues nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from ontmoeting.documents.personal import personal_day
from ontmoeting.messaging.enums import PURPOSE_KINDS, SURVEY_KINDS, MessageKind, kind_for
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.rendering import empty_placeholders
from ontmoeting.messaging.selectors import selected_participants
from ontmoeting.messaging.services import (
    Rendered,
    base_values,
    effective_template,
    message_language,
    queue_message,
    render_message,
    today_key,
)
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tokens import issue_link

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition, Participant

#: Kinds whose {{ link }} is a fresh personal link, and the purpose of that link.
LINK_PURPOSES: dict[str, str] = {
    MessageKind.INVITATION: "register",
    MessageKind.CONFIRMATION: "personal_page",
    MessageKind.REMINDER: "personal_page",
    MessageKind.PLAN_PUBLISHED: "personal_page",
    MessageKind.PLAN_CHANGED: "personal_page",
    MessageKind.MAGIC_LINK: "personal_page",
}
#: Kinds that a coordinator sends to a selection: purposes, each person reading their
#: audience's text (the cancellation alert goes to coordinators; survey messages carry a
#: personal survey link and are sent per wave by the surveys app).
BULK_KINDS = tuple(
    k for k in PURPOSE_KINDS if k != MessageKind.CANCELLATION_ALERT and k not in SURVEY_KINDS
)
SAMPLE_LINK = "https://example.org/…"


def schedule_values(participant: Participant) -> dict[str, object]:
    """Partner, room, group and chair from the published plan (empty before publication)."""
    day = personal_day(participant)
    if not day.published:
        return {}
    return {
        "partner_first_name": ", ".join(day.partners),
        "room": day.morning_room or day.group_room,
        "group": day.group_name,
        "chair_first_name": day.chair_first_name,
    }


def participant_values(
    participant: Participant, *, kind: str, extra: dict[str, Any], link: str
) -> dict[str, object]:
    """Every placeholder value for one participant (schedule details where known)."""
    language = message_language(participant.person, participant)
    values = base_values(person=participant.person, edition=participant.edition, language=language)
    if kind in (MessageKind.PLAN_PUBLISHED, MessageKind.PLAN_CHANGED, MessageKind.REMINDER):
        values.update(schedule_values(participant))
    values.update({k: v for k, v in extra.items() if v not in (None, "")})
    if kind in LINK_PURPOSES:
        values["link"] = link
    return values


def blanks(
    participant: Participant,
    *,
    kind: str,
    values: dict[str, object],
    templates: dict[str, str],
) -> list[str]:
    """The placeholders the message to ``participant`` would leave empty ("In de ochtend praat
    u met  in zaal ."): such a message is held, never sent. ``templates`` caches the kind's
    text per audience and language for one send (one lookup each, not per person)."""
    language = message_language(participant.person, participant)
    own_kind = kind_for(kind, participant.role)
    key = f"{own_kind}:{language}"
    if key not in templates:
        template = effective_template(own_kind, language, participant.edition)
        templates[key] = f"{template.subject}\n{template.body}"
    return empty_placeholders(templates[key], values)


@dataclass(frozen=True)
class Held:
    """Someone a message is not sent to, and the placeholders it would leave empty."""

    participant: Participant
    empty: tuple[str, ...]


@dataclass
class BulkPreview:
    """What "send" would do: how many emails and letters, and one message as a sample; who is
    held because their message would have blanks (someone outside the published plan)."""

    kind: str
    total: int
    emails: int
    letters: int
    already_queued: int
    sample: Participant | None
    sample_language: str = ""
    rendered: Rendered | None = None
    recipients: list[Participant] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


def preview_bulk(
    *,
    edition: Edition,
    kind: str,
    selection: str,
    extra: dict[str, Any],
    day: dt.date | None = None,
    ids: Collection[int] = (),
) -> BulkPreview:
    """The preview of sending ``kind`` to ``selection`` (nothing is stored); ``ids`` are the
    ticked participants when ``selection`` is ``CHOSEN``."""
    day = day or timezone.localdate()
    selected = list(selected_participants(edition, selection, ids))
    held = []
    templates: dict[str, str] = {}
    for participant in selected:
        values = participant_values(participant, kind=kind, extra=extra, link=SAMPLE_LINK)
        if empty := blanks(participant, kind=kind, values=values, templates=templates):
            held.append(Held(participant, tuple(empty)))
    held_ids = {h.participant.pk for h in held}
    participants = [p for p in selected if p.pk not in held_ids]
    keys = {today_key(kind, edition, p, day) for p in participants}
    already = OutboxMessage.objects.filter(dedupe_key__in=keys).count()
    emails = sum(1 for p in participants if p.person.email)
    preview = BulkPreview(
        kind=kind,
        total=len(participants),
        emails=emails,
        letters=len(participants) - emails,
        already_queued=already,
        sample=participants[0] if participants else None,
        recipients=participants,
        held=held,
    )
    if preview.sample is not None:
        language = message_language(preview.sample.person, preview.sample)
        values = participant_values(preview.sample, kind=kind, extra=extra, link=SAMPLE_LINK)
        preview.sample_language = language
        own_kind = kind_for(kind, preview.sample.role)
        preview.rendered = render_message(own_kind, language, edition=edition, values=values)
    return preview


def _link(participant: Participant, kind: str) -> str:
    purpose = LINK_PURPOSES.get(kind)
    if purpose is None:
        return ""
    return issue_link(participant.person, purpose=purpose, participant=participant)


@transaction.atomic
def queue_bulk(
    *,
    edition: Edition,
    kind: str,
    selection: str,
    extra: dict[str, Any],
    actor: Actor,
    day: dt.date | None = None,
    ids: Collection[int] = (),
) -> tuple[int, int]:
    """Queue ``kind`` for everyone in ``selection`` whose message has no blanks; returns
    (queued now, already queued or held). A message that would leave a placeholder empty is
    held: not queued, and counted with the ones skipped (the preview names them)."""
    if kind not in BULK_KINDS:
        raise ValueError(f"kind {kind!r} cannot be sent to a selection")
    day = day or timezone.localdate()
    participants = list(
        selected_participants(edition, selection, ids).select_for_update(of=("self",), no_key=True)
    )
    keys = {p.pk: today_key(kind, edition, p, day) for p in participants}
    done = set(
        OutboxMessage.objects.filter(dedupe_key__in=keys.values()).values_list(
            "dedupe_key", flat=True
        )
    )
    queued = 0
    templates: dict[str, str] = {}
    for participant in participants:
        if keys[participant.pk] in done:
            continue
        values = participant_values(participant, kind=kind, extra=extra, link=SAMPLE_LINK)
        if blanks(participant, kind=kind, values=values, templates=templates):
            continue
        if kind in LINK_PURPOSES:
            values["link"] = _link(participant, kind)
        queue_message(
            kind=kind,
            person=participant.person,
            edition=edition,
            participant=participant,
            context=values,
            actor=actor,
            dedupe_key=keys[participant.pk],
        )
        queued += 1
    record(
        "message.bulk",
        actor=actor,
        obj=edition,
        kind=kind,
        selection=selection,
        participants=[p.pk for p in participants] if ids else None,
        queued=queued,
        skipped=len(participants) - queued,
    )
    return queued, len(participants) - queued
