"""Saved plans: every run of the engine is a new version of an edition's plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition, Participant, Room


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")
    UNDONE = "undone", _("undone")


class Plan(models.Model):
    """One version of an edition's plan: morning pairs, afternoon groups and rooms."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="plans"
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by_label = models.CharField(_("created by (label)"), max_length=150, blank=True)
    seed = models.IntegerField(_("seed"), default=0)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    feasible = models.BooleanField(_("all hard rules hold"), default=True)
    objective = models.JSONField(_("objective"), default=dict, blank=True)
    violations = models.JSONField(_("violations"), default=list, blank=True)
    notes = models.JSONField(_("what the engine did"), default=list, blank=True)
    block_rooms = models.JSONField(
        _("rooms of the blocks everyone shares"),
        default=dict,
        blank=True,
        help_text=_("Programme block id -> ids of the rooms of the welcome, lunch and closing."),
    )
    unpaired = models.JSONField(_("unpaired"), default=list, blank=True)
    seconds = models.FloatField(_("seconds"), default=0.0)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The version this one was copied from or re-planned around."),
    )
    edited = models.BooleanField(_("edited by hand"), default=False)
    change = models.JSONField(
        _("hand edit"),
        default=dict,
        blank=True,
        help_text=_("The one hand edit that made this version from the one it is based on."),
    )

    class Meta:
        ordering = ["edition", "-version"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["edition", "version"], name="unique_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"


class PlannedPair(models.Model):
    """A morning conversation; a trio is two rows with the same expert."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pairs")
    student = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(_("score"), default=0.0)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        ordering = ["plan", "expert", "student"]
        verbose_name = _("planned pair")
        verbose_name_plural = _("planned pairs")
        constraints = [
            models.UniqueConstraint(fields=["plan", "student"], name="one_pair_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.expert}"


class PlannedGroup(models.Model):
    """An afternoon discussion group with its chair."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)
    chair = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    members: models.ManyToManyField[Participant, PlannedGroupMember] = models.ManyToManyField(
        Participant, related_name="+", through="PlannedGroupMember"
    )
    checks = models.JSONField(_("rule checks"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("planned group")
        verbose_name_plural = _("planned groups")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_group_number")
        ]

    def __str__(self) -> str:
        return self.name


class PlannedGroupMember(models.Model):
    group = models.ForeignKey(PlannedGroup, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "participant"], name="unique_group_member")
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.participant}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class PlanJob(models.Model):
    """A background run of the engine for an edition; ``plan`` is set when it is done."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="plan_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by_label = models.CharField(_("requested by (label)"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    seed = models.IntegerField(_("seed"), default=0)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    base_plan = models.ForeignKey(
        Plan,
        verbose_name=_("re-plan around the locks of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat = models.DateTimeField(_("heartbeat"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.edition} run {self.pk} ({self.status})"
