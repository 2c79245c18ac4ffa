"""A person's rights from the staff pages: their copy (coordinators), their erasure (admins)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ontmoeting.documents.person_copy import person_copy_pdf
from ontmoeting.editions.models import Edition
from ontmoeting.editions.participants import edition_participant
from ontmoeting.editions.subject import person_by_reference
from ontmoeting.privacy.subject import erase_person, person_copy
from ontmoeting.web.permissions import StaffRequest, admin_required, coordinator_required


@coordinator_required
def participant_copy(
    request: StaffRequest, edition_id: int, participant_id: int, fmt: str
) -> HttpResponse:
    """The participant's person's data as JSON or PDF, to hand to them (audited)."""
    edition = get_object_or_404(Edition, pk=edition_id)
    participant = edition_participant(edition, participant_id)
    if participant is None or fmt not in ("json", "pdf"):
        raise Http404
    copy = person_copy(participant.person, actor=request.user)
    name = f"person-{participant.person_id}-{copy.made:%Y%m%d}"
    if fmt == "json":
        body = json.dumps(copy.as_json(), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        pdf = person_copy_pdf(copy, language=get_language() or "nl")
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class ErasureForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("E-mail address or participant reference"), max_length=254
    )
    year = forms.IntegerField(
        label=gettext_lazy("Edition (year), for a participant reference"),
        required=False,
        min_value=2000,
        max_value=2100,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that erasing cannot be undone."), required=True
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        reference = data.get("reference")
        if isinstance(reference, str):
            year = data.get("year")
            person = person_by_reference(reference, year=year if isinstance(year, int) else None)
            if person is None:
                raise forms.ValidationError(_("No person found for this reference."))
            data["person"] = person
        return data


@admin_required
def erasure(request: StaffRequest) -> HttpResponse:
    """Erase one person on request; only pseudonymous research data stays (audited)."""
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        counts = erase_person(form.cleaned_data["person"], actor=request.user)
        removed = sum(counts.values())
        messages.success(
            request, _("The person was erased (%(n)s items removed).") % {"n": removed}
        )
        return redirect("web:erasure")
    return render(request, "web/staff/erasure.html", {"form": form})
