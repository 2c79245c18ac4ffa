"""The outbox worker delivers over real SMTP, retries with backoff and never sends twice."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from ontmoeting.editions.models import Venue
from ontmoeting.messaging.enums import AttemptResult, MessageStatus
from ontmoeting.messaging.models import OutboxMessage, SendAttempt
from ontmoeting.messaging.sending import LEASE, backoff, build_email, claim_next, open_connection
from ontmoeting.messaging.services import queue_message, send_pending
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _queue(person=None, *, kind="confirmation", **context):
    person = person or PersonFactory(language="nl")
    venue, _created = Venue.objects.get_or_create(name="Campus Zuid", town="Gent")
    edition = EditionFactory(venue=venue)
    participant = ParticipantFactory(person=person, edition=edition, role="expert")
    return queue_message(
        kind=kind,
        person=person,
        participant=participant,
        context={"link": "https://example.org/p/abc", **context},
        actor="test",
    )


def test_send_pending_delivers_in_the_persons_language(smtp_server):
    person = PersonFactory(first_name="Giulia", email="giulia@example.org", language="it")
    message = _queue(person)

    report = send_pending()

    assert (report.sent, report.deferred, report.failed) == (1, 0, 0)
    [received] = smtp_server.messages
    assert received["To"] == "giulia@example.org"
    assert received["Subject"] == "La sua iscrizione per il 10 dicembre 2026"
    assert received["Message-ID"] == message.message_id
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert text.startswith("Gentile Giulia,")
    assert "Campus Zuid, Gent" in text
    assert '<a href="https://example.org/p/abc">' in html
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 1, "")
    assert message.sent_at is not None
    assert list(message.tries.values_list("result", flat=True)) == [AttemptResult.SENT]


def test_send_pending_sends_nothing_twice_on_a_second_pass(smtp_server):
    _queue()
    send_pending()
    report = send_pending()
    assert report.attempted == 0
    assert len(smtp_server.messages) == 1


def test_refusing_server_keeps_the_message_and_retries_with_backoff(smtp_server):
    message = _queue()
    smtp_server.refuse("451 4.3.0 Mailbox busy, try later", at="rcpt")
    now = timezone.now()

    report = send_pending(now=now)

    assert (report.sent, report.deferred) == (0, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at == now + dt.timedelta(minutes=1)
    assert "451" in message.last_error
    # Not due yet: nothing happens before the backoff ends.
    assert send_pending(now=now + dt.timedelta(seconds=30)).attempted == 0
    # Refused again at DATA: the next delay is five times longer.
    smtp_server.refuse("421 4.7.0 Too busy", at="data")
    send_pending(now=now + dt.timedelta(minutes=1))
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == now + dt.timedelta(minutes=1) + dt.timedelta(minutes=5)

    smtp_server.accept()
    send_pending(now=now + dt.timedelta(minutes=6))
    send_pending(now=now + dt.timedelta(minutes=60))

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(smtp_server.messages) == 1
    assert list(message.tries.values_list("result", flat=True)) == [
        AttemptResult.DEFERRED,
        AttemptResult.DEFERRED,
        AttemptResult.SENT,
    ]


def test_unreachable_server_keeps_messages_until_it_is_back(unreachable_smtp):
    first, second = _queue(), _queue()
    now = timezone.now()

    report = send_pending(now=now)

    assert report.deferred == 1
    assert report.stopped_early
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.QUEUED}
    attempt = SendAttempt.objects.get()
    assert attempt.result == AttemptResult.DEFERRED
    assert "Connection" in attempt.error or "refused" in attempt.error.lower()

    unreachable_smtp.start()
    report = send_pending(now=now + dt.timedelta(minutes=2))

    assert report.sent == 2
    assert sorted(m["Message-ID"] for m in unreachable_smtp.messages) == sorted(
        [first.message_id, second.message_id]
    )
    assert send_pending(now=now + dt.timedelta(hours=3)).attempted == 0
    assert len(unreachable_smtp.messages) == 2


def test_permanent_refusal_fails_at_once(smtp_server):
    message = _queue()
    smtp_server.refuse("550 5.1.1 No such user", at="rcpt")
    report = send_pending()
    message.refresh_from_db()
    assert (report.failed, message.status) == (1, MessageStatus.FAILED)
    assert "550" in message.last_error


def test_a_message_fails_after_the_last_attempt(unreachable_smtp, settings):
    settings.ONTMOETING_OUTBOX_MAX_ATTEMPTS = 3
    message = _queue()
    now = timezone.now()
    for _ in range(4):
        send_pending(now=now)
        now += dt.timedelta(days=2)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 3)
    assert message.tries.count() == 3


def test_backoff_grows_fivefold_and_is_capped():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [dt.timedelta(minutes=m) for m in (1, 5, 25, 125)]
    assert backoff(20) == dt.timedelta(days=1)


def test_a_claimed_message_cannot_be_claimed_again():
    message = _queue()
    now = timezone.now()
    claimed = claim_next(now=now)
    assert claimed is not None
    assert claimed[0].pk == message.pk
    assert claim_next(now=now) is None


def test_crash_after_the_server_accepted_is_not_resent(smtp_server):
    """The ambiguous window: the server said 250, the worker died before marking it sent."""
    message = _queue()
    now = timezone.now()
    claimed, _token = claim_next(now=now)
    SendAttempt.objects.create(message=claimed, started=now, result=AttemptResult.STARTED)
    build_email(
        claimed, open_connection()
    ).send()  # the server accepted it … and the worker "crashes"
    assert len(smtp_server.messages) == 1

    # Within the lease nobody touches it; after the lease the next pass flags it.
    assert send_pending(now=now + dt.timedelta(minutes=1)).attempted == 0
    report = send_pending(now=now + LEASE + dt.timedelta(seconds=1))

    assert (report.uncertain, report.attempted) == (1, 0)
    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "may have been delivered" in message.last_error
    assert list(message.tries.values_list("result", flat=True)) == [AttemptResult.UNCERTAIN]


def test_crash_before_contacting_the_server_is_queued_again(smtp_server):
    message = _queue()
    now = timezone.now()
    claim_next(now=now)  # claimed, then the worker dies before opening a connection

    report = send_pending(now=now + LEASE + dt.timedelta(seconds=1))

    assert (report.requeued, report.sent) == (1, 1)
    assert [m["Message-ID"] for m in smtp_server.messages] == [message.message_id]


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_send_a_message_twice(smtp_server):
    messages = [_queue(PersonFactory(email=f"p{i}@example.org")) for i in range(12)]
    if connection.vendor == "sqlite":
        # The in-memory shared-cache test database raises "table is locked" at once instead of
        # waiting; SQLite's claim (the conditional UPDATE) is covered by the test above.
        pytest.skip("concurrent writers need PostgreSQL")
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def worker():
        try:
            start.wait()
            send_pending()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    ids = sorted(m["Message-ID"] for m in smtp_server.messages)
    assert ids == sorted(m.message_id for m in messages)
    assert SendAttempt.objects.filter(result=AttemptResult.SENT).count() == 12
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
