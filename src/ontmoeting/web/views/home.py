"""The staff home page is the editions list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ontmoeting.web.permissions import staff_required


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("web:edition-list")
