"""Practice research rounds (seed 001): the report researchers read (study codes only, never
names), coding of the open answers, and the survey page an experience worker reaches by their
personal link (no login, phone first)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.editions.models import Edition
from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import record
from ontmoeting.surveys import experience_workers as ew
from ontmoeting.surveys import practice, selectors, services
from ontmoeting.surveys.enums import WaveKind, WaveStatus
from ontmoeting.surveys.exports.practice import FORMATS, export_practice_round
from ontmoeting.surveys.models import Answer, Instrument, Wave
from ontmoeting.surveys.practice_report import completed_responses, open_answers, practice_report
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required
from ontmoeting.web.views.surveys import posted_answers, research_required


def _round(wave_id: int) -> Wave:
    return get_object_or_404(
        Wave.objects.select_related("instrument"), pk=wave_id, kind=WaveKind.PRACTICE
    )


@research_required
def rounds(request: StaffRequest) -> HttpResponse:
    """The practice rounds with how many completed."""
    rows = [(wave, completed_responses(wave).count()) for wave in practice.practice_rounds()]
    return render(request, "surveys/practice/rounds.html", {"rows": rows})


@research_required
def report(request: StaffRequest, wave_id: int) -> HttpResponse:
    wave = _round(wave_id)
    built = practice_report(wave, request.LANGUAGE_CODE)
    tables = [built.roles, built.status, built.training]
    return render(
        request,
        "surveys/practice/report.html",
        {"wave": wave, "report": built, "tables": tables},
    )


class CodeForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("New code"), max_length=100)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@research_required
def coding(request: StaffRequest, wave_id: int) -> HttpResponse:
    """The round's open answers to code (scrubbed, under keyed pseudonyms)."""
    wave = _round(wave_id)
    form = CodeForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        services.create_code(**form.cleaned_data, actor=request.user)
        return redirect("web:practice-survey-coding", wave_id=wave.pk)
    return render(
        request,
        "surveys/practice/coding.html",
        {
            "wave": wave,
            "answers": open_answers(wave, language=request.LANGUAGE_CODE),
            "codes": list(selectors.code_counts()),
            "form": form,
        },
    )


@research_required
@require_POST
def code_answer(request: StaffRequest, wave_id: int, answer_id: int) -> HttpResponse:
    wave = _round(wave_id)
    answer = Answer.objects.filter(pk=answer_id, response__wave=wave).select_related("item").first()
    if answer is None:
        raise Http404
    ids = [int(v) for v in request.POST.getlist("codes") if v.isdigit()]
    try:
        services.code_answer(
            answer=answer,
            codes=selectors.codes_by_id(ids),
            excerpt=request.POST.get("excerpt", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    url = reverse("web:practice-survey-coding", kwargs={"wave_id": wave.pk})
    return redirect(f"{url}#answer-{answer.pk}")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Data file (.csv, one row per respondent)"),
        help_text=gettext_lazy(
            "Columns: respondent, then one column per item code; role rows 1, 0 or empty; "
            "status options separated by a semicolon."
        ),
    )


MAX_UPLOAD_BYTES = 2_000_000


@research_required
def import_responses(request: StaffRequest, wave_id: int) -> HttpResponse:
    """Import a researcher's CSV export of a round (pseudonymous codes only)."""
    wave = _round(wave_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            errors = [_("The file is too large.")]
        else:
            try:
                text = upload.read().decode("utf-8-sig")
                result = practice.import_responses(wave=wave, text=text, actor=request.user)
            except UnicodeDecodeError:
                errors = [_("The file is not UTF-8 text.")]
            except practice.ResponseImportError as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _("%(created)s responses imported, %(skipped)s already there.")
                    % {"created": result.created, "skipped": result.skipped},
                )
                return redirect("web:practice-survey-report", wave_id=wave.pk)
    return render(
        request, "surveys/practice/import.html", {"wave": wave, "form": form, "errors": errors}
    )


def experts() -> QuerySet[Person]:
    return Person.objects.filter(expert_profile__isnull=False).order_by("last_name", "first_name")


class InviteForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Experience workers"),
        queryset=experts(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy("People with an expert profile; hold Ctrl to choose several."),
    )
    edition = forms.ModelChoiceField(
        label=gettext_lazy("Or: every expert of an edition"),
        queryset=Edition.objects.order_by("-year"),
        required=False,
        empty_label=gettext_lazy("no edition"),
    )

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if query:
            people = self.fields["people"]
            assert isinstance(people, forms.ModelMultipleChoiceField)
            people.queryset = experts().filter(
                Q(first_name__icontains=query) | Q(last_name__icontains=query)
            )

    def chosen(self) -> list[Person]:
        people = list(self.cleaned_data.get("people") or [])
        edition = self.cleaned_data.get("edition")
        if edition is not None:
            people += practice.edition_experts(edition.pk)
        return people

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("people") and data.get("edition") is None:
            raise ValidationError(_("Choose people, or an edition."))
        return data


@coordinator_required
def respondents(request: StaffRequest, wave_id: int) -> HttpResponse:
    """Coordinators: invite experience workers and read the personal links (audited)."""
    wave = _round(wave_id)
    query = request.GET.get("q", "").strip()[:100]
    form = InviteForm(request.POST or None, query=query)
    if request.method == "POST" and form.is_valid():
        new = practice.invite_people(wave=wave, people=form.chosen(), actor=request.user)
        messages.success(
            request,
            ngettext("%(n)s person invited.", "%(n)s people invited.", new) % {"n": new},
        )
        return redirect("web:practice-survey-respondents", wave_id=wave.pk)
    rows = practice.invited(wave)
    record("surveys.practice_links_read", actor=request.user, obj=wave, count=len(rows))
    return render(
        request,
        "surveys/practice/respondents.html",
        {"wave": wave, "form": form, "rows": rows, "query": query},
    )


class RoundForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
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
        empty_label=gettext_lazy("the experience-worker survey"),
    )


@coordinator_required
def create_round(request: StaffRequest) -> HttpResponse:
    """Coordinators: a new practice round (a draft; open it from its page)."""
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wave = practice.create_round(**form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("web:practice-survey-respondents", wave_id=wave.pk)
    return render(request, "surveys/practice/new_round.html", {"form": form})


@coordinator_required
@require_POST
def round_status(request: StaffRequest, wave_id: int) -> HttpResponse:
    """Coordinators: open or close a round (idempotent)."""
    wave = _round(wave_id)
    status = request.POST.get("status", "")
    if status in (WaveStatus.OPEN, WaveStatus.CLOSED):
        practice.set_round_status(wave=wave, status=status, actor=request.user)
    return redirect("web:practice-survey-respondents", wave_id=wave.pk)


@research_required
def export(request: StaffRequest, wave_id: int, fmt: str) -> HttpResponse:
    """Researchers and coordinators: the round's pseudonymous data set (CSV or XLSX)."""
    wave = _round(wave_id)
    if fmt not in FORMATS:
        raise Http404
    data = export_practice_round(
        wave=wave, fmt=fmt, actor=request.user, language=request.LANGUAGE_CODE
    )
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="practice-round-{wave.pk}.{fmt}"'
    return response


@coordinator_required
def paper_entry(request: StaffRequest, wave_id: int) -> HttpResponse:
    """Coordinators type in a paper form of a practice round."""
    wave = _round(wave_id)
    errors: dict[str, list[str]] = {}
    values: dict[str, object] = {}
    if request.method == "POST":
        values = posted_answers(request, wave)
        try:
            practice.enter_paper(
                wave=wave,
                answers=values,
                actor=request.user,
                study_code=request.POST.get("study_code", ""),
                self_code=request.POST.get("self_code", ""),
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            messages.success(request, _("Paper form saved."))
            return redirect("web:practice-survey-paper", wave_id=wave.pk)
    return render(
        request,
        "surveys/practice/paper_entry.html",
        {
            "wave": wave,
            "rows": selectors.survey_questions(wave, request.LANGUAGE_CODE, values),
            "errors": errors,
            "posted": request.POST if request.method == "POST" else {},
            "paper_count": selectors.paper_count(wave),
        },
    )


# The respondent's page (by personal link, no login) --------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, token: str) -> HttpResponse:
    invite = services.invite_for_token(token)
    if invite is None or invite.wave.kind != WaveKind.PRACTICE:
        return render(request, "surveys/public/unknown.html", status=404)
    wave = invite.wave
    with translation.override(invite.language):
        response = selectors.response_of(wave, invite.study_code)
        if response is not None and response.completed_at is not None:
            return render(request, "surveys/public/thanks.html", {"wave": wave})
        if not wave.is_accepting(timezone.now()):
            return render(request, "surveys/public/closed.html", {"wave": wave}, status=410)
        errors: dict[str, str] = {}
        missing: list[str] = []
        saved = False
        values = selectors.answer_values(response)
        if request.method == "POST":
            values = posted_answers(request, wave)
            result = practice.save_answers(
                invite=invite,
                data=values,
                complete=request.POST.get("action") == "submit",
                actor=f"survey:{invite.study_code.code}",
            )
            errors, missing = result.errors, result.missing
            if result.response is not None and result.response.completed_at is not None:
                return redirect("web:practice-survey-take", token=token)
            saved = not errors
            if not errors:
                values = selectors.answer_values(result.response)
        questions = selectors.survey_questions(wave, invite.language, values)
        role_rows = [q for q in questions if q.item.code in ew.ROLE_ITEMS]
        rows = [q for q in questions if q.item.code not in ew.ROLE_ITEMS]
        answered = sum(1 for q in questions if q.value not in (None, "", []))
        return render(
            request,
            "surveys/practice/take.html",
            {
                "wave": wave,
                "role_question": ew.ROLE_QUESTION.get(invite.language, ew.ROLE_QUESTION["nl"]),
                "role_rows": [(q, ew.role_label(q.item.code, invite.language)) for q in role_rows],
                "rows": rows,
                "errors": errors,
                "missing": missing,
                "saved": saved,
                "answered": answered,
                "total": len(questions),
            },
        )
