"""Who arrived and left on the day, and every action taken at a check-in desk."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition, Participant


class Attendance(models.Model):
    """A participant's arrival and leaving on the day (one row per participant)."""

    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    arrived = models.DateTimeField(_("arrived"), null=True, blank=True)
    left = models.DateTimeField(_("left early"), null=True, blank=True)
    status_before = models.CharField(
        _("status before arriving"),
        max_length=20,
        blank=True,
        help_text=_("Given back to the participant when the arrival is undone."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.arrived} – {self.left}"


class DeskActionKind(models.TextChoices):
    ARRIVE = "arrive", _("arrived")
    LEAVE = "leave", _("left early")
    UNDO = "undo", _("undone")


class DeskAction(models.Model):
    """One tap at a desk. ``key`` is the desk's own id for the tap: a tap sent twice (a retry
    after the network came back) is recorded once."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="desk_actions",
    )
    kind = models.CharField(_("action"), max_length=10, choices=DeskActionKind.choices)
    at = models.DateTimeField(_("at"))
    key = models.CharField(_("desk key"), max_length=64, unique=True, null=True, blank=True)
    undoes = models.OneToOneField(
        "self",
        verbose_name=_("undoes"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="undone_by",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_label = models.CharField(_("by (label)"), max_length=150, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("desk action")
        verbose_name_plural = _("desk actions")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.kind} {self.at:%H:%M}"
