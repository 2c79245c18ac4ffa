"""The mixed tables of a co-creation meeting: plan them, read them, print them, and keep the
harvest (thin: the cocreation app does the work; coordinators only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.cocreation.documents import DOCUMENTS
from ontmoeting.cocreation.models import TablePlan
from ontmoeting.cocreation.selectors import harvest_rows, harvest_sheet, table_plan_view
from ontmoeting.cocreation.tables import NothingToSeat, plan_tables, plan_violations, save_note
from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.tabular import csv_bytes, xlsx_bytes
from ontmoeting.web.permissions import StaffRequest, coordinator_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TablesForm(forms.Form):
    """How to seat the meeting: rounds, table sizes, a co-facilitator per table."""

    rounds = forms.IntegerField(
        label=gettext_lazy("Rounds of table conversations"), initial=2, min_value=1, max_value=6
    )
    min_size = forms.IntegerField(
        label=gettext_lazy("Smallest table (facilitator included)"),
        initial=5,
        min_value=2,
        max_value=30,
    )
    max_size = forms.IntegerField(
        label=gettext_lazy("Largest table (facilitator included)"),
        initial=8,
        min_value=2,
        max_value=30,
    )
    co_facilitator = forms.BooleanField(
        label=gettext_lazy("A professional co-facilitates every table"),
        required=False,
        initial=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("min_size"), data.get("max_size")
        if low and high and low > high:
            raise forms.ValidationError(_("The smallest table cannot be larger than the largest."))
        return data


class NoteForm(forms.Form):
    round = forms.IntegerField(min_value=1, max_value=99, widget=forms.HiddenInput)
    table = forms.IntegerField(min_value=1, max_value=999, widget=forms.HiddenInput)
    text = forms.CharField(
        label=gettext_lazy("What this table said"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in ("nl", "en", "it") else "nl"


def _edition(edition_id: int) -> Edition:
    edition = get_object_or_404(Edition, pk=edition_id)
    if edition.format != Format.CO_CREATION:
        raise Http404(_("Tables are planned for co-creation meetings only."))
    return edition


def _plan(edition: Edition, version: int) -> TablePlan:
    plan = get_object_or_404(TablePlan, edition=edition, version=version)
    plan.edition = edition
    return plan


def _attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def _page(
    request: StaffRequest, edition: Edition, form: TablesForm, status: int = 200
) -> HttpResponse:
    plans = list(edition.table_plans.order_by("-version"))
    return render(
        request,
        "cocreation/tables.html",
        {"edition": edition, "form": form, "plans": plans},
        status=status,
    )


@coordinator_required
def tables(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The "Tables" page: the settings of a run and every version made so far."""
    edition = _edition(edition_id)
    return _page(request, edition, TablesForm())


@coordinator_required
@require_POST
def tables_make(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Seat the meeting now (it is small) and show the new version."""
    edition = _edition(edition_id)
    form = TablesForm(request.POST)
    if not form.is_valid():
        return _page(request, edition, form, status=400)
    data = form.cleaned_data
    try:
        plan, _result = plan_tables(
            edition,
            actor=request.user,
            rounds=data["rounds"],
            min_size=data["min_size"],
            max_size=data["max_size"],
            co_facilitator=data["co_facilitator"],
        )
    except NothingToSeat as error:
        form.add_error(None, str(error))
        return _page(request, edition, form, status=400)
    return redirect("web:tables-detail", edition_id=edition.pk, version=plan.version)


@coordinator_required
def tables_detail(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    """One version: each round's tables with facilitator, co-facilitator and members, and its
    violations worded with names."""
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    record("tables.view", actor=request.user, obj=plan, version=plan.version)
    view = table_plan_view(plan, violations=plan_violations(plan))
    return render(
        request,
        "cocreation/tables_detail.html",
        {"edition": edition, "plan": plan, "view": view, "documents": DOCUMENTS},
    )


@coordinator_required
def tables_harvest(request: StaffRequest, edition_id: int, version: int) -> HttpResponse:
    """The harvest: a notes form per round and table, kept on the day by staff."""
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_note(
                    plan,
                    round=data["round"],
                    table=data["table"],
                    text=data["text"],
                    actor=request.user,
                )
            except ValueError as error:
                raise Http404(str(error)) from error
            messages.success(
                request,
                _("Notes of table %(table)s, round %(round)s saved.")
                % {"table": data["table"], "round": data["round"]},
            )
            url = reverse("web:tables-harvest", args=[edition.pk, plan.version])
            return redirect(f"{url}#notes-{data['round']}-{data['table']}")
        messages.error(request, _("The notes could not be saved."))
    view = table_plan_view(plan, with_findings=False)
    return render(
        request, "cocreation/harvest.html", {"edition": edition, "plan": plan, "view": view}
    )


@coordinator_required
def tables_harvest_export(
    request: StaffRequest, edition_id: int, version: int, fmt: str
) -> HttpResponse:
    """The harvest as a spreadsheet, through the one writer."""
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    record("tables.harvest_export", actor=request.user, obj=plan, format=fmt)
    stem = f"oogst-{edition.year}-v{plan.version}"
    if fmt == "csv":
        content = csv_bytes(*harvest_rows(plan))
        return _attachment(content, filename=f"{stem}.csv", content_type="text/csv")
    content = xlsx_bytes([harvest_sheet(plan)])
    return _attachment(content, filename=f"{stem}.xlsx", content_type=XLSX)


@coordinator_required
def tables_document(
    request: StaffRequest, edition_id: int, version: int, kind: str
) -> HttpResponse:
    """Table cards, badges or facilitator sheets of one version, as PDF."""
    edition = _edition(edition_id)
    plan = _plan(edition, version)
    if kind not in DOCUMENTS:
        raise Http404
    stem, make = DOCUMENTS[kind]
    content = make(plan, language=_language())
    record("tables.document", actor=request.user, obj=plan, kind=kind, version=plan.version)
    return _attachment(
        content,
        filename=f"{stem}-{edition.year}-v{plan.version}.pdf",
        content_type="application/pdf",
    )
