"""Reads in the Django admin are audited like reads in the staff pages.

``AuditedReadsMixin`` goes first in the bases of a ``ModelAdmin`` holding identities or
special-category data (people, expert profiles): every list or search records which rows were
shown and what was asked, every change page which object was opened.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from ontmoeting.privacy.audit import record


class AuditedReadsMixin:
    """Audit the change list (with the rows shown) and the change page of a ModelAdmin."""

    model: Any

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response: HttpResponse = super().changelist_view(  # type: ignore[misc]
            request, extra_context
        )
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            record(
                "admin.list",
                actor=request.user,
                model=self.model._meta.label_lower,
                query=dict(request.GET.items()),
                ids=[row.pk for row in changelist.result_list],
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response: HttpResponse = super().change_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )
        if response.status_code == 200:
            record(
                "admin.view",
                actor=request.user,
                model=self.model._meta.label_lower,
                object_id=str(object_id),
            )
        return response
