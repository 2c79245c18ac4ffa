"""Message templates, the outbox (every message is stored before it is sent) and send attempts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ontmoeting.messaging import sealed
from ontmoeting.messaging.enums import AttemptResult, MessageKind, MessageStatus


class MessageTemplate(models.Model):
    """The subject and text of one kind of message in one language; global or per edition.

    The text holds ``{{ name }}`` placeholders from a fixed list (see ``rendering.PLACEHOLDERS``);
    it is never passed to ``str.format``, ``%`` or the Django template engine.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=3)
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        help_text=_("Empty: used for every edition that has no text of its own."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=Q(edition__isnull=True),
                name="one_global_template_per_kind_language",
            ),
            models.UniqueConstraint(
                fields=["kind", "language", "edition"],
                condition=Q(edition__isnull=False),
                name="one_edition_template_per_kind_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class LetterBatch(models.Model):
    """One print run of letters for people without email."""

    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="letter_batches",
    )
    created = models.DateTimeField(_("printed"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("printed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")

    def __str__(self) -> str:
        return f"{self.edition} {self.created:%Y-%m-%d %H:%M}"


class OutboxMessage(models.Model):
    """One message to one person: stored first, then sent by the worker (or printed)."""

    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=3)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    recipient = models.EmailField(_("recipient"), blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML text"), blank=True)
    #: The message's links, encrypted (``messaging.sealed``); the texts hold markers instead.
    sealed_links = models.TextField(_("links (encrypted)"), blank=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    participant = models.ForeignKey(
        "editions.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    #: Stable per row: every retry carries the same Message-ID header.
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    # NULL (not "") means "no guard", so the unique constraint ignores those rows.
    dedupe_key = models.CharField(  # noqa: DJ001
        _("duplicate guard"), max_length=200, null=True, blank=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claim = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    letter_batch = models.ForeignKey(
        LetterBatch,
        verbose_name=_("print batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("queued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(dedupe_key__isnull=False),
                name="unique_outbox_dedupe_key",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["edition", "status", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient or self.person}"

    @property
    def shown_subject(self) -> str:
        """The subject as staff may read it (links hidden)."""
        return sealed.shown(self.subject)

    @property
    def shown_text(self) -> str:
        """The text as staff may read it: "personal link (hidden)" where a link goes."""
        return sealed.shown(self.body_text)

    @property
    def is_letter(self) -> bool:
        return self.status == MessageStatus.LETTER

    @property
    def printed(self) -> bool:
        return self.letter_batch_id is not None


def new_message_id() -> str:
    """A globally unique Message-ID for one outbox row (kept for every retry)."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<outbox.{uuid.uuid4().hex}@{domain}>"


class SendAttempt(models.Model):
    """One try to hand a message to the mail server, with its result."""

    message = models.ForeignKey(
        OutboxMessage, verbose_name=_("message"), on_delete=models.CASCADE, related_name="tries"
    )
    started = models.DateTimeField(_("started"))
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=AttemptResult.choices)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["started", "pk"]
        verbose_name = _("send attempt")
        verbose_name_plural = _("send attempts")

    def __str__(self) -> str:
        return f"{self.started:%Y-%m-%d %H:%M:%S} {self.result}"


class LinkRequest(models.Model):
    """Someone asked "send me my link" for an address; the outbox worker resolves it.

    The web request only stores this row (the same work for every address, known or not); the
    worker looks the address up and queues the link, then deletes the row. The address is kept
    sealed (``messaging.sealed``) for the few moments it waits.
    """

    email_sealed = models.TextField(_("email address (encrypted)"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link request")
        verbose_name_plural = _("link requests")

    def __str__(self) -> str:
        return f"link request {self.pk} ({self.created:%Y-%m-%d %H:%M})"
