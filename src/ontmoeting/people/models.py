"""People known to the department, kept across years so their history is known."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ontmoeting.people.enums import (
    Gender,
    Language,
    ProfessionalFunction,
    Role,
    Training,
    WorkStatus,
)

MEMBERSHIP_YEARS_REQUIRED = 1


class CodedName(models.Model):
    """A named thing with a stable code and a name in each interface language."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_it = models.CharField(_("name (Italian)"), max_length=100)
    builtin = models.BooleanField(_("built in"), default=False)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to English."""
        language = (get_language() or "nl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class ExperienceDomain(CodedName):
    """A domain of lived experience (addiction, mental health, ...) with a stable code."""

    class Meta(CodedName.Meta):
        verbose_name = _("experience domain")
        verbose_name_plural = _("experience domains")


class Sector(CodedName):
    """A sector of care professionals work in (GGZ, addiction care, youth care; more may be added)."""

    class Meta(CodedName.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class SelfHelpGroup(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    domain = models.ForeignKey(
        ExperienceDomain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="self_help_groups",
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("self-help group")
        verbose_name_plural = _("self-help groups")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Identity and contact of a student, expert or professional."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Street and number, postcode and town: where letters go."),
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=3, choices=Language.choices, default=Language.DUTCH
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    anonymised = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        help_text=_("When the name and contact details were removed (retention or erasure)."),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or f"#{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _validate_codes(values: object, allowed: type[models.TextChoices], label: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(_("%(label)s must be a list of codes.") % {"label": label})
    unknown = sorted(set(values) - set(allowed.values))
    if unknown:
        raise ValidationError(
            _("Unknown %(label)s: %(codes)s.") % {"label": label, "codes": ", ".join(unknown)}
        )


def validate_statuses(values: object) -> None:
    _validate_codes(values, WorkStatus, str(_("status")))


def validate_roles(values: object) -> None:
    _validate_codes(values, Role, str(_("roles")))


def validate_languages(values: object) -> None:
    _validate_codes(values, Language, str(_("languages")))


class ExpertProfile(models.Model):
    """What makes a person an expert by experience; kept across editions."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    domains = models.ManyToManyField(
        ExperienceDomain,
        verbose_name=_("domains of experience"),
        blank=True,
        related_name="experts",
    )
    pending_domains = models.ManyToManyField(
        ExperienceDomain,
        verbose_name=_("domains of experience awaiting consent"),
        blank=True,
        related_name="+",
        help_text=_(
            "Domains given before the special-category consent (a roster, a coordinator): "
            "kept apart, never shown or used, until the person consents."
        ),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_languages]
    )
    can_chair = models.BooleanField(_("willing to chair a group"), default=False)
    chaired_before = models.BooleanField(_("chaired a group before"), default=False)
    statuses = models.JSONField(
        _("status"), default=list, blank=True, validators=[validate_statuses]
    )
    training = models.CharField(
        _("training"), max_length=20, choices=Training.choices, default=Training.NONE
    )
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    accessibility = models.CharField(_("accessibility needs"), max_length=200, blank=True)
    diet = models.CharField(_("diet"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        if WorkStatus.NONE in self.statuses and len(set(self.statuses)) > 1:
            # Seed 001 reports "volunteer and no status" as an answer people gave; allow it
            # only together with volunteer, never with paid work.
            paid = {WorkStatus.PAID_EMPLOYEE, WorkStatus.SELF_EMPLOYED} & set(self.statuses)
            if paid:
                raise ValidationError(
                    {"statuses": _("'No status' cannot be combined with paid work.")}
                )
        if Role.NO_SPECIFIC_ROLE in self.roles and len(set(self.roles)) > 1:
            raise ValidationError({"roles": _("'No specific role' excludes the other roles.")})

    def is_eligible_on(self, day: dt.date) -> bool:
        """True when a membership of a self-help group is at least one year old on ``day``."""
        return any(m.is_old_enough_on(day) for m in self.memberships.all())


class ProfessionalProfile(models.Model):
    """What makes a person a professional of a co-creation meeting or a team; kept across years."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="professional_profile",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="professionals"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    function = models.CharField(
        _("function"),
        max_length=30,
        choices=ProfessionalFunction.choices,
        default=ProfessionalFunction.PRACTITIONER,
    )
    can_co_facilitate = models.BooleanField(_("willing to co-facilitate a table"), default=False)

    class Meta:
        verbose_name = _("professional profile")
        verbose_name_plural = _("professional profiles")

    def __str__(self) -> str:
        return str(self.person)


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` moved back ``years`` years; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class Membership(models.Model):
    """Membership of a self-help group since a date (eligibility needs one year)."""

    expert = models.ForeignKey(
        ExpertProfile,
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        SelfHelpGroup,
        verbose_name=_("self-help group"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    since = models.DateField(_("member since"))

    class Meta:
        ordering = ["since"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["expert", "group"], name="one_membership_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.group} ({self.since})"

    def is_old_enough_on(self, day: dt.date) -> bool:
        return self.since <= years_before(day, MEMBERSHIP_YEARS_REQUIRED)
