"""The staff home page is the editions list."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect

from ontmoeting.web.permissions import StaffRequest, staff_required


@staff_required
def home(request: StaffRequest) -> HttpResponse:
    return redirect("web:edition-list")
