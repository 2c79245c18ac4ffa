"""The documents page of an edition and its downloads (thin: the documents app does the work)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from ontmoeting.documents.pack import (
    KINDS,
    ZIP,
    NoPlan,
    edition_pack_zip,
    kind_bytes,
    load,
    pack_folder,
)
from ontmoeting.documents.selectors import published_plan
from ontmoeting.documents.sheets import ATTENDANCE_ORDERS
from ontmoeting.editions.models import Edition
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


@coordinator_required
def document_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("venue"), pk=edition_id)
    plan = published_plan(edition)
    return render(
        request,
        "documents/list.html",
        {"edition": edition, "plan": plan, "kinds": list(KINDS.values())},
    )


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
def document_pack(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    try:
        data = load(edition)
    except NoPlan as error:
        raise Http404(str(error)) from error
    content = edition_pack_zip(data, language=_language(), actor=request.user)
    assert data.plan is not None
    return _attachment(content, filename=f"{pack_folder(edition, data.plan)}.zip", content_type=ZIP)
