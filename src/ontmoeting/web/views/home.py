"""The staff home page: the editions at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ontmoeting.editions.selectors import edition_overview
from ontmoeting.web.permissions import staff_required


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"editions": edition_overview()})
