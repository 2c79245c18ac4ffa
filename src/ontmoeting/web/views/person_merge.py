"""Joining two records of one person from the staff pages (coordinators).

GET finds people by name, e-mail or phone and, once two are chosen (``?keep=…&drop=…``),
shows them side by side with what would move and what blocks; POST merges. Every page that
shows people is audited with who was shown (as the participant list is).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.people.merge import (
    MergeRefused,
    Problem,
    find_people,
    merge_people,
    merge_preview,
    person_side,
)
from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import record
from ontmoeting.web.permissions import StaffRequest, coordinator_required


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name, e-mail address or phone number"), max_length=100)


class PairForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    drop = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MergeForm(PairForm):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I checked that both records are the same person. This cannot be undone."
        ),
        required=True,
    )


def _person(value: object) -> Person | None:
    """The person whose id ``value`` (a query or form value) holds, if any."""
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 16):
        return None
    return Person.objects.filter(pk=int(value)).first()


def _page_url(**params: int | None) -> str:
    query = {key: value for key, value in params.items() if value}
    url = reverse("web:person-merge")
    return f"{url}?{urlencode(query)}" if query else url


@coordinator_required
def person_merge(request: StaffRequest) -> HttpResponse:
    """Pick two records of one person, compare them, and merge the second into the first."""
    if request.method == "POST":
        return _merge(request)
    search = SearchForm(request.GET if "q" in request.GET else None)
    found = find_people(search.cleaned_data["q"]) if search.is_valid() else []
    keep, drop = _person(request.GET.get("keep")), _person(request.GET.get("drop"))
    sides = [person_side(keep) if keep else None, person_side(drop) if drop else None]
    context: dict[str, object] = {
        "search": search,
        "found": found,
        "keep": sides[0],
        "drop": sides[1],
        "sides": sides,
        "q": request.GET.get("q", ""),
    }
    if keep and drop:
        context["preview"] = merge_preview(keep, drop)
        context["form"] = MergeForm(initial={"keep": keep.pk, "drop": drop.pk})
    shown = [p.pk for p in found] + [p.pk for p in (keep, drop) if p is not None]
    if shown:
        record(
            "person.merge_view",
            actor=request.user,
            query=context["q"],
            people=sorted(set(shown)),
        )
    return render(request, "web/people/merge.html", context)


def _merge(request: StaffRequest) -> HttpResponse:
    keep = _person(request.POST.get("keep"))
    drop = _person(request.POST.get("drop"))
    if keep is None or drop is None:
        messages.error(request, Problem("gone").message)
        return redirect(_page_url())
    if not MergeForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that both records are the same person."))
        return redirect(_page_url(keep=keep.pk, drop=drop.pk))
    try:
        result = merge_people(keep=keep, drop=drop, actor=request.user)
    except MergeRefused as refused:
        messages.error(request, str(refused))
        return redirect(_page_url(keep=keep.pk, drop=drop.pk))
    messages.success(
        request,
        _("Record #%(drop)s was merged into #%(keep)s (%(name)s).")
        % {"drop": result.dropped_id, "keep": result.keep.pk, "name": result.keep.full_name},
    )
    return redirect(_page_url(keep=result.keep.pk))
