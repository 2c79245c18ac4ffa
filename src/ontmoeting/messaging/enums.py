"""Choices of the messaging app: kinds of message and the states of an outbox row."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    CONFIRMATION = "confirmation", _("confirmation")
    REMINDER = "reminder", _("reminder before the day")
    PLAN_PUBLISHED = "plan_published", _("schedule published")
    PLAN_CHANGED = "plan_changed", _("change of schedule")
    THANK_YOU = "thank_you", _("thank-you with survey")
    MAGIC_LINK = "magic_link", _("link to the personal page")
    REGISTRATION_CHECK = "registration_check", _("check of a registration for someone known")
    CANCELLATION_ALERT = "cancellation_alert", _("cancellation alert (to coordinators)")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    LETTER = "letter", _("printed letter")
    CANCELLED = "cancelled", _("cancelled")


class AttemptResult(models.TextChoices):
    STARTED = "started", _("handing over to the mail server")
    SENT = "sent", _("accepted by the mail server")
    DEFERRED = "deferred", _("refused for now; will retry")
    FAILED = "failed", _("failed for good")
    UNCERTAIN = "uncertain", _("interrupted; delivery unknown")


#: The languages messages are written in (templates exist for each).
MESSAGE_LANGUAGES: tuple[str, ...] = ("nl", "en", "it")
