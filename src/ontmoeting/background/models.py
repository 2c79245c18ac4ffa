"""The workers' heartbeats: who runs, since when, and when each was last heard of."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker process, written every few seconds while it lives."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True)
    started = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    #: The task it is running now ("" when idle).
    current_task = models.CharField(_("current task"), max_length=64, blank=True)
    stopped = models.DateTimeField(_("stopped"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """When a scheduled job was last enqueued: the workers share it, so each run happens once."""

    name = models.CharField(_("job"), max_length=100, primary_key=True)
    last_enqueued = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name
