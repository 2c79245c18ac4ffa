"""'Send me my link' does the same work for every address, and its limits are counted in the
shared database cache on the real client address (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from ontmoeting.messaging.models import LinkRequest, OutboxMessage
from ontmoeting.messaging.sending import send_pending
from ontmoeting.messaging.services import ensure_default_templates
from ontmoeting.web.ratelimit import client_address
from tests.factories import PersonFactory
from tests.messaging.smtp import smtp_server
from tests.web.portal_factories import _clear_rate_limits, expert_in, open_edition

pytestmark = pytest.mark.django_db
__all__ = ["_clear_rate_limits", "smtp_server"]


def statements(client, email: str) -> list[str]:
    """The SQL a "send me my link" request runs, with the values left out."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/me/new-link/", {"email": email})
    assert response.status_code == 200
    shapes = [
        re.sub(r"'[^']*'|\bs\d+_x\d+\b|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries
    ]
    return [s for s in shapes if "django_session" not in s]


def test_a_known_and_an_unknown_address_cost_the_same_queries(client):
    ensure_default_templates()
    expert_in(open_edition(), person=PersonFactory(email="known@example.org"))
    statements(client, "warm-up@example.org")  # first request: session and caches
    known = statements(client, "known@example.org")
    unknown = statements(client, "nobody@example.org")
    assert known == unknown
    assert OutboxMessage.objects.count() == 0  # nothing is looked up during the request
    assert LinkRequest.objects.count() == 3


def test_the_worker_sends_the_link_to_a_known_address_only(client, smtp_server):
    ensure_default_templates()
    expert_in(open_edition(), person=PersonFactory(email="known@example.org"))
    client.post("/me/new-link/", {"email": "known@example.org"})
    client.post("/me/new-link/", {"email": "nobody@example.org"})
    assert send_pending().sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["known@example.org"]
    assert LinkRequest.objects.count() == 0


def test_a_waiting_request_keeps_the_address_sealed(client):
    client.post("/me/new-link/", {"email": "secret.person@example.org"})
    [request] = LinkRequest.objects.all()
    assert "secret.person" not in request.email_sealed


def cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ontmoeting_cache")
        return cursor.fetchone()[0]


def test_the_rate_limit_is_counted_in_the_shared_database_cache(client):
    assert cache_rows() == 0
    client.post("/me/new-link/", {"email": "a@example.org"})
    assert cache_rows() == 2  # one counter for the address, one for the email
    responses = [client.post("/me/new-link/", {"email": f"n{i}@example.org"}) for i in range(20)]
    assert responses[-1].status_code == 429


def test_behind_a_trusted_proxy_the_limit_follows_the_real_client(client, settings):
    settings.ONTMOETING_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    codes = [
        client.post("/me/new-link/", {"email": f"n{i}@example.org"}, **first).status_code
        for i in range(21)
    ]
    assert codes[-2:] == [200, 429]
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post("/me/new-link/", {"email": "x@example.org"}, **other).status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, settings):
    settings.ONTMOETING_TRUSTED_PROXIES = ["10.0.0.5"]
    codes = [
        client.post(
            "/me/new-link/",
            {"email": f"n{i}@example.org"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7",
        ).status_code
        for i in range(21)
    ]
    assert codes[-1] == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "client_ip"),
    [
        ("203.0.113.7", "", [], "203.0.113.7"),
        ("203.0.113.7", "192.0.2.1", [], "203.0.113.7"),  # no proxy trusted: header ignored
        ("203.0.113.7", "192.0.2.1", ["10.0.0.5"], "203.0.113.7"),  # not from the proxy
        ("10.0.0.5", "192.0.2.1", ["10.0.0.5"], "192.0.2.1"),
        ("10.0.0.5", "192.0.2.66, 192.0.2.1", ["10.0.0.5"], "192.0.2.1"),  # left part forged
        ("10.0.0.5", "192.0.2.1, 10.0.0.9", ["10.0.0.0/24"], "192.0.2.1"),  # two proxies
        ("10.0.0.5", "", ["10.0.0.5"], "10.0.0.5"),
    ],
)
def test_client_address(settings, remote, forwarded, trusted, client_ip):
    settings.ONTMOETING_TRUSTED_PROXIES = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == client_ip
