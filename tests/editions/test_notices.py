"""The editions app's messages go through the outbox the messaging app registers."""

from __future__ import annotations

import pytest

from ontmoeting.editions import notices
from ontmoeting.editions.notices import queue_notice
from ontmoeting.messaging.models import OutboxMessage
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_notice_is_queued_in_the_messaging_outbox():
    participant = ParticipantFactory(role="expert", status="registered")
    message = queue_notice(
        "confirmation",
        person=participant.person,
        participant=participant,
        context={"link": "https://example.org/x"},
        actor="test",
    )
    assert list(OutboxMessage.objects.all()) == [message]
    assert (message.kind, message.edition, message.participant) == (
        "confirmation",
        participant.edition,
        participant,
    )


def test_without_an_outbox_a_notice_is_refused_not_dropped(monkeypatch):
    participant = ParticipantFactory()
    monkeypatch.setattr(notices, "_OUTBOX", [])
    with pytest.raises(RuntimeError):
        queue_notice("confirmation", person=participant.person, actor="test")
    assert not OutboxMessage.objects.exists()
