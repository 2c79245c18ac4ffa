"""Evaluation reports and survey exports under /reports/ (researchers and coordinators).

Researchers see pseudonymous aggregates only and may download de-identified data; the subgroup
labelling and the identified export are for coordinators. Admins manage staff, not research
data: they get 403 here.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.roles import StaffRole
from ontmoeting.reports.rendering import (
    edition_context,
    edition_report_pdf,
    trends_context,
    trends_report_pdf,
)
from ontmoeting.surveys.enums import Audience
from ontmoeting.surveys.exports.covariates import attach_study_covariates
from ontmoeting.surveys.exports.services import (
    DEIDENTIFIED,
    IDENTIFIED,
    MIN_REASON_LENGTH,
    export_codebook,
    export_survey,
)
from ontmoeting.surveys.selectors import encounter_days_with_surveys
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required, role_required

research_required = role_required(StaffRole.COORDINATOR, StaffRole.RESEARCHER)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("csv", "CSV"),
            ("xlsx", gettext_lazy("Excel (XLSX) with codebook")),
            ("sav", gettext_lazy("SPSS (.sav) with labels")),
        ],
    )
    audience = forms.ChoiceField(label=gettext_lazy("Whose answers"), choices=Audience.choices)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the labels and the codebook"),
        choices=[("nl", "Nederlands"), ("en", "English"), ("it", "Italiano")],
        required=False,
    )
    open_answers = forms.BooleanField(
        label=gettext_lazy("Include the open answers (masked)"),
        required=False,
        help_text=gettext_lazy(
            "Names, e-mail addresses, phone numbers and addresses are replaced by [NAME], "
            "[EMAIL], [PHONE] and [ADDRESS]. Needs a reason."
        ),
    )
    linked = forms.BooleanField(
        label=gettext_lazy("Linked export"),
        required=False,
        help_text=gettext_lazy(
            "Use this edition's stable pseudonyms, so that this file can be joined with other "
            "linked exports. Without it, every export has its own pseudonyms. Needs a reason."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Only for open answers or a linked export; recorded in the audit log."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        wants = data.get("open_answers") or data.get("linked")
        if wants and len(str(data.get("reason") or "").strip()) < MIN_REASON_LENGTH:
            self.add_error(
                "reason",
                _("Give a reason of at least %(n)d characters.") % {"n": MIN_REASON_LENGTH},
            )
        return data


class IdentifiedExportForm(ExportForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        min_length=MIN_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why identified data is needed; recorded in the audit log."),
    )

    def clean(self) -> dict[str, object]:
        return forms.Form.clean(self) or {}


def _edition(year: int) -> Edition:
    return get_object_or_404(Edition, year=year, format=Format.ENCOUNTER_DAY)


def _download(data: bytes, *, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@research_required
def report_index(request: StaffRequest) -> HttpResponse:
    editions = encounter_days_with_surveys()
    return render(request, "reports/index.html", {"editions": editions})


@research_required
def report_edition(request: StaffRequest, year: int) -> HttpResponse:
    return render(request, "reports/edition.html", edition_context(_edition(year)))


@research_required
def report_edition_pdf(request: StaffRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    data = edition_report_pdf(edition, language=get_language() or "nl")
    return _download(data, filename=f"ontmoeting-report-{year}.pdf", fmt="pdf")


@research_required
def report_trends(request: StaffRequest) -> HttpResponse:
    return render(request, "reports/trends.html", trends_context())


@research_required
def report_trends_pdf(request: StaffRequest) -> HttpResponse:
    data = trends_report_pdf(language=get_language() or "nl")
    return _download(data, filename="ontmoeting-report-trends.pdf", fmt="pdf")


@research_required
def report_exports(request: StaffRequest, year: int) -> HttpResponse:
    """GET: the export page; POST: a de-identified download (audited)."""
    edition = _edition(year)
    form = ExportForm(request.POST or None, initial={"language": (get_language() or "nl")[:2]})
    if request.method == "POST" and form.is_valid():
        fmt, audience = form.cleaned_data["format"], form.cleaned_data["audience"]
        try:
            data = export_survey(
                edition=edition,
                fmt=fmt,
                actor=request.user,
                audience=audience,
                profile=DEIDENTIFIED,
                language=form.cleaned_data["language"] or None,
                open_answers=form.cleaned_data["open_answers"],
                linked=form.cleaned_data["linked"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _download(data, filename=f"ontmoeting-{year}-{audience}.{fmt}", fmt=fmt)
    return render(
        request,
        "reports/exports.html",
        {
            "edition": edition,
            "form": form,
            "identified_form": IdentifiedExportForm(prefix="identified"),
            "title": _("Export the survey data of %(year)s") % {"year": year},
        },
    )


@research_required
def report_codebook(request: StaffRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in {"html", "xlsx"}:
        raise Http404
    language = request.GET.get("language") or (get_language() or "nl")[:2]
    if language not in {"nl", "en", "it"}:
        raise Http404
    data = export_codebook(
        edition=_edition(year),
        fmt=fmt,
        language=language,
        open_answers=request.GET.get("open_answers") == "1",
    )
    if fmt == "html":
        return HttpResponse(data, content_type=CONTENT_TYPES["html"])
    return _download(data, filename=f"ontmoeting-{year}-codebook.xlsx", fmt=fmt)


@require_POST
@coordinator_required
def report_export_identified(request: StaffRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    form = IdentifiedExportForm(request.POST, prefix="identified")
    if form.is_valid():
        fmt = form.cleaned_data["format"]
        try:
            data = export_survey(
                edition=edition,
                fmt=fmt,
                actor=request.user,
                audience=form.cleaned_data["audience"],
                profile=IDENTIFIED,
                reason=form.cleaned_data["reason"],
                language=form.cleaned_data["language"] or None,
                open_answers=form.cleaned_data["open_answers"],
                linked=form.cleaned_data["linked"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _download(data, filename=f"ontmoeting-{year}-identified.{fmt}", fmt=fmt)
    return render(
        request,
        "reports/exports.html",
        {
            "edition": edition,
            "form": ExportForm(),
            "identified_form": form,
            "title": _("Export the survey data of %(year)s") % {"year": year},
        },
        status=400,
    )


@require_POST
@coordinator_required
def report_covariates(request: StaffRequest, year: int) -> HttpResponse:
    edition = _edition(year)
    changed = attach_study_covariates(edition=edition, actor=request.user)
    messages.success(request, _("Subgroup labels updated on %(n)d study codes.") % {"n": changed})
    return redirect("web:report_exports", year=year)
