"""Magic links: a GET shows a button, only the POST signs in; distinct pages for bad links."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from ontmoeting.messaging.link_requests import resolve_link_requests
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.privacy.models import AccessToken, AuditEntry
from ontmoeting.privacy.tokens import issue_link
from ontmoeting.web.views.portal.common import SESSION_KEY
from tests.factories import PersonFactory
from tests.messaging.outbox_mail import mail_body
from tests.web.portal_factories import _clear_rate_limits, expert_in, open_edition, path_of

pytestmark = pytest.mark.django_db
__all__ = ["_clear_rate_limits"]


def test_get_on_a_magic_link_shows_a_button_and_does_not_sign_in(client):
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    response = client.get(link)
    assert response.status_code == 200
    assert 'data-testid="sign-in"' in response.content.decode()
    assert SESSION_KEY not in client.session
    assert AccessToken.objects.get().last_used is None
    assert client.get("/me/").status_code == 302
    assert not AuditEntry.objects.filter(action="portal.sign_in").exists()


def test_post_on_a_magic_link_signs_in_with_a_new_session_key(client):
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    client.get(link)
    before = client.session.session_key
    response = client.post(link)
    assert (response.status_code, response["Location"]) == (302, "/me/")
    assert client.session[SESSION_KEY] == participant.pk
    assert client.session.session_key != before
    assert AccessToken.objects.get().last_used is not None
    entry = AuditEntry.objects.get(action="portal.sign_in")
    assert entry.object_id == str(participant.pk)
    assert client.get("/me/").status_code == 200


def test_portal_sign_in_does_not_make_a_staff_login(client):
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    client.post(link)
    assert "_auth_user_id" not in client.session
    assert client.get("/editions/").status_code == 302


def test_magic_link_pages_malformed_expired_unknown_are_distinct(client):
    person = PersonFactory()
    expert_in(open_edition(), person=person)
    expired = path_of(issue_link(person, lifetime=dt.timedelta(seconds=-1)))
    responses = {
        "malformed": client.get("/me/link/too-short/"),
        "unknown": client.get("/me/link/" + "C" * 43 + "/"),
        "expired": client.get(expired),
    }
    assert {k: r.status_code for k, r in responses.items()} == {
        "malformed": 400,
        "unknown": 404,
        "expired": 410,
    }
    for state, response in responses.items():
        html = response.content.decode()
        assert f'data-testid="link-{state}"' in html
        assert 'name="email"' in html  # a form to get a new link
    assert client.post(expired).status_code == 410
    assert SESSION_KEY not in client.session


def test_a_link_for_another_purpose_does_not_sign_in(client):
    participant = expert_in(open_edition())
    raw_path = path_of(issue_link(participant.person, purpose="confirm", participant=participant))
    token = raw_path.rstrip("/").rsplit("/", 1)[1]
    response = client.post(f"/me/link/{token}/")
    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_magic_link_pages_are_not_cached_and_leak_no_path_in_the_referrer(client):
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    for response in (client.get(link), client.get("/me/link/" + "C" * 43 + "/")):
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "strict-origin"


def test_magic_link_post_requires_csrf():
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    client = Client(enforce_csrf_checks=True)
    assert client.post(link).status_code == 403
    assert SESSION_KEY not in client.session


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_request_link_answers_the_same_for_known_and_unknown_addresses(client):
    participant = expert_in(open_edition(), person=PersonFactory(email="known@example.org"))
    known = client.post("/me/new-link/", {"email": "Known@example.org"})
    unknown = client.post("/me/new-link/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert without_csrf(known) == without_csrf(unknown)
    resolve_link_requests()
    message = OutboxMessage.objects.get()
    assert (message.kind, message.recipient, message.participant) == (
        "magic_link",
        "known@example.org",
        participant,
    )
    assert "/me/link/" in mail_body(message)


def test_request_link_is_rate_limited_per_email(client):
    expert_in(open_edition(), person=PersonFactory(email="known@example.org"))
    responses = [client.post("/me/new-link/", {"email": "known@example.org"}) for _ in range(5)]
    assert {r.status_code for r in responses} == {200}
    resolve_link_requests()
    assert OutboxMessage.objects.count() == 3


def test_request_link_is_rate_limited_per_ip(client):
    responses = [client.post("/me/new-link/", {"email": f"n{i}@example.org"}) for i in range(21)]
    assert [r.status_code for r in responses][-2:] == [200, 429]


def test_request_link_bad_email_shows_the_error_next_to_the_field(client):
    response = client.post("/me/new-link/", {"email": "no-at-sign"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="email-error"' in html
    assert OutboxMessage.objects.count() == 0


def test_sign_out_ends_the_portal_session(client):
    participant = expert_in(open_edition())
    link = path_of(issue_link(participant.person, participant=participant))
    client.post(link)
    response = client.post("/me/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get("/me/").status_code == 302
    assert client.get("/me/logout/").status_code == 405
