"""The Django admin behind the staff sign-in: the same login page (with its lockout), and the
same second factor. It has no login form of its own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from ontmoeting.web.signin.session import verified


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        """Staff who gave their second factor in this session (the admin shows every identity)."""
        user = request.user
        return super().has_permission(request) and verified(user)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The staff login page; a signed-in user the admin does not admit gets 403."""
        if request.user.is_authenticated:
            raise PermissionDenied
        wanted = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(wanted)
