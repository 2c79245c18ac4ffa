"""After a repair: what to print again (the desk slip, the changed door signs and group sheets).

The slip and the door signs name people and rooms only: a day helper may print them. The group
sheets may show an expert's domains of experience (with consent): coordinators only, audited.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from ontmoeting.dayof.reprint import (
    NothingToReprint,
    Reprint,
    changes_on_paper,
    door_signs_pdf,
    group_sheets_pdf,
    slip_pdf,
)
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import record
from ontmoeting.web.permissions import StaffRequest, coordinator_required, desk_required

PRINTS = {
    "slip": (slip_pdf, "desk-slip"),
    "door-signs": (door_signs_pdf, "door-signs"),
    "group-sheets": (group_sheets_pdf, "group-sheets"),
}


def _version(request: StaffRequest) -> int | None:
    value = request.GET.get("version", "")
    return int(value) if value.isdigit() else None


def _changes(request: StaffRequest, edition: Edition) -> Reprint:
    try:
        return changes_on_paper(edition, version=_version(request))
    except NothingToReprint as exc:
        raise Http404(str(exc)) from None


@desk_required
def reprint(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The changes on paper since the version before, with a PDF for each kind."""
    edition = get_object_or_404(Edition, pk=edition_id)
    try:
        changes: Reprint | None = changes_on_paper(edition, version=_version(request))
        problem = ""
    except NothingToReprint as exc:
        changes, problem = None, str(exc)
    return render(
        request,
        "web/dayof/reprint.html",
        {"edition": edition, "changes": changes, "problem": problem},
    )


def _download(request: StaffRequest, edition_id: int, what: str) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    changes = _changes(request, edition)
    render_pdf, stem = PRINTS[what]
    content = render_pdf(changes, language=get_language() or "nl")
    record(
        "documents.download",
        actor=request.user,
        obj=edition,
        kind=f"reprint:{what}",
        plan_version=changes.plan.version,
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{stem}-{edition.year}-v{changes.plan.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@desk_required
def reprint_slip(request: StaffRequest, edition_id: int) -> HttpResponse:
    return _download(request, edition_id, "slip")


@desk_required
def reprint_door_signs(request: StaffRequest, edition_id: int) -> HttpResponse:
    return _download(request, edition_id, "door-signs")


@coordinator_required
def reprint_group_sheets(request: StaffRequest, edition_id: int) -> HttpResponse:
    return _download(request, edition_id, "group-sheets")
