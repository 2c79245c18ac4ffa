"""Who arrived and left on the day, every action taken at a check-in desk, and the students'
debriefing sessions after the day with who attended them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition, Participant, Room


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


class DebriefingSession(models.Model):
    """The students' debriefing workshop of one class group, on its own date (on or after the
    day), in a room of the edition's venue or a place written out. One per class group."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="debriefing_sessions",
    )
    class_group = models.CharField(_("class group"), max_length=50)
    date = models.DateField(_("date"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="debriefing_sessions",
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where it takes place when it is not a room of the venue."),
    )
    lecturer = models.CharField(_("lecturer"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["date", "starts", "class_group"]
        verbose_name = _("debriefing session")
        verbose_name_plural = _("debriefing sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "class_group"], name="one_debriefing_per_class_group"
            ),
            models.CheckConstraint(
                condition=Q(starts__lt=models.F("ends")), name="debriefing_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.class_group} {self.date} {self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def where(self) -> str:
        """The room's name, or the place as written."""
        return self.room.name if self.room_id and self.room else self.place


class DebriefingAttendance(models.Model):
    """Whether one student of the class group came to its debriefing session, and who said so."""

    session = models.ForeignKey(
        DebriefingSession,
        verbose_name=_("debriefing session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="debriefing_attendance",
    )
    attended = models.BooleanField(_("attended"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_label = models.CharField(_("recorded by (label)"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("debriefing attendance")
        verbose_name_plural = _("debriefing attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="one_debriefing_attendance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.participant_id}: {self.attended}"
