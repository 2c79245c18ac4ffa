"""Context shared by every page: the user's roles."""

from __future__ import annotations

from django.http import HttpRequest

from ontmoeting.web.permissions import user_roles


def roles(request: HttpRequest) -> dict[str, dict[str, bool]]:
    return {"roles": user_roles(request)}
