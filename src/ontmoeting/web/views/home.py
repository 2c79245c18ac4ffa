"""The staff home page: the editions at a glance (full pages come with the web-app issue)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ontmoeting.editions.selectors import edition_overview
from ontmoeting.privacy.roles import StaffRole, has_role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    show_identities = has_role(request.user, StaffRole.COORDINATOR)
    return render(
        request,
        "web/home.html",
        {"editions": edition_overview(), "show_identities": show_identities},
    )
