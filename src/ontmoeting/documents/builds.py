"""The whole document pack made by the worker, never inside a web request.

:func:`enqueue_pack` queues a making of an edition's pack in one language (idempotent while one
is under way) together with its task (``documents/tasks.py``), in one transaction; the worker
runs :func:`run_build`, which may lay the PDFs out in several processes of its own, and keeps
the ZIP in a private file (0600) under ``VAR_DIR``. :func:`current_build` is the finished pack
of the plan published now: a pack of an older plan version is never offered as current.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from ontmoeting.documents.models import BuildStatus, PackBuild
from ontmoeting.documents.pack import (
    NoPlan,
    default_workers,
    load,
    pack_files,
    pack_folder,
    zip_bytes,
)
from ontmoeting.documents.selectors import published_plan
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import Actor, record, requester_fields
from ontmoeting.privacy.files import write_private

log = logging.getLogger(__name__)

#: A queued or running pack nothing was heard of for this long is shown as failed.
STALE_AFTER = dt.timedelta(minutes=5)
ACTIVE = (BuildStatus.QUEUED, BuildStatus.RUNNING)
#: The folder of the finished packs, under ``VAR_DIR`` (never under MEDIA_ROOT: not public).
PACK_FOLDER = "document-packs"


def pack_processes() -> int:
    """Layout processes of a pack made by the worker (``ONTMOETING_PACK_PROCESSES``)."""
    wanted = getattr(settings, "ONTMOETING_PACK_PROCESSES", None)
    return int(wanted) if wanted else default_workers()


def pack_path(build: PackBuild) -> Path:
    """Where the finished ZIP of ``build`` is kept."""
    return Path(settings.VAR_DIR) / build.file


def download_name(build: PackBuild) -> str:
    return f"documents-{build.edition.year}-v{build.plan_version}.zip"


def is_stale(build: PackBuild, now: dt.datetime | None = None) -> bool:
    """True when ``build`` is queued or running but nothing was heard of it for too long."""
    if build.status not in ACTIVE:
        return False
    last = build.heartbeat or build.created
    return last is not None and (now or timezone.now()) - last > STALE_AFTER


def build_state(build: PackBuild) -> dict[str, Any]:
    """What the page shows: status (a stale making counts as failed), its label and message."""
    if is_stale(build):
        return {
            "status": BuildStatus.FAILED,
            "label": BuildStatus.FAILED.label,
            "message": _("The making stopped; start it again."),
            "active": False,
        }
    return {
        "status": build.status,
        "label": build.get_status_display(),
        "message": build.error if build.status == BuildStatus.FAILED else build.message,
        "active": build.status in ACTIVE,
    }


def latest_build(edition: Edition, *, language: str) -> PackBuild | None:
    """The most recent making of ``edition``'s pack in ``language``."""
    return (
        PackBuild.objects.filter(edition=edition, language=language)
        .select_related("edition")
        .order_by("-created", "-pk")
        .first()
    )


def current_build(edition: Edition, *, language: str) -> PackBuild | None:
    """The newest finished pack of the plan published now, in ``language``, if its file is kept."""
    plan = published_plan(edition)
    if plan is None:
        return None
    build = (
        PackBuild.objects.filter(
            edition=edition, plan=plan, language=language, status=BuildStatus.DONE
        )
        .exclude(file="")
        .select_related("edition")
        .order_by("-finished", "-pk")
        .first()
    )
    if build is None or not pack_path(build).is_file():
        return None
    return build


def enqueue_pack(edition: Edition, *, language: str, actor: Actor) -> PackBuild:
    """Queue the making of ``edition``'s pack from its published plan; the making already under
    way in that language, if any. NoPlan when no plan is published."""
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).get()
        plan = published_plan(edition)
        if plan is None:
            raise NoPlan(_("Edition %(year)s has no published plan yet.") % {"year": edition.year})
        active = PackBuild.objects.filter(edition=edition, language=language, status__in=ACTIVE)
        for build in active.order_by("pk"):
            if not is_stale(build) and build.plan_id == plan.pk:
                return build
            _fail(build.pk, _("The making stopped; start it again."))
        build = PackBuild.objects.create(
            edition=edition,
            plan=plan,
            plan_version=plan.version,
            language=language,
            message=_("Waiting to start"),
            **requester_fields(actor),
        )
        record(
            "documents.pack.enqueue",
            actor=actor,
            obj=edition,
            build=build.pk,
            plan_version=plan.version,
            language=language,
        )
        _dispatch(build.pk)  # in the same transaction: the build and its task exist together
    return build


def _dispatch(build_id: int) -> None:
    from ontmoeting.documents.tasks import build_document_pack

    build_document_pack.enqueue(build_id)


def requeue_if_silent(build_id: int, *, silent_for: dt.timedelta) -> bool:
    """Put a running making silent for ``silent_for`` (its worker died) back in the queue."""
    build = PackBuild.objects.filter(pk=build_id, status=BuildStatus.RUNNING).first()
    if build is None or build.heartbeat is None or timezone.now() - build.heartbeat < silent_for:
        return False
    return bool(
        PackBuild.objects.filter(
            pk=build_id, status=BuildStatus.RUNNING, heartbeat=build.heartbeat
        ).update(status=BuildStatus.QUEUED, message=_("Waiting to start"))
    )


def _fail(build_id: int, error: str) -> None:
    now = timezone.now()
    PackBuild.objects.filter(pk=build_id).update(
        status=BuildStatus.FAILED, error=error, finished=now, heartbeat=now
    )


def _say(build_id: int, message: str) -> None:
    PackBuild.objects.filter(pk=build_id).update(message=message, heartbeat=timezone.now())


def _make(build: PackBuild, processes: int) -> tuple[bytes, int]:
    """The ZIP of ``build`` and the number of files in it."""
    data = load(build.edition, version=build.plan_version)
    _say(build.pk, _("Laying out the PDFs"))
    files = pack_files(data, language=build.language, workers=processes)
    _say(build.pk, _("Packing the ZIP"))
    assert data.plan is not None
    return zip_bytes(files, folder=pack_folder(build.edition, data.plan)), len(files)


def _keep(build: PackBuild, content: bytes) -> str:
    """Write ``content`` to a new private file for ``build``; its path under ``VAR_DIR``."""
    name = f"{PACK_FOLDER}/edition-{build.edition_id}/pack-{build.pk}-{get_random_string(12)}.zip"
    if not write_private(Path(settings.VAR_DIR) / name, content):
        raise FileExistsError(name)
    return name


def forget_older(build: PackBuild) -> int:
    """Delete the files of the edition's earlier packs in the same language, and of every pack
    of another plan: only the newest is kept. Returns the number of files deleted."""
    older = (
        PackBuild.objects.filter(edition_id=build.edition_id)
        .exclude(pk=build.pk)
        .exclude(file="")
        .filter(Q(language=build.language) | ~Q(plan_id=build.plan_id))
    )
    return sum(forget_file(other) for other in older)


def run_build(build_id: int, *, processes: int | None = None) -> None:
    """Make one queued pack to its end (done with its file, or failed with the error)."""
    now = timezone.now()
    # A conditional update: of two workers only one claims the making.
    claimed = PackBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
        status=BuildStatus.RUNNING, started=now, heartbeat=now, message=_("Reading the plan")
    )
    if not claimed:
        return
    build = PackBuild.objects.select_related("edition", "requested_by").get(pk=build_id)
    actor: Actor = build.requested_by or build.requested_by_label or "worker"
    try:
        with override(build.language):
            content, count = _make(build, processes or pack_processes())
        build.file = _keep(build, content)
    except Exception as error:  # any failure is shown to the coordinator on the page
        log.exception("document pack %s failed", build_id)
        _fail(
            build_id,
            _("The pack could not be made (%(error)s). Please report this.")
            % {"error": f"{error.__class__.__name__}: {error}"},
        )
        return
    now = timezone.now()
    PackBuild.objects.filter(pk=build_id).update(
        status=BuildStatus.DONE,
        file=build.file,
        size=len(content),
        files=count,
        finished=now,
        heartbeat=now,
        message=_("The pack is ready."),
    )
    forget_older(build)
    record(
        "documents.pack.build",
        actor=actor,
        obj=build.edition,
        build=build_id,
        plan_version=build.plan_version,
        files=count,
    )


def read_pack(build: PackBuild, *, actor: Actor) -> bytes:
    """The ZIP of a finished pack, for a download; audited as the pack always was (it prints
    names and, with consent, domains of experience)."""
    content = pack_path(build).read_bytes()
    record(
        "documents.pack",
        actor=actor,
        obj=build.edition,
        plan_version=build.plan_version,
        files=build.files,
        build=build.pk,
    )
    return content


def forget_file(build: PackBuild) -> bool:
    """Delete the kept ZIP of ``build`` (the row stays, without a file); True if there was one."""
    if not build.file:
        return False
    pack_path(build).unlink(missing_ok=True)
    PackBuild.objects.filter(pk=build.pk).update(file="")
    return True


def forget_packs_of(person: Any) -> int:
    """Delete the kept packs of every edition ``person`` takes part in: they print the person's
    name and, with consent, their domains of experience. Run at the person's erasure and when
    that consent is withdrawn (``DocumentsConfig.ready()``); returns how many."""
    builds = (
        PackBuild.objects.filter(edition__participants__person=person).exclude(file="").distinct()
    )
    return sum(forget_file(build) for build in builds)
