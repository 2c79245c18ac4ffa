"""``ontmoeting outbox send``: one pass, and a loop that stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from ontmoeting.cli import main
from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import queue_message
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _queue():
    participant = ParticipantFactory()
    return queue_message(
        kind="confirmation",
        person=participant.person,
        participant=participant,
        context={},
        actor="test",
    )


def test_outbox_send_delivers_and_reports(smtp_server, capsys):
    _queue()
    assert main(["outbox", "send"]) == 0
    assert "Verzonden 1, uitgesteld 0, mislukt 0." in capsys.readouterr().out
    assert len(smtp_server.messages) == 1


def test_outbox_send_exits_3_when_the_server_is_down(unreachable_smtp, capsys):
    message = _queue()
    assert main(["outbox", "send"]) == 3
    out = capsys.readouterr().out
    assert "uitgesteld 1" in out
    assert "niet bereikbaar" in out
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED


@pytest.mark.django_db(transaction=True)  # the loop closes stale connections between passes
def test_outbox_send_loop_stops_on_sigterm(smtp_server):
    _queue()
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        assert main(["outbox", "send", "--loop", "--interval", "0.05"]) == 0
    finally:
        timer.cancel()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert len(smtp_server.messages) == 1
    assert OutboxMessage.objects.get().status == MessageStatus.SENT
