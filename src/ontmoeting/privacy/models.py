"""The audit log: who changed or read what, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change made, or one sensitive read done, by a user or a command."""

    when = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(
        _("by (label)"),
        max_length=150,
        blank=True,
        help_text=_("Who acted when no user is logged in, e.g. 'cli' or 'demo'."),
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=60, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-when"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.actor_label or self.actor} {self.action}"


# ------------------------------------------------------------------------- links, consent


class TokenPurpose(models.TextChoices):
    """What a link may be used for; a token only ever works for its own purpose."""

    PERSONAL_PAGE = "personal_page", _("sign in to the personal page")
    REGISTER = "register", _("register for an edition")
    CONFIRM = "confirm", _("confirm taking part (students)")
    TEAM_ACTIONS = "team_actions", _("see and update a team's actions (team contact)")


class AccessToken(models.Model):
    """A random link token, stored only as its SHA-256 hash, with an expiry."""

    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=TokenPurpose.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    participant = models.ForeignKey(
        "editions.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.person_id} · {self.expires:%Y-%m-%d}"


class ConsentHow(models.TextChoices):
    ONLINE = "online", _("online, by the person")
    ON_BEHALF = "on_behalf", _("entered by a coordinator (paper form or phone)")


class ConsentKind(models.TextChoices):
    GENERAL = "general", _("general: taking part and contact details")
    SPECIAL_CATEGORY = "special_category", _("special category: domains of experience")


class ConsentText(models.Model):
    """One published version of a consent text in one language."""

    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=3)
    kind = models.CharField(_("kind"), max_length=20, choices=ConsentKind.choices)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"))

    class Meta:
        ordering = ["kind", "language", "-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "version"], name="one_consent_text_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} ({self.language})"


class Consent(models.Model):
    """A person's consent to one text: when given, when withdrawn, and how it was given."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    text = models.ForeignKey(
        ConsentText, verbose_name=_("text"), on_delete=models.PROTECT, related_name="consents"
    )
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    how = models.CharField(
        _("how"), max_length=20, choices=ConsentHow.choices, default=ConsentHow.ONLINE
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        state = "withdrawn" if self.withdrawn_at else "given"
        return f"{self.person_id} · {self.text} · {state}"


class ApiToken(models.Model):
    """A personal token of a staff member for the JSON API (``privacy/api_tokens.py``).

    The token itself is shown once; only the SHA-256 of its secret part is kept, beside a short
    public prefix that finds the row. It grants the scopes it names, and of those only the ones
    its holder's roles still allow.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("secret hash (SHA-256)"), max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"
