"""Choices of the surveys app: instruments, items, waves, audiences and response sources."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentSource(models.TextChoices):
    BUILTIN = "builtin", _("built in (written for this project)")
    IMPORTED = "imported", _("imported from a file the department owns")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Likert scale")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    OPEN = "open", _("open question")


class WaveKind(models.TextChoices):
    PRE = "pre", _("pre (before the day)")
    POST = "post", _("post (after the debriefing workshop)")
    FOLLOW_UP = "follow_up", _("follow-up")
    EXPERT_FEEDBACK = "expert_feedback", _("expert feedback")
    PRACTICE = "practice", _("practice research round (not tied to an encounter day)")


class Audience(models.TextChoices):
    STUDENTS = "students", _("students")
    EXPERTS = "experts", _("experts by experience")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("not yet open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper form, entered by staff")
    IMPORTED = "imported", _("imported from a researcher's data file")


#: The languages survey texts are written in.
SURVEY_LANGUAGES: tuple[str, ...] = ("nl", "en", "it")
