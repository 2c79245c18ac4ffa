"""Staff change their password, or set a new one through a link by e-mail (sent over SMTP, to a
local test server). Before: staff could neither change nor reset their password."""

from __future__ import annotations

import re

import pytest

from tests.messaging.smtp import smtp_server
from tests.web.signin.helpers import PASSWORD, log_in

pytestmark = pytest.mark.django_db
__all__ = ["smtp_server"]

NEW = "a much longer new passphrase 2026"
LINK = re.compile(r"https://ontmoeting\.example\.org/login/reset/[\w-]+/[\w-]+/")


def test_a_signed_in_staff_member_changes_the_password(client, make_staff):
    make_staff("coordinator")
    log_in(client, "coordinator")
    page = client.get("/account/password/").content.decode()
    assert "Je wachtwoord wijzigen" in page
    refused = client.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert refused.status_code == 200
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.url == "/account/password/done/"
    assert client.get("/editions/").status_code == 200  # still signed in
    client.post("/logout/")
    assert log_in(client, "coordinator").status_code == 200  # the old password no longer works
    assert log_in(client, "coordinator", NEW).status_code == 302


def test_changing_the_password_needs_a_sign_in(client):
    response = client.get("/account/password/")
    assert response.url.startswith("/login/")


def mail_text(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_new_password_by_e_mail(client, make_staff, smtp_server, settings):
    settings.SITE_URL = "https://ontmoeting.example.org"
    # The project's mail backend (pytest-django puts an in-memory one in its place).
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    user = make_staff("coordinator")
    user.email = "coordinator@example.org"
    user.save()
    assert "Wachtwoord vergeten?" in client.get("/login/").content.decode()
    response = client.post("/login/reset/", {"email": "Coordinator@example.org"})
    assert response.status_code == 302
    assert "Kijk in je mailbox" in client.get(response.url).content.decode()
    [mail] = smtp_server.messages
    assert mail["To"] == "coordinator@example.org"
    assert mail["Subject"] == "Een nieuw wachtwoord voor ontmoeting instellen"
    text = mail_text(mail)
    assert "Hallo coordinator," in text
    assert "testserver" not in text  # the link points at SITE_URL, not the request's Host
    link = LINK.search(text).group(0).removeprefix("https://ontmoeting.example.org")
    form = client.get(link, follow=True)
    assert "Het nieuwe wachtwoord opslaan" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.url == "/login/reset/done/"
    assert log_in(client, "coordinator", NEW).status_code == 302
    client.post("/logout/")
    used = client.get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in used


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    client, make_staff, smtp_server, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    make_staff("coordinator")
    response = client.post("/login/reset/", {"email": "nobody@example.org"})
    assert response.url == "/login/reset/sent/"
    assert smtp_server.messages == []


def test_reset_requests_are_limited_per_address_and_per_client(
    client, make_staff, smtp_server, settings
):
    """A colleague's mailbox cannot be flooded, nor the form hammered from one client."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    user = make_staff("coordinator")
    user.email = "coordinator@example.org"
    user.save()
    for _ in range(5):
        response = client.post("/login/reset/", {"email": "coordinator@example.org"})
        assert response.url == "/login/reset/sent/"  # the same page every time
    assert len(smtp_server.messages) == 3  # then no more mail for that address this hour

    answers = [
        client.post("/login/reset/", {"email": f"someone{n}@example.org"}).status_code
        for n in range(20)
    ]
    assert answers[:15] == [302] * 15
    assert answers[-1] == 429
    assert (
        "Probeer het over een uur opnieuw"
        in client.post("/login/reset/", {"email": "x@example.org"}).content.decode()
    )
