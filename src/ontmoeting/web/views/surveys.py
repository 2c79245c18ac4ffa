"""Research pages (researchers and coordinators: pseudonymous data only) and the coordinator's
wave pages (invitations, reminders, paper forms, experts flagged for recruitment)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.privacy.uploads import UnsafeFileError, check_size
from ontmoeting.surveys import selectors, services
from ontmoeting.surveys.defaults import STUDENT_SLUG, ensure_default_instruments
from ontmoeting.surveys.enums import WaveKind, WaveStatus
from ontmoeting.surveys.exports.qda import qda_csv, qda_xlsx
from ontmoeting.surveys.importer import InstrumentImportError, import_instrument
from ontmoeting.surveys.models import Instrument, Wave
from ontmoeting.surveys.tasks import queue_wave_reminders
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required, role_required

#: Research pages: researchers and coordinators (admins manage staff only).
research_required = role_required(StaffRole.COORDINATOR, StaffRole.RESEARCHER)


# Researcher pages ------------------------------------------------------------------------------


@research_required
def research_home(request: StaffRequest) -> HttpResponse:
    rows = selectors.rates_by_edition()
    return render(request, "surveys/research_home.html", {"rows": rows})


@research_required
def instrument_list(request: StaffRequest) -> HttpResponse:
    ensure_default_instruments()
    return render(request, "surveys/instruments.html", {"instruments": selectors.instruments()})


@research_required
def instrument_detail(request: StaffRequest, instrument_id: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    items = selectors.instrument_items(instrument)
    return render(
        request,
        "surveys/instrument_detail.html",
        {"instrument": instrument, "items": items, "subscales": instrument.subscales.all()},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Instrument file (.xlsx or .json)"),
        help_text=gettext_lazy("The department's own file. Its texts stay in the database only."),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            check_size(upload.size, "instrument")
        except UnsafeFileError as exc:
            raise ValidationError(f"{Path(upload.name or '').name}: {exc.reason}") from None
        return upload


@research_required
def instrument_import(request: StaffRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:  # removed on every path out
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                instrument = import_instrument(path, actor=request.user, filename=upload.name)
            except InstrumentImportError as exc:
                errors = exc.errors
            else:
                messages.success(request, _("Instrument %(name)s imported.") % {"name": instrument})
                return redirect("web:research-instrument", instrument_id=instrument.pk)
    return render(request, "surveys/instrument_import.html", {"form": form, "errors": errors})


@research_required
def research_edition(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    rates = selectors.response_rates(selectors.waves_for_edition(edition))
    return render(
        request,
        "surveys/research_edition.html",
        {"edition": edition, "rates": rates, "pairs": selectors.edition_linkage(edition)},
    )


class CodeForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("New code"), max_length=100)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


#: The coding page's query value that asks for the original text (coordinators, audited).
ORIGINAL_TEXT = "original"


def _wants_original(request: StaffRequest, value: str | None) -> bool:
    """Whether the original text is asked for; a researcher asking gets a 403 (never the text)."""
    if value != ORIGINAL_TEXT:
        return False
    if not has_role(request.user, StaffRole.COORDINATOR):
        raise PermissionDenied
    return True


@research_required
def coding(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The open answers to code: scrubbed, under keyed pseudonyms; a coordinator may ask for
    the original text (``?text=original``), and that read is audited."""
    edition = get_object_or_404(Edition, pk=edition_id)
    original = _wants_original(request, request.GET.get("text"))
    form = CodeForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        services.create_code(**form.cleaned_data, actor=request.user)
        return redirect("web:research-coding", edition_id=edition.pk)
    answers = selectors.coding_answers(edition, original=original, language=request.LANGUAGE_CODE)
    if original:
        record(
            "surveys.open_answers_read",
            actor=request.user,
            obj=edition,
            answers=[a.pk for a in answers],
        )
    return render(
        request,
        "surveys/coding.html",
        {
            "edition": edition,
            "answers": answers,
            "original": original,
            "codes": list(selectors.code_counts(edition)),
            "form": form,
        },
    )


@research_required
def code_answer(request: StaffRequest, edition_id: int, answer_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    answer = selectors.answer_in_edition(edition, answer_id)
    if answer is None:
        raise Http404
    original = _wants_original(request, request.POST.get("text"))
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("codes") if v.isdigit()]
        codes = selectors.codes_by_id(ids)
        try:
            services.code_answer(
                answer=answer,
                codes=codes,
                excerpt=request.POST.get("excerpt", ""),
                actor=request.user,
                from_original=original,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        remove = request.POST.get("remove")
        if remove and remove.isdigit():
            segment = selectors.segment_of(answer, int(remove))
            if segment is not None:
                services.remove_segment(segment=segment, actor=request.user)
    return redirect(f"{_coding_url(edition, original=original)}#answer-{answer.pk}")


def _coding_url(edition: Edition, *, original: bool = False) -> str:
    url = reverse("web:research-coding", kwargs={"edition_id": edition.pk})
    return f"{url}?text={ORIGINAL_TEXT}" if original else url


@research_required
def coding_export(request: StaffRequest, edition_id: int, fmt: str) -> HttpResponse:
    """Open answers with their codes for a QDA tool: CSV (UTF-8 with BOM) or XLSX."""
    edition = get_object_or_404(Edition, pk=edition_id)
    name = f"open-answers-{edition.year}"
    # Open answers can tell about a respondent's life: every export is audited.
    record("surveys.coding_export", actor=request.user, obj=edition, format=fmt)
    if fmt == "xlsx":
        response = HttpResponse(
            qda_xlsx(edition),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(qda_csv(edition), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


# Coordinator pages -----------------------------------------------------------------------------


class WaveForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of wave"), choices=WaveKind.choices)
    opens = forms.DateTimeField(
        label=gettext_lazy("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes = forms.DateTimeField(
        label=gettext_lazy("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    instrument = forms.ModelChoiceField(
        label=gettext_lazy("Instrument"),
        queryset=Instrument.objects.all(),
        required=False,
        empty_label=gettext_lazy("the default instrument"),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if edition.format == Format.CO_CREATION:
            # A co-creation meeting has no students: only the experts' feedback wave, and no
            # instrument written for students.
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [(WaveKind.EXPERT_FEEDBACK, WaveKind.EXPERT_FEEDBACK.label)]
            instrument = self.fields["instrument"]
            assert isinstance(instrument, forms.ModelChoiceField)
            instrument.queryset = Instrument.objects.exclude(slug=STUDENT_SLUG)


@coordinator_required
def waves(request: StaffRequest, edition_id: int) -> HttpResponse:
    from ontmoeting.surveys import vault

    edition = get_object_or_404(Edition, pk=edition_id)
    ensure_default_instruments()
    form = WaveForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_wave(edition=edition, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Wave saved."))
            return redirect("web:survey-waves", edition_id=edition.pk)
    return render(
        request,
        "surveys/waves.html",
        {
            "edition": edition,
            "form": form,
            "rates": selectors.response_rates(selectors.waves_for_edition(edition)),
            "pairs": selectors.edition_linkage(edition),
            "debriefing_end": services.debriefing_end(edition),
            "flagged": vault.experts_flagged_for_recruitment(edition),
            "flagged_now": vault.experts_flagged_in_feedback(edition),
        },
    )


@coordinator_required
def wave_action(request: StaffRequest, edition_id: int, wave_id: int, action: str) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    wave = get_object_or_404(Wave, pk=wave_id, edition=edition)
    if request.method != "POST":
        return redirect("web:survey-waves", edition_id=edition.pk)
    try:
        if action == "open":
            services.set_wave_status(wave=wave, status=WaveStatus.OPEN, actor=request.user)
            messages.success(request, _("The wave is open."))
        elif action == "close":
            services.set_wave_status(wave=wave, status=WaveStatus.CLOSED, actor=request.user)
            messages.success(request, _("The wave is closed."))
        elif action == "invite":
            n = services.invite_wave(wave=wave, actor=request.user)
            messages.success(request, _("%(n)s invitations queued.") % {"n": n})
        elif action == "remind":
            queue_wave_reminders(wave=wave, actor=request.user)
            messages.success(
                request,
                _(
                    "The reminders are queued: the background worker sends them in a moment "
                    "(see Background tasks)."
                ),
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("web:survey-waves", edition_id=edition.pk)


@coordinator_required
def flagged_experts(request: StaffRequest, edition_id: int) -> HttpResponse:
    from ontmoeting.surveys import vault

    edition = get_object_or_404(Edition, pk=edition_id)
    return render(
        request,
        "surveys/flagged.html",
        {"edition": edition, "flagged": vault.experts_flagged_for_recruitment(edition)},
    )


def posted_answers(request: HttpRequest, wave: Wave) -> dict[str, object]:
    """The answers of the posted survey form by item code (a list for a multiple choice)."""
    data: dict[str, object] = {}
    for item in wave.instrument.items.all():
        key = f"item-{item.code}"
        data[item.code] = (
            request.POST.getlist(key) if item.kind == "multiple" else request.POST.get(key, "")
        )
    return data


@coordinator_required
def paper_entry(request: StaffRequest, edition_id: int, wave_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    wave = get_object_or_404(Wave.objects.select_related("instrument"), pk=wave_id, edition=edition)
    language = request.LANGUAGE_CODE
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {}
    if request.method == "POST":
        values = posted_answers(request, wave)
        try:
            services.enter_paper_response(
                wave=wave,
                self_code=request.POST.get("self_code", ""),
                study_code=request.POST.get("study_code", ""),
                answers=values,
                actor=request.user,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            messages.success(request, _("Paper form saved."))
            return redirect("web:survey-paper", edition_id=edition.pk, wave_id=wave.pk)
    count = selectors.paper_count(wave)
    return render(
        request,
        "surveys/paper_entry.html",
        {
            "edition": edition,
            "wave": wave,
            "rows": selectors.survey_questions(wave, language, values),
            "errors": errors,
            "posted": request.POST if request.method == "POST" else {},
            "paper_count": count,
        },
    )


@coordinator_required
def paper_form(request: StaffRequest, edition_id: int, wave_id: int) -> HttpResponse:
    """A printable paper form of the wave, with the self-made code questions."""
    edition = get_object_or_404(Edition, pk=edition_id)
    wave = get_object_or_404(Wave.objects.select_related("instrument"), pk=wave_id, edition=edition)
    return render(
        request,
        "surveys/paper_form.html",
        {
            "edition": edition,
            "wave": wave,
            "rows": selectors.survey_questions(wave, request.LANGUAGE_CODE, {}),
            "today": timezone.localdate(),
        },
    )
