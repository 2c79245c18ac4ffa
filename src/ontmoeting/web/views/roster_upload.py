"""Roster upload: the same importer as the CLI, a dry run to preview, then confirm."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.editions.models import Edition
from ontmoeting.editions.roster import KINDS, import_roster, is_kind, write_template
from ontmoeting.web.forms.roster import (
    KIND_LABELS,
    ConfirmForm,
    RosterUploadForm,
    stage_upload,
    staged_upload,
)
from ontmoeting.web.permissions import StaffRequest, coordinator_required

TEMPLATE_FORMATS = ("xlsx", "csv")


def _templates() -> list[dict[str, object]]:
    return [
        {"kind": kind, "label": KIND_LABELS[kind], "formats": TEMPLATE_FORMATS} for kind in KINDS
    ]


@coordinator_required
def roster_upload(request: StaffRequest, edition_id: int) -> HttpResponse:
    """GET: the upload form. POST: check the file with a dry run and show the report."""
    edition = get_object_or_404(Edition, pk=edition_id)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        staged = stage_upload(
            request, upload=form.cleaned_data["file"], edition_id=edition.pk, kind=kind
        )
        try:
            report = import_roster(
                staged.path,
                kind=kind,
                edition=edition,
                dry_run=True,
                actor=request.user,
                filename=staged.filename,
            )
        except BaseException:
            staged.discard(request)  # no staged file outlives a failed check
            raise
        if not report.ok:
            staged.discard(request)  # nothing can be confirmed; upload the corrected file
        return render(
            request,
            "web/roster/report.html",
            {
                "edition": edition,
                "report": report,
                "kind_label": KIND_LABELS[kind],
                "confirm": ConfirmForm(initial={"token": staged.token}) if report.ok else None,
                "form": RosterUploadForm(initial={"kind": kind}),
                "templates": _templates(),
            },
        )
    return render(
        request,
        "web/roster/upload.html",
        {"edition": edition, "form": form, "templates": _templates()},
    )


@require_POST
@coordinator_required
def roster_confirm(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Import the previewed file for real, once; a stale or used upload writes nothing."""
    edition = get_object_or_404(Edition, pk=edition_id)
    form = ConfirmForm(request.POST)
    staged = (
        staged_upload(request, token=form.cleaned_data["token"], edition_id=edition.pk)
        if form.is_valid()
        else None
    )
    if staged is None or not staged.exists():
        if staged is not None:
            staged.discard(request)
        messages.error(
            request,
            _(
                "This upload is no longer available (it was already imported, or it expired). "
                "Nothing was written; upload the file again."
            ),
        )
        return redirect("web:roster-upload", edition_id=edition.pk)
    try:
        report = import_roster(
            staged.path,
            kind=staged.kind,
            edition=edition,
            dry_run=False,
            actor=request.user,
            filename=staged.filename,
        )
    finally:
        staged.discard(request)
    if report.ok:
        messages.success(request, report.summary())
        return redirect("web:participant-list", edition_id=edition.pk)
    # The data changed between preview and confirm: show what is wrong now.
    return render(
        request,
        "web/roster/report.html",
        {
            "edition": edition,
            "report": report,
            "kind_label": KIND_LABELS[staged.kind],
            "confirm": None,
            "form": RosterUploadForm(initial={"kind": staged.kind}),
            "templates": _templates(),
        },
    )


@coordinator_required
def roster_template(request: StaffRequest, edition_id: int, kind: str, fmt: str) -> FileResponse:
    """An empty roster to fill in, as .xlsx or .csv."""
    get_object_or_404(Edition, pk=edition_id)
    if not is_kind(kind) or fmt not in TEMPLATE_FORMATS:
        raise Http404
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / f"{kind}.{fmt}", kind)
        data = path.read_bytes()
    filename = f"{_('students') if kind == 'students' else _('experts')}-template.{fmt}"
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type
    )
