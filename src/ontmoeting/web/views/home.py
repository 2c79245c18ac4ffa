"""The staff home page: the editions list, or the day's desks for a helper."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect

from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.web.permissions import StaffRequest, any_staff_required


@any_staff_required
def home(request: StaffRequest) -> HttpResponse:
    if has_role(request.user, StaffRole.HELPER) and not any(
        has_role(request.user, role)
        for role in (StaffRole.COORDINATOR, StaffRole.RESEARCHER, StaffRole.ADMIN)
    ):
        return redirect("web:day-index")
    return redirect("web:edition-list")
