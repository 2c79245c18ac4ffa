"""Background runs of the engine: one queued or running job per edition, progress as it goes.

A job is enqueued by :func:`enqueue_plan` (idempotent while a run of the edition is under way)
together with its task (``planning/tasks.py``), in the same transaction: the worker
(``ontmoeting worker``) runs it, never the web process. :func:`run_pending_jobs` runs every
queued job synchronously (for a test). A running job writes a heartbeat with its progress; one
silent for :data:`STALE_AFTER` is shown as failed, because the process that ran it has stopped,
and the worker that takes back its task (``background/recovery.py``) runs it again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.background.heartbeat import worker_alive
from ontmoeting.editions.enums import EditionStatus
from ontmoeting.editions.models import Edition
from ontmoeting.editions.services import transition_edition
from ontmoeting.engine.model import PlanSettings
from ontmoeting.planning.checking import plan_locks, plan_settings
from ontmoeting.planning.models import JobStatus, Plan, PlanJob
from ontmoeting.planning.services import plan_edition
from ontmoeting.privacy.audit import Actor, record, requester_fields

log = logging.getLogger(__name__)

#: A running job whose heartbeat is older than this is shown as failed.
STALE_AFTER = dt.timedelta(minutes=5)
#: At most one progress write per this many seconds.
PROGRESS_EVERY = 0.5
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def is_stale(job: PlanJob, now: dt.datetime | None = None) -> bool:
    """True when ``job`` is queued or running but nothing has been heard of it for too long."""
    if job.status not in ACTIVE:
        return False
    last = job.heartbeat or job.created
    return last is not None and (now or timezone.now()) - last > STALE_AFTER


def job_state(job: PlanJob) -> dict[str, Any]:
    """What the page shows: the status (a stale run counts as failed), progress and message."""
    if is_stale(job):
        return {
            "status": JobStatus.FAILED,
            "label": JobStatus.FAILED.label,
            "progress": job.progress,
            "message": _("The run stopped; start it again."),
            "active": False,
        }
    message = job.error if job.status == JobStatus.FAILED else job.message
    if job.status == JobStatus.QUEUED and not worker_alive():
        message = _(
            "Waiting for the background worker: none is running. Ask the administrator to "
            "start it (ontmoeting worker)."
        )
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "progress": 1.0 if job.status == JobStatus.DONE else job.progress,
        "message": message,
        "active": job.status in ACTIVE,
    }


def enqueue_plan(
    edition: Edition,
    *,
    actor: Actor,
    seed: int = 0,
    settings: PlanSettings | None = None,
    base_plan: Plan | None = None,
) -> PlanJob:
    """Queue a run of the engine for ``edition``; returns the run already under way, if any.

    With ``base_plan`` the run keeps that version's locked pairs, members and chairs.
    """
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).get()
        for job in PlanJob.objects.filter(edition=edition, status__in=ACTIVE).order_by("pk"):
            if not is_stale(job):
                return job
            _fail(job.pk, _("The run stopped; start it again."))
        job = PlanJob.objects.create(
            edition=edition,
            seed=seed,
            settings=asdict(settings or PlanSettings()),
            base_plan=base_plan,
            message=_("Waiting to start"),
            **requester_fields(actor),
        )
        record(
            "plan.job.enqueue",
            actor=actor,
            obj=job,
            edition=edition.pk,
            seed=seed,
            base_version=base_plan.version if base_plan else None,
        )
        _dispatch(job.pk)  # in the same transaction: the job and its task exist together
    return job


def _dispatch(job_id: int) -> None:
    from ontmoeting.planning.tasks import run_plan_job

    run_plan_job.enqueue(job_id)


def run_pending_jobs() -> list[PlanJob]:
    """Run every queued job now, in this thread, oldest first; returns them as they ended."""
    done = []
    for job_id in (
        PlanJob.objects.filter(status=JobStatus.QUEUED).order_by("pk").values_list("pk", flat=True)
    ):
        run_job(job_id)
        done.append(PlanJob.objects.get(pk=job_id))
    return done


def requeue_if_silent(job_id: int, *, silent_for: dt.timedelta) -> bool:
    """Put a running job silent for ``silent_for`` (its worker died) back in the queue."""
    job = PlanJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).first()
    if job is None or job.heartbeat is None or timezone.now() - job.heartbeat < silent_for:
        return False
    return bool(
        PlanJob.objects.filter(pk=job_id, status=JobStatus.RUNNING, heartbeat=job.heartbeat).update(
            status=JobStatus.QUEUED, message=_("Waiting to start"), progress=0.0
        )
    )


def _fail(job_id: int, error: str) -> None:
    now = timezone.now()
    PlanJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=error, finished=now, heartbeat=now
    )


def run_job(job_id: int) -> None:
    """Run one queued job to its end (done with a plan, or failed with the error)."""
    now = timezone.now()
    # A conditional update: of two workers (or a worker and a test) only one claims the job.
    claimed = PlanJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started=now, heartbeat=now, message=_("Running")
    )
    if not claimed:
        return
    job = PlanJob.objects.select_related("edition", "requested_by", "base_plan").get(pk=job_id)
    actor: Actor = job.requested_by or job.requested_by_label or "worker"
    last = [0.0]

    def progress(fraction: float) -> None:
        moment = time.monotonic()
        if moment - last[0] < PROGRESS_EVERY and fraction < 1.0:
            return
        last[0] = moment
        PlanJob.objects.filter(pk=job_id).update(
            progress=max(0.0, min(1.0, fraction)), heartbeat=timezone.now()
        )

    try:
        locks = plan_locks(job.base_plan) if job.base_plan else None
        plan, _result = plan_edition(
            job.edition,
            actor=actor,
            seed=job.seed,
            settings=plan_settings(job.settings),
            progress=progress,
            locks=locks,
            based_on=job.base_plan,
        )
        if job.edition.status == EditionStatus.RECRUITING:
            transition_edition(job.edition, to=EditionStatus.PLANNED, actor=actor)
    except Exception as error:  # any failure of a run is shown to its coordinator
        log.exception("plan job %s failed", job_id)
        _fail(
            job_id,
            _("The run stopped on an error (%(error)s); nothing was saved. Please report this.")
            % {"error": f"{error.__class__.__name__}: {error}"},
        )
        return
    now = timezone.now()
    PlanJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE,
        plan=plan,
        progress=1.0,
        finished=now,
        heartbeat=now,
        message=_("Version %(v)s is ready.") % {"v": plan.version},
    )
