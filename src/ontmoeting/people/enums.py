"""Choices of the people app, with stable codes and translatable labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
    X = "x", _("non-binary / other")
    UNKNOWN = "", _("not given")


class WorkStatus(models.TextChoices):
    """Status of an experience worker (seed 001). Combinations are allowed."""

    VOLUNTEER = "volunteer", _("volunteer")
    PAID_EMPLOYEE = "paid_employee", _("paid employee")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    NONE = "none", _("no status")


class Training(models.TextChoices):
    NONE = "none", _("no training")
    EXPERIENCE_WORK = "experience_work", _("training in experience work")
    PROFESSIONAL = "professional", _("professional training")
    BOTH = "both", _("both")


class Role(models.TextChoices):
    """Roles experience workers take (seed 001)."""

    CRITICAL_VOICE = "critical_voice", _("critical voice")
    BRIDGE_FIGURE = "bridge_figure", _("bridge figure")
    SIGNAL_FUNCTION = "signal_function", _("signal function")
    SUPPORT = "support", _("support")
    LIFEWORLD = "lifeworld", _("lifeworld")
    ACCESSIBILITY = "accessibility", _("accessibility")
    POLICY_INFLUENCE = "policy_influence", _("policy influence")
    PUBLIC_IMAGE = "public_image", _("influencing the public image")
    NO_SPECIFIC_ROLE = "no_specific_role", _("no specific role")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    ITALIAN = "it", _("Italian")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    SIGN = "sgn", _("sign language")


class ProfessionalFunction(models.TextChoices):
    """What a professional does in their organisation (seed 001: team trajectories)."""

    PRACTITIONER = "practitioner", _("practitioner")
    COORDINATOR = "coordinator", _("coordinator")
    POLICY_OFFICER = "policy_officer", _("policy officer")
    MANAGER = "manager", _("manager")
    EXPERIENCE_WORKER = "experience_worker", _("experience worker")
