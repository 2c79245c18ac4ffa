"""The documents page of an edition and its downloads (thin: the documents app does the work)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.documents.builds import (
    build_state,
    current_build,
    download_name,
    enqueue_pack,
    latest_build,
    read_pack,
)
from ontmoeting.documents.models import PackBuild
from ontmoeting.documents.pack import KINDS, ZIP, NoPlan, kind_bytes, load
from ontmoeting.documents.selectors import published_plan
from ontmoeting.documents.sheets import ATTENDANCE_ORDERS
from ontmoeting.editions.models import Edition
from ontmoeting.planning.models import Plan
from ontmoeting.privacy.audit import record
from ontmoeting.web.permissions import StaffRequest, coordinator_required


def _language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in ("nl", "en", "it") else "nl"


def _attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def _pack_context(edition: Edition, plan: Plan | None) -> dict[str, Any]:
    """The pack's part of the page: its latest making, its state, and whether it is current."""
    build = latest_build(edition, language=_language()) if plan is not None else None
    ready: PackBuild | None = None
    if build is not None and plan is not None:
        ready = current_build(edition, language=_language())
    return {
        "edition": edition,
        "plan": plan,
        "build": build,
        "state": build_state(build) if build is not None else None,
        "ready": ready,
    }


@coordinator_required
def document_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    plan = published_plan(edition)
    context = _pack_context(edition, plan)
    context["kinds"] = list(KINDS.values())
    return render(request, "documents/list.html", context)


@coordinator_required
def document_download(request: StaffRequest, edition_id: int, kind: str) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    if kind not in KINDS:
        raise Http404
    order = request.GET.get("order", "last_name")
    if order not in ATTENDANCE_ORDERS:
        order = "last_name"
    try:
        data = load(edition)
    except NoPlan as error:
        raise Http404(str(error)) from error
    content = kind_bytes(kind, data, language=_language(), order=order)
    assert data.plan is not None
    record(
        "documents.download",
        actor=request.user,
        obj=edition,
        kind=kind,
        plan_version=data.plan.version,
    )
    spec = KINDS[kind]
    stem, _dot, extension = spec.filename.rpartition(".")
    return _attachment(
        content,
        filename=f"{stem}-{edition.year}-v{data.plan.version}.{extension}",
        content_type=spec.content_type,
    )


@coordinator_required
@require_POST
def document_pack_make(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Ask the worker to make the whole pack (a making under way is not started twice)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    try:
        enqueue_pack(edition, language=_language(), actor=request.user)
    except NoPlan as error:
        messages.error(request, str(error))
    return redirect("web:documents", edition_id=edition.pk)


@coordinator_required
def document_pack_status(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The pack's state (an HTMX partial the page polls while the pack is being made)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    if not request.htmx:
        return redirect("web:documents", edition_id=edition.pk)
    context = _pack_context(edition, published_plan(edition))
    return render(request, "documents/_pack.html", context)


@coordinator_required
def document_pack(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The finished pack of the plan published now; made by the worker, never here. Without one,
    the documents page, where it can be made."""
    edition = get_object_or_404(Edition, pk=edition_id)
    if published_plan(edition) is None:
        raise Http404(_("Edition %(year)s has no published plan yet.") % {"year": edition.year})
    build = current_build(edition, language=_language())
    if build is None:
        messages.info(request, _("The pack of the current plan is not ready yet. Make it here."))
        return redirect("web:documents", edition_id=edition.pk)
    content = read_pack(build, actor=request.user)
    return _attachment(content, filename=download_name(build), content_type=ZIP)
