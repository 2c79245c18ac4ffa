"""Roster upload: the same importer as the CLI, a dry run to preview, then confirm.

Between preview and confirm the coordinator may say what unknown words mean (for this file, or
remembered for the department) and settle possible matches with people of earlier years; the
file stays staged until it is imported or given up.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.editions.models import Edition
from ontmoeting.editions.roster import (
    ImportReport,
    import_roster,
    is_kind,
    kinds_of_format,
    write_template,
)
from ontmoeting.editions.roster.report import IssueGroup
from ontmoeting.editions.synonyms import SynonymError, all_meanings, save_synonym
from ontmoeting.web.forms.roster import (
    AUTO,
    KIND_LABELS,
    ConfirmForm,
    RosterUploadForm,
    StagedUpload,
    decisions_from,
    mappings_from,
    stage_upload,
    staged_upload,
)
from ontmoeting.web.permissions import StaffRequest, coordinator_required

TEMPLATE_FORMATS = ("xlsx", "csv")


def _templates(edition: Edition) -> list[dict[str, object]]:
    return [
        {"kind": kind, "label": KIND_LABELS[kind], "formats": TEMPLATE_FORMATS}
        for kind in kinds_of_format(edition.format)
    ]


def _check(request: StaffRequest, edition: Edition, staged: StagedUpload) -> ImportReport:
    """A dry run of the staged file with its mapped words; no staged file outlives a crash."""
    try:
        report = import_roster(
            staged.path,
            kind=staged.kind,
            edition=edition,
            dry_run=True,
            actor=request.user,
            filename=staged.filename,
            mappings=staged.mappings,
        )
    except BaseException:
        staged.discard(request)
        raise
    return report


def _report_page(
    request: StaffRequest, edition: Edition, report: ImportReport, staged: StagedUpload | None
) -> HttpResponse:
    """The report; the file stays staged while it can still be imported (no error, or only
    unknown words the coordinator can map here)."""
    words = report.unknown_words
    fixable = staged is not None and (report.ok or len(words) == len(report.error_groups))
    if staged is not None and not fixable:
        staged.discard(request)
        staged = None
    kind = report.kind if is_kind(report.kind) else None
    if staged is not None and kind is not None:
        staged = staged.remember(request, kind=kind, mappings=staged.mappings)
    context: dict[str, Any] = {
        "edition": edition,
        "report": report,
        "kind_label": KIND_LABELS[kind] if kind else "",
        "confirm": ConfirmForm(initial={"token": staged.token}) if staged and report.ok else None,
        "token": staged.token if staged else "",
        "words": _words_to_map(words) if staged else [],
        "form": RosterUploadForm(
            initial={"kind": kind or AUTO}, kinds=kinds_of_format(edition.format)
        ),
        "templates": _templates(edition),
    }
    return render(request, "web/roster/report.html", context)


def _words_to_map(groups: list[IssueGroup]) -> list[dict[str, object]]:
    """Each unknown word with the meanings it may be given (loaded once)."""
    if not groups:
        return []
    by_field = all_meanings()
    return [{"group": g, "meanings": by_field.get(g.first.field or "", [])} for g in groups]


@coordinator_required
def roster_upload(request: StaffRequest, edition_id: int) -> HttpResponse:
    """GET: the upload form. POST: check the file with a dry run and show the report."""
    edition = get_object_or_404(Edition, pk=edition_id)
    form = RosterUploadForm(
        request.POST or None, request.FILES or None, kinds=kinds_of_format(edition.format)
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["kind"]
        staged = stage_upload(
            request,
            upload=form.cleaned_data["file"],
            edition_id=edition.pk,
            kind=chosen if is_kind(chosen) else None,
        )
        return _report_page(request, edition, _check(request, edition, staged), staged)
    return render(
        request,
        "web/roster/upload.html",
        {"edition": edition, "form": form, "templates": _templates(edition)},
    )


def _gone(request: StaffRequest, edition: Edition) -> HttpResponse:
    messages.error(
        request,
        _(
            "This upload is no longer available (it was already imported, or it expired). "
            "Nothing was written; upload the file again."
        ),
    )
    return redirect("web:roster-upload", edition_id=edition.pk)


def _staged(request: StaffRequest, edition: Edition) -> StagedUpload | None:
    form = ConfirmForm(request.POST)
    staged = (
        staged_upload(request, token=form.cleaned_data["token"], edition_id=edition.pk)
        if form.is_valid()
        else None
    )
    if staged is not None and not staged.exists():
        staged.discard(request)
        return None
    return staged


@require_POST
@coordinator_required
def roster_map(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Say what unknown words mean (for this file, or remembered), then check the file again."""
    edition = get_object_or_404(Edition, pk=edition_id)
    staged = _staged(request, edition)
    if staged is None:
        return _gone(request, edition)
    mapped, remember = mappings_from(request.POST)
    if remember:
        for field, words in mapped.items():
            for word, code in words.items():
                try:
                    save_synonym(field=field, word=word, code=code, actor=request.user)
                except SynonymError as exc:
                    messages.error(request, f"{word}: {exc}")
    merged = {f: {**staged.mappings.get(f, {}), **w} for f, w in mapped.items()}
    staged = staged.remember(request, kind=staged.kind, mappings={**staged.mappings, **merged})
    return _report_page(request, edition, _check(request, edition, staged), staged)


@require_POST
@coordinator_required
def roster_confirm(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Import the previewed file for real, once; a stale or used upload writes nothing."""
    edition = get_object_or_404(Edition, pk=edition_id)
    staged = _staged(request, edition)
    if staged is None:
        return _gone(request, edition)
    preview = _check(request, edition, staged)
    decisions = decisions_from(request.POST, (m.row for m in preview.matches))
    if preview.ok and len(decisions) < len(preview.matches):
        messages.error(
            request,
            _("Say for each possible match whether it is the same person; nothing was written."),
        )
        return _report_page(request, edition, preview, staged)
    try:
        report = import_roster(
            staged.path,
            kind=staged.kind,
            edition=edition,
            dry_run=False,
            actor=request.user,
            filename=staged.filename,
            mappings=staged.mappings,
            decisions=decisions,
        )
    finally:
        staged.discard(request)
    if report.ok:
        messages.success(request, report.summary())
        return redirect("web:participant-list", edition_id=edition.pk)
    # The data changed between preview and confirm: show what is wrong now.
    return _report_page(request, edition, report, None)


@coordinator_required
def roster_template(request: StaffRequest, edition_id: int, kind: str, fmt: str) -> FileResponse:
    """An empty roster to fill in, as .xlsx or .csv."""
    edition = get_object_or_404(Edition, pk=edition_id)
    if not is_kind(kind) or kind not in kinds_of_format(edition.format):
        raise Http404
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / f"{kind}.{fmt}", kind)
        data = path.read_bytes()
    names = {
        "students": _("students"),
        "experts": _("experts"),
        "professionals": _("professionals"),
    }
    filename = f"{names[kind]}-template.{fmt}"
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=filename, content_type=content_type
    )
