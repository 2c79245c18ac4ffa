"""The API's test world: staff per role, a token maker and a client that sends a token."""

from __future__ import annotations

import pytest
from django.test import Client

from ontmoeting.privacy.api_tokens import SCOPE_ROLES, allowed_scopes, create_token


@pytest.fixture
def token_for(make_staff):
    """A token for a new staff user of ``role`` with ``scopes`` (default: all they may hold)."""

    def make(role: str, scopes: list[str] | None = None, username: str | None = None) -> str:
        user = make_staff(role, username or f"api-{role}")
        return create_token(user, name="test", scopes=scopes or allowed_scopes(user)).text

    return make


@pytest.fixture
def caller_for(make_staff, token_for):
    """A client for ``role``: by token, or by a signed-in session for a role that may hold no
    token (an admin)."""

    def make(role: str):
        if role == "admin":
            client = ApiClient(None)
            client.client.force_login(make_staff(role, "api-admin"))
            return client
        return ApiClient(token_for(role))

    return make


class ApiClient:
    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: dict):
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api():
    return ApiClient


ALL_SCOPES = tuple(SCOPE_ROLES)
