"""Choices of the co-creation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    CO_FACILITATOR = "co_facilitator", _("co-facilitator")
    MEMBER = "member", _("member")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("to do")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


#: Statuses of an action still to be done (reminders are sent for these when due).
ACTION_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
