"""Editions (one encounter day or co-creation meeting), their venue, programme and participants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import (
    ROOM_USES,
    SYNONYM_FIELDS,
    TRANSITIONS,
    BlockKind,
    EditionStatus,
    Format,
    ParticipantRole,
    ParticipantStatus,
    RoomKind,
    TravelMode,
)
from ontmoeting.people.enums import Language
from ontmoeting.people.models import Person, SelfHelpGroup
from ontmoeting.privacy.models import ConsentHow


class InvalidTransition(ValidationError):
    """An edition was asked to move to a status its lifecycle does not allow."""


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    notes = models.TextField(_("notes for participants"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    step_free = models.BooleanField(_("step-free access"), default=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=RoomKind.choices, default=RoomKind.ANY
    )
    floor = models.IntegerField(_("floor"), default=0)
    excluded_uses = models.JSONField(
        _("never use for"),
        default=list,
        blank=True,
        help_text=_(
            "Parts of the day this room may never host, whatever is free (e.g. not for groups). "
            "Its kind is only a preference."
        ),
    )

    class Meta:
        ordering = ["venue", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="unique_room_name_per_venue"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.capacity})"

    @property
    def excluded_use_labels(self) -> list[str]:
        """The parts of the day this room is kept out of, in the user's words."""
        labels = dict(ROOM_USES)
        return [str(labels[u]) for u in self.excluded_uses or () if u in labels]


class Edition(models.Model):
    """One encounter day (or co-creation meeting) with its lifecycle."""

    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000)])
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ENCOUNTER_DAY
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    window_start = models.DateField(_("academic calendar window: from"))
    window_end = models.DateField(_("academic calendar window: until"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
    )
    target_pairs = models.PositiveIntegerField(_("target number of pairs"), default=108)
    target_newcomer_share = models.DecimalField(
        _("target share of newcomers"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Whom participants call or write with a question: on every participant page and message.
    contact_name = models.CharField(
        _("contact for participants: name"),
        max_length=200,
        blank=True,
        help_text=_("The coordinator or team participants call with a question."),
    )
    contact_phone = models.CharField(
        _("contact for participants: phone"), max_length=40, blank=True
    )
    contact_email = models.EmailField(_("contact for participants: email"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["year", "format"], name="one_edition_per_year_format"),
            models.CheckConstraint(
                condition=Q(window_start__lte=models.F("window_end")),
                name="edition_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(date__gte=models.F("window_start"))
                & Q(date__lte=models.F("window_end")),
                name="edition_date_in_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_format_display()} {self.year}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.window_start and self.window_end and self.window_start > self.window_end:
            errors["window_end"] = str(_("The window must end after it starts."))
        elif (
            self.date
            and self.window_start
            and self.window_end
            and not (self.window_start <= self.date <= self.window_end)
        ):
            errors["date"] = str(
                _(
                    "The date %(date)s falls outside the academic calendar window "
                    "%(start)s – %(end)s."
                )
                % {"date": self.date, "start": self.window_start, "end": self.window_end}
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_contact(self) -> bool:
        """Whether participants are told whom to contact (a phone number or an email)."""
        return bool(self.contact_phone or self.contact_email)

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]

    def check_transition(self, target: str) -> None:
        """Raise InvalidTransition unless the lifecycle allows moving to ``target``."""
        if target not in self.allowed_transitions():
            allowed = ", ".join(str(EditionStatus(s).label) for s in self.allowed_transitions())
            raise InvalidTransition(
                _("An edition cannot go from '%(current)s' to '%(target)s'. Allowed: %(allowed)s.")
                % {
                    "current": EditionStatus(self.status).label,
                    "target": EditionStatus(target).label
                    if target in EditionStatus.values
                    else target,
                    "allowed": allowed or "—",
                }
            )


class ProgrammeBlock(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="blocks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    unavailable_rooms = models.ManyToManyField(
        Room,
        verbose_name=_("rooms not free in this block"),
        blank=True,
        related_name="unavailable_in",
        help_text=_("Rooms taken by something else during this block (a lecture, say)."),
    )

    class Meta:
        ordering = ["edition", "starts"]
        verbose_name = _("programme block")
        verbose_name_plural = _("programme blocks")
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=models.F("ends")), name="block_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M} {self.title or self.get_kind_display()}"


#: The seed's day: 9:00 welcome, 10:00 one-to-one, 12:00 lunch, 13:30 groups, 15:30 closing, 16:00 end.
DEFAULT_PROGRAMME: tuple[tuple[str, dt.time, dt.time], ...] = (
    (BlockKind.WELCOME, dt.time(9, 0), dt.time(10, 0)),
    (BlockKind.ONE_TO_ONE, dt.time(10, 0), dt.time(12, 0)),
    (BlockKind.LUNCH, dt.time(12, 0), dt.time(13, 30)),
    (BlockKind.GROUPS, dt.time(13, 30), dt.time(15, 30)),
    (BlockKind.CLOSING, dt.time(15, 30), dt.time(16, 0)),
)

#: A co-creation meeting (seed 001): 9:30 welcome, 10:00 mixed table conversations in rounds,
#: 12:00 plenary harvest, 12:45 closing, 13:00 end.
CO_CREATION_PROGRAMME: tuple[tuple[str, dt.time, dt.time], ...] = (
    (BlockKind.WELCOME, dt.time(9, 30), dt.time(10, 0)),
    (BlockKind.TABLES, dt.time(10, 0), dt.time(12, 0)),
    (BlockKind.HARVEST, dt.time(12, 0), dt.time(12, 45)),
    (BlockKind.CLOSING, dt.time(12, 45), dt.time(13, 0)),
)


def default_programme(edition_format: str) -> tuple[tuple[str, dt.time, dt.time], ...]:
    """The programme a new edition of ``edition_format`` starts with."""
    if edition_format == Format.CO_CREATION:
        return CO_CREATION_PROGRAMME
    return DEFAULT_PROGRAMME


class Participant(models.Model):
    """A person taking part in one edition, with a role, a status, needs and preferences."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    ref = models.CharField(
        _("reference"),
        max_length=50,
        blank=True,
        help_text=_("The coordinator's own identifier, kept from the roster."),
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.INVITED,
    )
    class_group = models.CharField(_("class group"), max_length=50, blank=True)
    language = models.CharField(
        _("language"), max_length=3, choices=Language.choices, default=Language.DUTCH
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=200, blank=True)
    needs_step_free = models.BooleanField(_("needs step-free access"), default=False)
    diet = models.CharField(_("diet"), max_length=200, blank=True)
    interests = models.JSONField(
        _("interests"),
        default=list,
        blank=True,
        help_text=_("Domains the student wants to learn about, most wanted first (codes)."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["edition", "role", "ref"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="one_participation"),
            models.UniqueConstraint(
                fields=["edition", "ref"], condition=~Q(ref=""), name="unique_ref_per_edition"
            ),
        ]
        indexes = [models.Index(fields=["edition", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.edition.year})"

    @property
    def spoken_languages(self) -> list[str]:
        """Every language this participant can hold a conversation in."""
        return list(dict.fromkeys([self.language, *self.languages]))


class SectorTarget(models.Model):
    """How many professionals of one sector a co-creation meeting aims for."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sector_targets"
    )
    sector = models.ForeignKey(
        "people.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    professionals = models.PositiveIntegerField(_("target number of professionals"))

    class Meta:
        ordering = ["edition", "sector"]
        verbose_name = _("sector target")
        verbose_name_plural = _("sector targets")
        constraints = [
            models.UniqueConstraint(fields=["edition", "sector"], name="one_target_per_sector")
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.sector} {self.professionals}"


class KnowsLink(models.Model):
    """Two participants who know each other: never paired, never in one group."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="knows_links"
    )
    a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("knows link")
        verbose_name_plural = _("knows links")
        constraints = [
            models.UniqueConstraint(fields=["a", "b"], name="unique_knows_link"),
            models.CheckConstraint(condition=Q(a__lt=models.F("b")), name="knows_link_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.a} ↔ {self.b}"


class Invitation(models.Model):
    """A registration link for experts: for an edition, a self-help group or one person."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    self_help_group = models.ForeignKey(
        SelfHelpGroup,
        verbose_name=_("self-help group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    max_uses = models.PositiveIntegerField(
        _("at most this many registrations"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
    )
    uses = models.PositiveIntegerField(_("registrations sent through it"), default=0)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.edition} · {self.self_help_group or self.person or '—'}"

    @property
    def used_up(self) -> bool:
        """True once the link has taken as many registrations as it may."""
        return self.max_uses is not None and self.uses >= self.max_uses


class Registration(models.Model):
    """How and when an expert registered for an edition (one per participant)."""

    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    how = models.CharField(
        _("how"), max_length=20, choices=ConsentHow.choices, default=ConsentHow.ONLINE
    )
    travel = models.CharField(_("travel"), max_length=20, choices=TravelMode.choices, blank=True)
    created = models.DateTimeField(_("registered"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    #: A registration through a shared group link waits for a coordinator to look at it.
    reviewed = models.DateTimeField(_("checked by a coordinator"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.participant_id} ({self.get_how_display()})"


class HeldRegistration(models.Model):
    """A registration sent through a shared link for someone we already know.

    An anonymous form never changes a known person: what was sent is held here, and the person
    gets a link at the address we already have for them. Only following it (or a coordinator
    who checked with the person) applies it. ``data`` is what the form sent, as JSON.
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="held"
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="held",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="held"
    )
    data = models.JSONField(_("what was sent"))
    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    applied = models.DateTimeField(_("applied"), null=True, blank=True)
    discarded = models.DateTimeField(_("discarded"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("held registration")
        verbose_name_plural = _("held registrations")

    def __str__(self) -> str:
        return f"{self.edition} · {self.person_id} ({self.created:%Y-%m-%d})"

    @property
    def open(self) -> bool:
        return self.applied is None and self.discarded is None


class ValueSynonym(models.Model):
    """A department's own word for a value of a roster column: ``jeugdhulp`` means
    youth_protection here. It wins over the built-in words of ``editions/roster/words.py``."""

    field = models.CharField(_("column"), max_length=20, choices=SYNONYM_FIELDS)
    word = models.CharField(_("word"), max_length=200)
    folded = models.CharField(
        _("word as compared"),
        max_length=200,
        help_text=_("Lower case, without accents and punctuation: how the import compares words."),
    )
    code = models.CharField(_("means"), max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["field", "folded"]
        verbose_name = _("own word")
        verbose_name_plural = _("own words")
        constraints = [
            models.UniqueConstraint(fields=["field", "folded"], name="synonym_unique_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.code}"
