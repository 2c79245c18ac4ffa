"""The outbox never keeps a live link: the text holds a marker, the link is sealed, the email
that leaves over SMTP carries a working link, and staff read "persoonlijke link (verborgen)"."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from ontmoeting.editions.invitations import invite_person, send_new_link
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.sealed import unseal
from ontmoeting.messaging.sending import send_pending
from ontmoeting.messaging.services import ensure_default_templates, queue_message
from ontmoeting.web.views.portal.common import SESSION_KEY
from tests.factories import PersonFactory
from tests.messaging.smtp import smtp_server
from tests.web.portal_factories import _clear_rate_limits, expert_in, open_edition, path_of

pytestmark = pytest.mark.django_db
__all__ = ["_clear_rate_limits", "smtp_server"]

LINK = re.compile(r"https?://[^\s<>\"]+/(?:me/link|register)/([A-Za-z0-9_-]{43})/")


def text_columns() -> list[str]:
    return [
        f.name
        for f in OutboxMessage._meta.get_fields()
        if isinstance(f, (models.CharField, models.TextField))
    ]


def stored_text() -> str:
    """Every text column of every outbox row, as one string."""
    rows = OutboxMessage.objects.values_list(*text_columns())
    return "\n".join(str(value) for row in rows for value in row)


def mail_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_no_live_token_is_stored_and_the_sent_mail_carries_a_working_link(smtp_server):
    ensure_default_templates()
    participant = expert_in(open_edition(), person=PersonFactory(email="marleen@example.org"))
    send_new_link("marleen@example.org", actor="portal")
    invite_person(edition=open_edition(year=2031), person=participant.person, actor="test")
    assert send_pending().sent == 2
    tokens = [LINK.search(mail_text(mail)).group(1) for mail in smtp_server.messages]
    assert len(set(tokens)) == 2
    stored = stored_text()
    assert not any(token in stored for token in tokens)
    assert not LINK.search(stored)
    magic = next(
        LINK.search(mail_text(m)).group(0)
        for m in smtp_server.messages
        if "/me/link/" in mail_text(m)
    )
    client = Client()
    assert client.post(path_of(magic)).status_code == 302
    assert client.session[SESSION_KEY] == participant.pk


def test_the_html_part_of_the_mail_links_to_the_same_working_link(smtp_server):
    ensure_default_templates()
    expert_in(open_edition(), person=PersonFactory(email="marleen@example.org"))
    send_new_link("marleen@example.org", actor="portal")
    send_pending()
    [mail] = smtp_server.messages
    html = mail.get_body(preferencelist=("html",)).get_content()
    link = LINK.search(mail_text(mail)).group(0)
    assert f'href="{link}"' in html
    assert "\u27e6" not in html + mail_text(mail)


def test_the_coordinators_message_page_shows_the_link_hidden(client, make_staff):
    ensure_default_templates()
    participant = expert_in(open_edition(), person=PersonFactory(email="marleen@example.org"))
    send_new_link("marleen@example.org", actor="portal")
    message = OutboxMessage.objects.get()
    client.force_login(make_staff("coordinator"))
    html = client.get(f"/editions/{participant.edition_id}/messages/{message.pk}/").content.decode()
    assert "persoonlijke link (verborgen)" in html
    assert "/me/link/" not in html
    assert unseal(message.sealed_links)["link"] not in html


def test_a_message_queued_with_a_link_keeps_only_a_marker_in_its_text():
    ensure_default_templates()
    person = PersonFactory(email="ada@example.org")
    message = queue_message(
        kind="magic_link",
        person=person,
        context={"link": "https://x.example/me/link/abc/"},
        actor="t",
    )
    assert "https://x.example" not in message.body_text + message.body_html
    assert "\u27e6link\u27e7" in message.body_text
    assert unseal(message.sealed_links) == {"link": "https://x.example/me/link/abc/"}


def test_the_migration_seals_the_links_of_messages_already_stored():
    from importlib import import_module

    seal_existing = import_module("ontmoeting.messaging.migrations.0004_sealed_links").seal_existing
    link = "http://127.0.0.1:8000/me/link/" + "A" * 43 + "/"
    message = OutboxMessage.objects.create(
        kind="magic_link",
        language="nl",
        recipient="ada@example.org",
        subject="Uw link",
        body_text=f"Beste Ada,\n{link}\n",
        body_html=f'<p><a href="{link}">{link}</a></p>',
        message_id="<m1@example.org>",
    )
    seal_existing(apps, None)
    message.refresh_from_db()
    assert "A" * 43 not in stored_text()
    assert unseal(message.sealed_links) == {"link": link}
