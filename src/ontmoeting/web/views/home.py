"""The staff home page: the editions list, the day's desks for a helper, or the payment files
of the latest edition for a finance user."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect

from ontmoeting.editions.models import Edition
from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.web.permissions import StaffRequest, any_staff_required


@any_staff_required
def home(request: StaffRequest) -> HttpResponse:
    if any(
        has_role(request.user, role)
        for role in (StaffRole.COORDINATOR, StaffRole.RESEARCHER, StaffRole.ADMIN)
    ):
        return redirect("web:edition-list")
    if has_role(request.user, StaffRole.HELPER):
        return redirect("web:day-index")
    latest = Edition.objects.order_by("-date").values_list("pk", flat=True).first()
    if has_role(request.user, StaffRole.FINANCE) and latest is not None:
        return redirect("web:expenses-batches", latest)
    return redirect("web:edition-list")
