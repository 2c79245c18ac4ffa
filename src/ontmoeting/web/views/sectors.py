"""The sectors professionals work in: the three built in, and those the department adds."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.people.models import Sector
from ontmoeting.people.services import SectorError, add_sector
from ontmoeting.web.permissions import StaffRequest, coordinator_required


class SectorForm(forms.Form):
    name_nl = forms.CharField(label=capfirst(gettext_lazy("name (Dutch)")), max_length=100)
    name_en = forms.CharField(
        label=capfirst(gettext_lazy("name (English)")), max_length=100, required=False
    )
    name_it = forms.CharField(
        label=capfirst(gettext_lazy("name (Italian)")), max_length=100, required=False
    )


@coordinator_required
def sector_list(request: StaffRequest) -> HttpResponse:
    """GET: the sectors with their codes. POST: add one."""
    form = SectorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sector = add_sector(**form.cleaned_data, actor=request.user)
        except SectorError as exc:
            form.add_error("name_nl", str(exc))
        else:
            messages.success(request, _("Sector saved: %(name)s.") % {"name": sector.name})
            return redirect("web:sector-list")
    return render(
        request,
        "web/roster/sectors.html",
        {"form": form, "sectors": list(Sector.objects.order_by("name_nl"))},
    )
