"""The audit screen: who read or changed what, for admins."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ontmoeting.privacy.audit_log import audit_entries, object_type_label
from ontmoeting.web.forms.audit import AuditFilterForm
from ontmoeting.web.permissions import StaffRequest, admin_required

PER_PAGE = 50


@admin_required
def audit_log(request: StaffRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(audit_entries(form.query()), PER_PAGE).get_page(request.GET.get("page"))
    types = {entry.object_type for entry in page if entry.object_type}
    labels = {t: object_type_label(t) for t in types}
    return render(request, "web/audit/list.html", {"form": form, "page": page, "labels": labels})
