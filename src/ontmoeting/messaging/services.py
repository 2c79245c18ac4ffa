"""Messages: default templates, editing them safely, queueing messages, retrying, letters.

Every message is stored in the outbox first (rendered in the person's language); the worker in
``messaging.sending`` hands it to the mail server. A person without an email address gets the
same text as a letter in the coordinator's print batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ontmoeting.documents.pdf import render_pdf
from ontmoeting.editions.contact import contact_of, contact_sentence
from ontmoeting.editions.enums import Format
from ontmoeting.messaging import sealed
from ontmoeting.messaging.cocreation_defaults import CO_CREATION_TEMPLATES
from ontmoeting.messaging.defaults import DEFAULT_TEMPLATES
from ontmoeting.messaging.enums import MESSAGE_LANGUAGES, MessageKind, MessageStatus, kind_for
from ontmoeting.messaging.models import (
    LetterBatch,
    MessageTemplate,
    OutboxMessage,
    new_message_id,
)
from ontmoeting.messaging.rendering import (
    render_html,
    render_text,
    unknown_placeholders,
    with_contact,
)
from ontmoeting.messaging.sending import SendReport, send_pending
from ontmoeting.privacy.audit import Actor, record

__all__ = ["SendReport", "queue_message", "send_pending"]

if TYPE_CHECKING:
    from ontmoeting.editions.models import Edition, Participant
    from ontmoeting.people.models import Person


def ensure_default_templates() -> int:
    """Create the global default template of every kind and language that is missing."""
    existing = set(
        MessageTemplate.objects.filter(edition__isnull=True).values_list("kind", "language")
    )
    missing = [
        MessageTemplate(kind=kind, language=language, subject=subject, body=body)
        for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items()
        if (kind, language) not in existing
    ]
    MessageTemplate.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


@dataclass(frozen=True)
class TemplateText:
    """The subject and text used for one kind in one language, and where they come from."""

    kind: str
    language: str
    subject: str
    body: str
    source: str  # "edition", "global" or "builtin"
    template: MessageTemplate | None = None


def effective_template(kind: str, language: str, edition: Edition | None = None) -> TemplateText:
    """The edition's own text, else (for a co-creation meeting) its built-in text, else the global
    one, else the built-in default."""
    rows = MessageTemplate.objects.filter(kind=kind, language=language)
    if edition is not None:
        own = rows.filter(edition=edition).first()
        if own is not None:
            return TemplateText(kind, language, own.subject, own.body, "edition", own)
        if edition.format == Format.CO_CREATION and (kind, language) in CO_CREATION_TEMPLATES:
            subject, body = CO_CREATION_TEMPLATES[(kind, language)]
            return TemplateText(kind, language, subject, body, "builtin")
    shared = rows.filter(edition__isnull=True).first()
    if shared is not None:
        return TemplateText(kind, language, shared.subject, shared.body, "global", shared)
    subject, body = DEFAULT_TEMPLATES[(kind, language)]
    return TemplateText(kind, language, subject, body, "builtin")


def validate_template(*, subject: str, body: str) -> None:
    """Raise ValidationError naming every unknown placeholder in the subject or the text."""
    errors: dict[str, list[str]] = {}
    for field, text in (("subject", subject), ("body", body)):
        unknown = unknown_placeholders(text)
        if unknown:
            errors[field] = [
                _("Unknown placeholder %(name)s. Use only the placeholders listed.")
                % {"name": name}
                for name in unknown
            ]
    if "\n" in subject or "\r" in subject:
        errors.setdefault("subject", []).append(_("The subject must be one line."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_template(
    *,
    kind: str,
    language: str,
    subject: str,
    body: str,
    edition: Edition | None,
    actor: Actor,
) -> MessageTemplate:
    """Store the text of ``kind`` in ``language`` for ``edition`` (None: for all editions)."""
    if kind not in MessageKind.values or language not in MESSAGE_LANGUAGES:
        raise ValidationError(_("Unknown kind of message or language."))
    validate_template(subject=subject, body=body)
    user = actor if isinstance(actor, User) else None
    template, created = MessageTemplate.objects.select_for_update().get_or_create(
        kind=kind,
        language=language,
        edition=edition,
        defaults={"subject": subject, "body": body, "updated_by": user},
    )
    if not created:
        if (template.subject, template.body) == (subject, body):
            return template
        template.subject, template.body, template.updated_by = subject, body, user
        template.save()
    record(
        "message.template.save",
        actor=actor,
        obj=template,
        kind=kind,
        language=language,
        edition=edition.pk if edition else None,
    )
    return template


@transaction.atomic
def reset_template(*, kind: str, language: str, edition: Edition, actor: Actor) -> bool:
    """Remove the edition's own text so the global one is used again (idempotent)."""
    deleted, _rows = MessageTemplate.objects.filter(
        kind=kind, language=language, edition=edition
    ).delete()
    if deleted:
        record("message.template.reset", actor=actor, obj=edition, kind=kind, language=language)
    return bool(deleted)


def message_language(
    person: Person, participant: Participant | None = None, language: str | None = None
) -> str:
    """The language to write to a person in: asked, their own, their participation's, else nl."""
    for candidate in (
        language,
        person.language if person is not None else None,
        participant.language if participant is not None else None,
    ):
        if candidate in MESSAGE_LANGUAGES:
            return candidate
    return settings.LANGUAGE_CODE


def long_date(day: dt.date, language: str) -> str:
    """ "10 december 2026" / "10 December 2026" / "10 dicembre 2026" (months lower-case in nl, it)."""
    with translation.override(language):
        text = formats.date_format(day, "j F Y")
    return text.lower() if language in ("nl", "it") else text


def base_values(
    *, person: Person | None, edition: Edition | None, language: str
) -> dict[str, object]:
    """The placeholder values every message knows: name, date, year, venue and contact."""
    values: dict[str, object] = {}
    if person is not None:
        values.update(first_name=person.first_name, last_name=person.last_name)
    if edition is not None:
        values["edition_date"] = long_date(edition.date, language)
        values["edition_year"] = edition.year
        venue = edition.venue
        if venue is not None:
            values["venue"] = ", ".join(p for p in (venue.name, venue.address, venue.town) if p)
        days = (edition.date - timezone.localdate()).days
        if days >= 0:
            values["days_before"] = days
        contact = contact_of(edition)
        if contact is not None:
            values.update(
                contact=contact_sentence(contact, language),
                contact_name=contact.name,
                contact_phone=contact.phone,
                contact_email=contact.email,
            )
    return values


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_message(
    kind: str,
    language: str,
    *,
    edition: Edition | None,
    values: Mapping[str, object],
) -> Rendered:
    """The kind's template for ``edition`` in ``language`` with ``values`` filled in."""
    template = effective_template(kind, language, edition)
    subject = " ".join(render_text(template.subject, values).split())
    body = template.body
    if kind != MessageKind.CANCELLATION_ALERT:  # to the coordinators themselves
        body = with_contact(template.subject, body, values)
    return Rendered(
        subject=subject[:250],
        text=render_text(body, values),
        html=render_html(body, values),
    )


def coordinator_email() -> str:
    return getattr(settings, "ONTMOETING_COORDINATOR_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


@transaction.atomic
def queue_message(
    *,
    kind: str,
    person: Person,
    edition: Edition | None = None,
    participant: Participant | None = None,
    context: dict[str, Any],
    actor: Actor,
    language: str | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Render ``kind`` for ``person`` in their language and store it in the outbox.

    ``kind`` names the purpose: with a ``participant`` the text is their audience's
    (``enums.kind_for``: a student's invitation is the students' invitation).

    Its links are stored sealed, never in the text (``messaging.sealed``).
    A person without email gets a letter (status "letter") for the print batch instead. The
    "cancellation_alert" goes to the coordinators' address about ``person``. With a
    ``dedupe_key`` the call is idempotent: the message already queued under that key is returned.
    """
    if kind not in MessageKind.values:
        raise ValueError(f"unknown message kind: {kind!r}")
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    if edition is None and participant is not None:
        edition = participant.edition
    if participant is not None:
        kind = kind_for(kind, participant.role)
    if kind == MessageKind.CANCELLATION_ALERT:
        language = language if language in MESSAGE_LANGUAGES else settings.LANGUAGE_CODE
        recipient = coordinator_email()
    else:
        language = message_language(person, participant, language)
        recipient = (person.email or "").strip()
    values = {**base_values(person=person, edition=edition, language=language), **context}
    rendered = render_message(kind, language, edition=edition, values=values)
    links = sealed.links_of(values)
    user = actor if isinstance(actor, User) else None
    message = OutboxMessage(
        kind=kind,
        language=language,
        status=MessageStatus.QUEUED if recipient else MessageStatus.LETTER,
        recipient=recipient,
        subject=sealed.hide(rendered.subject, links),
        body_text=sealed.hide(rendered.text, links),
        body_html=sealed.hide(rendered.html, links, html=True),
        sealed_links=sealed.seal(links),
        person=person,
        participant=participant,
        edition=edition,
        message_id=new_message_id(),
        dedupe_key=dedupe_key or None,
        created_by=user,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Two identical requests at once: the other one stored it first.
        if dedupe_key:
            return OutboxMessage.objects.get(dedupe_key=dedupe_key)
        raise
    record("message.queue", actor=actor, obj=message, kind=kind, status=message.status)
    return message


@transaction.atomic
def retry_now(*, message: OutboxMessage, actor: Actor) -> bool:
    """Put a failed or waiting email back in the queue for the next pass (same Message-ID)."""
    updated = OutboxMessage.objects.filter(
        pk=message.pk, status__in=[MessageStatus.FAILED, MessageStatus.QUEUED]
    ).update(status=MessageStatus.QUEUED, next_attempt_at=None)
    if updated:
        record("message.retry", actor=actor, obj=message)
    return bool(updated)


@transaction.atomic
def make_letter_batch(
    *, edition: Edition, actor: Actor, message_ids: Iterable[int] | None = None
) -> LetterBatch | None:
    """Collect the edition's unprinted letters into a new print batch (None when none wait)."""
    letters = OutboxMessage.objects.select_for_update().filter(
        edition=edition, status=MessageStatus.LETTER, letter_batch__isnull=True
    )
    if message_ids is not None:
        letters = letters.filter(pk__in=list(message_ids))
    ids = list(letters.values_list("pk", flat=True))
    if not ids:
        return None
    user = actor if isinstance(actor, User) else None
    batch = LetterBatch.objects.create(edition=edition, created_by=user)
    OutboxMessage.objects.filter(pk__in=ids).update(letter_batch=batch)
    record("message.letters.print", actor=actor, obj=batch, letters=len(ids))
    return batch


def letters_pdf(batch: LetterBatch, *, language: str) -> bytes:
    """The letters of ``batch`` as one PDF, one letter per page, each in its own language."""
    letters = list(
        batch.letters.select_related("person", "edition", "edition__venue").order_by(
            "person__last_name", "person__first_name", "pk"
        )
    )
    for letter in letters:  # the links on paper only, never saved back
        links = sealed.unseal(letter.sealed_links)
        letter.subject = sealed.reveal(letter.subject, links)
        letter.body_html = sealed.reveal(letter.body_html, links, html=True)
    return render_pdf(
        "messaging/letters_pdf.html",
        {"letters": letters, "batch": batch, "sender": settings.DEFAULT_FROM_EMAIL},
        language=language,
    )


def today_key(kind: str, edition: Edition, participant: Participant, day: dt.date) -> str:
    """The duplicate guard of a bulk send: one message per kind, participant, edition and day."""
    return f"{kind}:{edition.pk}:{participant.pk}:{day.isoformat()}"
