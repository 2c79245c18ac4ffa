"""Reads for the messages pages: the outbox, templates per kind and language, letters."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from ontmoeting.editions.enums import TAKING_PART, Format, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Participant
from ontmoeting.messaging.enums import (
    MESSAGE_LANGUAGES,
    MessageKind,
    MessageStatus,
    kinds_of_format,
)
from ontmoeting.messaging.models import LetterBatch, MessageTemplate, OutboxMessage

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition


def outbox(
    edition: Edition, *, status: str | None = None, kind: str | None = None, q: str = ""
) -> QuerySet[OutboxMessage]:
    """The edition's messages, newest first, with the person (one query per page); ``q``
    keeps those whose name, e-mail address or subject holds every word of it."""
    rows = OutboxMessage.objects.filter(edition=edition).select_related("person")
    for word in q.split():
        rows = rows.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(recipient__icontains=word)
            | Q(person__email__icontains=word)
            | Q(subject__icontains=word)
        )
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-created", "-pk")


def outbox_counts(edition: Edition) -> dict[str, int]:
    """How many of the edition's messages are in each status (one query)."""
    counts = OutboxMessage.objects.filter(edition=edition).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in MessageStatus.values},
        unprinted=Count("pk", filter=Q(status=MessageStatus.LETTER, letter_batch__isnull=True)),
    )
    return counts


def message_detail(edition: Edition, message_id: int) -> OutboxMessage:
    """One of the edition's messages (404 through ``DoesNotExist`` for another edition's)."""
    return (
        OutboxMessage.objects.select_related("person", "participant", "letter_batch")
        .prefetch_related("tries")
        .get(edition=edition, pk=message_id)
    )


@dataclass(frozen=True)
class TemplateRow:
    kind: str
    label: str
    languages: tuple[tuple[str, str], ...]  # (language, source: edition/global/builtin)


def template_overview(edition: Edition) -> list[TemplateRow]:
    """For each kind and language: does the edition have its own text, or the shared one?"""
    present = {
        (kind, language, edition_id is not None)
        for kind, language, edition_id in MessageTemplate.objects.filter(
            Q(edition=edition) | Q(edition__isnull=True)
        ).values_list("kind", "language", "edition_id")
    }
    rows = []
    used = set(kinds_of_format(edition.format))
    for kind, label in MessageKind.choices:
        if kind not in used:
            continue
        languages = []
        for language in MESSAGE_LANGUAGES:
            if (kind, language, True) in present:
                source = "edition"
            elif (kind, language, False) in present:
                source = "global"
            else:
                source = "builtin"
            languages.append((language, source))
        rows.append(TemplateRow(kind, str(label), tuple(languages)))
    return rows


def _selections() -> dict[str, tuple[object, Q]]:
    from django.utils.translation import gettext_lazy as _

    expert, student = ParticipantRole.EXPERT, ParticipantRole.STUDENT
    professional = ParticipantRole.PROFESSIONAL
    return {
        "experts_confirmed": (
            _("confirmed experts by experience"),
            Q(role=expert, status=ParticipantStatus.CONFIRMED),
        ),
        "experts_invited": (
            _("invited experts who did not answer yet"),
            Q(role=expert, status=ParticipantStatus.INVITED),
        ),
        "experts": (
            _("all experts by experience taking part"),
            Q(role=expert, status__in=TAKING_PART),
        ),
        "students": (_("all students taking part"), Q(role=student, status__in=TAKING_PART)),
        "professionals": (
            _("all professionals taking part"),
            Q(role=professional, status__in=TAKING_PART),
        ),
        "everyone": (_("everyone taking part"), Q(status__in=TAKING_PART)),
        "present": (_("everyone who was present on the day"), Q(status=ParticipantStatus.PRESENT)),
    }


def selection_choices(edition_format: str = Format.ENCOUNTER_DAY) -> list[tuple[str, object]]:
    """Whom a message may go to: students at an encounter day, professionals at a co-creation
    meeting."""
    other = "students" if edition_format == Format.CO_CREATION else "professionals"
    return [(key, label) for key, (label, _q) in _selections().items() if key != other]


def default_selection(edition: Edition, kind: str) -> str | None:
    """The selection a new message of ``kind`` starts with: a thank-you goes to everyone
    present once anyone is marked present; otherwise None (the first of the list)."""
    if kind == MessageKind.THANK_YOU and (
        edition.participants.filter(status=ParticipantStatus.PRESENT).exists()
    ):
        return "present"
    return None


#: The selection made by ticking rows of the participant list (its ids come with it).
CHOSEN = "chosen"


def selected_participants(
    edition: Edition, selection: str, ids: Collection[int] = ()
) -> QuerySet[Participant]:
    """The edition's participants in ``selection`` (for ``CHOSEN``: those of ``ids``), with
    their person, in a stable order."""
    if selection == CHOSEN:
        condition = Q(pk__in=list(ids))
    else:
        _label, condition = _selections()[selection]
    return (
        edition.participants.filter(condition)
        .select_related("person", "edition", "edition__venue")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def pending_letters(edition: Edition) -> QuerySet[OutboxMessage]:
    """Letters not printed yet, by name."""
    return (
        OutboxMessage.objects.filter(
            edition=edition, status=MessageStatus.LETTER, letter_batch__isnull=True
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def letter_batches(edition: Edition) -> QuerySet[LetterBatch]:
    return (
        LetterBatch.objects.filter(edition=edition)
        .select_related("created_by")
        .annotate(n_letters=Count("letters"))
        .order_by("-created")
    )
