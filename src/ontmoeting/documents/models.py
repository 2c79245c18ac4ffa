"""The visible state of a document pack made in the background (``documents/builds.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Edition
from ontmoeting.planning.models import Plan


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class PackBuild(models.Model):
    """One making of an edition's whole document pack (a ZIP) by the worker, in one language.

    The finished ZIP is kept in a private file under the var directory (``file``, relative to
    ``VAR_DIR``, mode 0600); it belongs to ``plan`` and is never served once another plan is
    published.
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="pack_builds"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="pack_builds"
    )
    plan_version = models.PositiveIntegerField(_("plan version"))
    language = models.CharField(_("language"), max_length=8)
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
        _("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.CharField(_("file"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    files = models.PositiveIntegerField(_("files in the pack"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat = models.DateTimeField(_("heartbeat"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("document pack")
        verbose_name_plural = _("document packs")
        indexes = [models.Index(fields=["edition", "language", "status"])]

    def __str__(self) -> str:
        return f"{self.edition} pack {self.pk} ({self.status})"
