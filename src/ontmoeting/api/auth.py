"""Who calls the API: a personal token (``Authorization: Bearer ont_…``) or the browser session.

Either way the caller gets the scopes their roles allow now; a token only those of its own
scopes that are among them. Every authenticated request counts toward the caller's rate limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from ontmoeting.api.throttle import check_rate
from ontmoeting.privacy.api_tokens import allowed_scopes, authenticate, granted_scopes
from ontmoeting.privacy.models import ApiToken


@dataclass(frozen=True)
class Caller:
    """The user behind a request, the token they used (None for a session) and their scopes."""

    user: User
    token: ApiToken | None
    scopes: frozenset[str]

    def audit_data(self) -> dict[str, str]:
        """How the caller came in, for the audit log."""
        return {"via": "api", "token": self.token.prefix if self.token else "session"}


class TokenAuth(HttpBearer):
    """A personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = authenticate(token)
        if found is None:
            return None
        check_rate(f"token:{found.prefix}")
        return Caller(found.user, found, granted_scopes(found))


class SessionAuth(APIKeyCookie):
    """The staff member signed in in this browser (CSRF checked for writes)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
            return None
        check_rate(f"user:{user.pk}")
        return Caller(user, None, frozenset(allowed_scopes(user)))


AUTH = [TokenAuth(), SessionAuth()]


def caller(request: HttpRequest, scope: str) -> Caller:
    """The request's caller, who must hold ``scope`` (else 403)."""
    found: Any = getattr(request, "auth", None)
    assert isinstance(found, Caller)
    if scope not in found.scopes:
        raise HttpError(403, f"This needs the scope {scope}, which this caller does not hold.")
    return found
