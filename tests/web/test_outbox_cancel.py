"""The outbox: search by name, e-mail or subject; cancel one, a selection or all matching."""

from __future__ import annotations

import pytest

from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import queue_message, send_pending
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.messaging.smtp import smtp_server

__all__ = ["smtp_server"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def _message(edition, *, first_name, email, kind="confirmation"):
    person = PersonFactory(first_name=first_name, last_name="Peeters", email=email, language="nl")
    participant = ParticipantFactory(edition=edition, person=person)
    return queue_message(
        kind=kind,
        person=person,
        participant=participant,
        context={"link": "https://example.org/l"},
        actor="test",
    )


def _shown(response):
    return [m.pk for m in response.context["page"].object_list]


def test_search_finds_by_name_email_and_subject(coordinator):
    edition = EditionFactory()
    anna = _message(edition, first_name="Anna", email="anna@example.org")
    bert = _message(edition, first_name="Bert", email="b.claes@mail.test")
    base = f"/editions/{edition.pk}/messages/"
    assert _shown(coordinator.get(base, {"q": "anna"})) == [anna.pk]
    assert _shown(coordinator.get(base, {"q": "mail.test"})) == [bert.pk]
    word = anna.subject.split()[0]
    expected = sorted(m.pk for m in (anna, bert) if word.lower() in m.subject.lower())
    assert sorted(_shown(coordinator.get(base, {"q": word}))) == expected
    assert _shown(coordinator.get(base, {"q": "nobody-like-this"})) == []
    assert AuditEntry.objects.filter(action="message.search").count() == 4


def test_cancel_ticked_messages_only_cancels_queued_ones(coordinator):
    edition = EditionFactory()
    anna = _message(edition, first_name="Anna", email="anna@example.org")
    bert = _message(edition, first_name="Bert", email="bert@example.org")
    sent = _message(edition, first_name="Carl", email="carl@example.org")
    OutboxMessage.objects.filter(pk=sent.pk).update(status=MessageStatus.SENT)
    other = _message(EditionFactory(year=2025), first_name="Dora", email="dora@example.org")
    response = coordinator.post(
        f"/editions/{edition.pk}/messages/cancel/",
        {"scope": "selected", "message": [anna.pk, sent.pk, other.pk]},
        follow=True,
    )
    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses == {
        anna.pk: MessageStatus.CANCELLED,
        bert.pk: MessageStatus.QUEUED,
        sent.pk: MessageStatus.SENT,
        other.pk: MessageStatus.QUEUED,
    }
    assert "1 bericht geannuleerd" in response.content.decode()
    entry = AuditEntry.objects.get(action="message.cancel")
    assert (entry.data["count"], entry.data["messages"]) == (1, [anna.pk])


def test_cancel_all_matching_follows_the_filter_exactly(coordinator):
    edition = EditionFactory()
    annas = [_message(edition, first_name="Anna", email=f"anna{i}@example.org") for i in range(3)]
    bert = _message(edition, first_name="Bert", email="bert@example.org")
    response = coordinator.post(
        f"/editions/{edition.pk}/messages/cancel/",
        {"scope": "filter", "q": "anna", "status": "queued"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?q=anna&status=queued")
    cancelled = set(
        OutboxMessage.objects.filter(status=MessageStatus.CANCELLED).values_list("pk", flat=True)
    )
    assert cancelled == {m.pk for m in annas}
    bert.refresh_from_db()
    assert bert.status == MessageStatus.QUEUED
    # Cancelled messages stay visible, filterable as cancelled.
    page = coordinator.get(f"/editions/{edition.pk}/messages/", {"status": "cancelled"})
    assert sorted(_shown(page)) == sorted(m.pk for m in annas)
    assert "geannuleerd" in page.content.decode()


def test_a_cancelled_message_is_never_sent(coordinator, smtp_server):
    edition = EditionFactory()
    anna = _message(edition, first_name="Anna", email="anna@example.org")
    bert = _message(edition, first_name="Bert", email="bert@example.org")
    coordinator.post(
        f"/editions/{edition.pk}/messages/cancel/", {"scope": "selected", "message": [anna.pk]}
    )
    report = send_pending()
    assert report.sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["bert@example.org"]
    report = send_pending()  # nor on a later pass
    assert (report.sent, len(smtp_server.messages)) == (0, 1)
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert (anna.status, anna.attempts, bert.status) == (
        MessageStatus.CANCELLED,
        0,
        MessageStatus.SENT,
    )


def test_cancel_is_post_only_and_coordinators_only(client, make_staff):
    edition = EditionFactory()
    anna = _message(edition, first_name="Anna", email="anna@example.org")
    url = f"/editions/{edition.pk}/messages/cancel/"
    for role in ("researcher", "admin"):
        client.force_login(make_staff(role))
        assert client.post(url, {"scope": "filter"}).status_code == 403
    client.force_login(make_staff("coordinator", username="c2"))
    assert client.get(url).status_code == 405
    anna.refresh_from_db()
    assert anna.status == MessageStatus.QUEUED
