"""Survey instruments as data, waves, pseudonymous study codes and responses, thematic coding.

Research data carries only study codes. The one link from a study code to a participant is the
``StudyCodeVault`` table: only coordinator-side services (``ontmoeting.surveys.vault``) read it;
researcher pages, selectors and exports never do.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from ontmoeting.surveys.enums import (
    Audience,
    InstrumentSource,
    ItemKind,
    ResponseSource,
    WaveKind,
    WaveStatus,
)


def pick_text(texts: dict[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), else English, Dutch, or any."""
    texts = texts or {}
    language = (language or get_language() or "nl")[:2]
    for candidate in (language, "en", "nl", "it"):
        if texts.get(candidate):
            return texts[candidate]
    return next((t for t in texts.values() if t), "")


class Instrument(models.Model):
    """A questionnaire in one version: its items and subscales are rows, not code."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    language = models.CharField(
        _("original language"),
        max_length=3,
        blank=True,
        help_text=_("The language the instrument was written or validated in."),
    )
    validated = models.BooleanField(_("validated"), default=False)
    licence_note = models.TextField(_("licence"), blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=InstrumentSource.choices,
        default=InstrumentSource.BUILTIN,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.display_name} v{self.version}"

    @property
    def display_name(self) -> str:
        """The name in the active language: a built-in instrument's name is a catalogue message."""
        return gettext(self.name) if self.source == InstrumentSource.BUILTIN else self.name

    @property
    def display_licence_note(self) -> str:
        """The licence note in the active language (a built-in one is a catalogue message)."""
        if self.source == InstrumentSource.BUILTIN and self.licence_note:
            return gettext(self.licence_note)
        return self.licence_note


class Subscale(models.Model):
    """A scale score: the mean of its items (after reverse keying) when at least k are answered."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="subscales"
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200, help_text=_("English, for the codebook."))
    labels = models.JSONField(_("labels per language"), default=dict, blank=True)
    min_items_answered = models.PositiveIntegerField(
        _("minimum items answered (k)"),
        default=1,
        help_text=_("The score is missing when fewer items than this are answered."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["instrument", "order", "code"]
        verbose_name = _("subscale")
        verbose_name_plural = _("subscales")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="unique_subscale_code")
        ]

    def __str__(self) -> str:
        return self.label_in()

    def label_in(self, language: str | None = None) -> str:
        return pick_text(self.labels, language) or self.label


class Item(models.Model):
    """One question. Likert items carry a range and labels; choice items carry options.

    ``texts`` is ``{"nl": ..., "en": ..., "it": ...}``. ``scale_labels`` maps a value (as a
    string) to texts per language: ``{"1": {"nl": "helemaal oneens", "en": ...}, ...}``.
    ``choices`` is an ordered list ``[{"value": "yes", "labels": {"nl": "ja", ...}}, ...]``.
    ``flag_when`` (optional) marks answers that need a coordinator's attention, e.g.
    ``{"max": 2}`` (a number at most 2) or ``{"in": ["no"]}`` (a choice in the list).
    """

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    texts = models.JSONField(_("texts per language"), default=dict)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    scale_min = models.IntegerField(_("scale minimum"), null=True, blank=True)
    scale_max = models.IntegerField(_("scale maximum"), null=True, blank=True)
    scale_labels = models.JSONField(_("scale labels"), default=dict, blank=True)
    choices = models.JSONField(_("options"), default=list, blank=True)
    reverse_keyed = models.BooleanField(_("reverse keyed"), default=False)
    subscale = models.ForeignKey(
        Subscale,
        verbose_name=_("subscale"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    required = models.BooleanField(_("required"), default=False)
    flag_when = models.JSONField(_("flag when"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["instrument", "order", "code"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="unique_item_code"),
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_min__lt=models.F("scale_max")),
                name="item_scale_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text_in()}"

    def text_in(self, language: str | None = None) -> str:
        return pick_text(self.texts, language)

    @property
    def text(self) -> str:
        return self.text_in()

    def clean(self) -> None:
        if self.kind == ItemKind.LIKERT and (self.scale_min is None or self.scale_max is None):
            raise ValidationError(_("A Likert item needs a scale minimum and maximum."))
        if self.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE) and not self.choices:
            raise ValidationError(_("A choice item needs options."))

    def scale_values(self) -> list[int]:
        if self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))

    def value_labels(self, language: str | None = None) -> dict[Any, str]:
        """Value → label in ``language``: ints for Likert items, codes for choice items."""
        if self.kind == ItemKind.LIKERT:
            return {
                v: pick_text(self.scale_labels.get(str(v)), language) or str(v)
                for v in self.scale_values()
            }
        return {c["value"]: pick_text(c.get("labels"), language) for c in self.choices}

    def keyed(self, value: float) -> float:
        """``value`` after reverse keying (min + max - value) when the item is reverse keyed."""
        if self.reverse_keyed and self.scale_min is not None and self.scale_max is not None:
            return self.scale_min + self.scale_max - value
        return value

    def is_flagged(self, *, number: float | None, choices: list[str]) -> bool:
        rule = self.flag_when or {}
        if "max" in rule and number is not None and number <= rule["max"]:
            return True
        return bool("in" in rule and set(choices) & set(rule["in"]))


class Wave(models.Model):
    """One round of a survey in an edition (pre, post, follow-up, expert feedback), or a
    standalone practice research round (kind ``practice``: no edition, a title instead)."""

    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="waves",
        null=True,
        blank=True,
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("The name of a practice research round, e.g. 'Experience workers 2019'."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=WaveKind.choices)
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="waves"
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.STUDENTS
    )
    opens = models.DateTimeField(_("opens"))
    closes = models.DateTimeField(_("closes"))
    status = models.CharField(
        _("status"), max_length=20, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "opens"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="one_wave_kind_per_edition"),
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="wave_ordered"),
            models.CheckConstraint(
                condition=Q(edition__isnull=False) | (Q(kind=WaveKind.PRACTICE) & ~Q(title="")),
                name="wave_in_edition_or_titled_practice",
            ),
        ]

    def __str__(self) -> str:
        if self.edition_id is None:
            return self.title
        return f"{self.get_kind_display()} – {self.edition}"

    def is_accepting(self, now: Any) -> bool:
        """True while answers may be given: open, and ``now`` within the dates."""
        return self.status == WaveStatus.OPEN and self.opens <= now <= self.closes


class StudyCode(models.Model):
    """A random pseudonym for one participant in one edition; the same across its waves. A
    respondent of a practice round (no edition) has a code of that round only.

    ``covariates`` holds de-identified study variables only (e.g. the domain of the expert a
    student met, newcomer or veteran expert) — never names, contact data or one's own domains.
    """

    code = models.CharField(_("study code"), max_length=20, unique=True)
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="study_codes",
        null=True,
        blank=True,
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    covariates = models.JSONField(_("study variables"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("study code")
        verbose_name_plural = _("study codes")

    def __str__(self) -> str:
        return self.code


class StudyCodeVault(models.Model):
    """The only link between a study code and a participant (of an edition) or a person (a
    respondent of a practice round). Coordinator-side services only."""

    study_code = models.OneToOneField(
        StudyCode, verbose_name=_("study code"), on_delete=models.CASCADE, related_name="+"
    )
    participant = models.OneToOneField(
        "editions.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("study code vault entry")
        verbose_name_plural = _("study code vault")
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False, person__isnull=True)
                | Q(participant__isnull=True, person__isnull=False),
                name="vault_links_participant_or_person",
            )
        ]

    def __str__(self) -> str:
        return f"vault #{self.pk}"


class WaveInvite(models.Model):
    """An invitation of one study code to one wave; the link token is stored only as a hash."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="invites"
    )
    study_code = models.ForeignKey(
        StudyCode, verbose_name=_("study code"), on_delete=models.CASCADE, related_name="invites"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=3, default="nl")
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminder_count = models.PositiveIntegerField(_("reminders sent"), default=0)

    class Meta:
        ordering = ["wave", "study_code"]
        verbose_name = _("wave invitation")
        verbose_name_plural = _("wave invitations")
        constraints = [
            models.UniqueConstraint(fields=["wave", "study_code"], name="one_invite_per_wave")
        ]

    def __str__(self) -> str:
        return f"{self.wave} – {self.study_code}"


class Response(models.Model):
    """One person's answers to one wave: online (by study code) or from a paper form."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="responses"
    )
    study_code = models.ForeignKey(
        StudyCode,
        verbose_name=_("study code"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="responses",
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ResponseSource.choices, default=ResponseSource.ONLINE
    )
    self_code = models.CharField(
        _("self-generated code"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_(
            "Made by the respondent from questions only they can answer; links paper forms."
        ),
    )
    language = models.CharField(_("language"), max_length=3, default="nl")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["wave", "started_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "study_code"],
                condition=Q(study_code__isnull=False),
                name="one_response_per_code_per_wave",
            ),
            models.CheckConstraint(
                condition=Q(study_code__isnull=False) | ~Q(self_code=""),
                name="response_has_a_code",
            ),
        ]
        indexes = [models.Index(fields=["wave", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.wave} – {self.study_code or self.self_code}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def pseudonym(self) -> str:
        """The study code, or ``self:<code>`` for a paper form without one."""
        return self.study_code.code if self.study_code is not None else f"self:{self.self_code}"


class Answer(models.Model):
    """One answer: a number (Likert), chosen option codes (choice) or a text (open)."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="answers"
    )
    value_number = models.FloatField(_("number"), null=True, blank=True)
    value_choices = models.JSONField(_("options chosen"), default=list, blank=True)
    value_text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response", "item__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}={self.value_number or self.value_choices or self.value_text}"


class QualCode(models.Model):
    """A code (theme) researchers use to code open answers."""

    label = models.CharField(_("label"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self) -> str:
        return self.label


class CodedSegment(models.Model):
    """A code applied to an open answer, optionally to an excerpt of it."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="segments"
    )
    code = models.ForeignKey(
        QualCode, verbose_name=_("code"), on_delete=models.CASCADE, related_name="segments"
    )
    excerpt = models.TextField(_("excerpt"), blank=True)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "code"]
        verbose_name = _("coded segment")
        verbose_name_plural = _("coded segments")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "code", "excerpt"], name="unique_coded_segment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} @ answer {self.answer_id}"
