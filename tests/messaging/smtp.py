"""A real SMTP server for tests (aiosmtpd on 127.0.0.1 and a free port), collecting messages.

Use the fixtures (import them into a test module or a conftest):

- ``smtp_server``: a running server; ``settings.EMAIL_HOST``/``EMAIL_PORT`` point at it.
  ``smtp_server.messages`` are the received ``email.message.EmailMessage`` objects;
  ``smtp_server.refuse("451 4.3.0 Try later", at="rcpt")`` makes it refuse (``at`` is "rcpt" or
  "data"), ``smtp_server.accept()`` makes it accept again; ``stop()``/``start()`` take it down
  and bring it back on the same port.
- ``unreachable_smtp``: ``EMAIL_PORT`` points at a free port with nothing listening; returns an
  ``SmtpServer`` not yet started, so ``unreachable_smtp.start()`` brings a server up there later.
"""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CollectingHandler:
    """Accepts (or refuses, when told to) and keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse_rcpt: str | None = None
        self.refuse_data: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.refuse_data:
            return self.refuse_data
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A local aiosmtpd server on a fixed port that can be stopped and started again."""

    def __init__(self, port: int | None = None, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port or free_port()
        self.handler = CollectingHandler()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> SmtpServer:
        if self._controller is None:
            controller = Controller(self.handler, hostname=self.host, port=self.port)
            controller.start()
            self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, reply: str = "451 4.3.0 Please try again later", *, at: str = "rcpt") -> None:
        """Refuse every message with ``reply`` at the RCPT or DATA stage."""
        self.accept()
        if at == "rcpt":
            self.handler.refuse_rcpt = reply
        elif at == "data":
            self.handler.refuse_data = reply
        else:
            raise ValueError(at)

    def accept(self) -> None:
        self.handler.refuse_rcpt = self.handler.refuse_data = None


def _point_settings_at(settings, server: SmtpServer) -> None:
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """A running local SMTP server that ``EMAIL_HOST``/``EMAIL_PORT`` point at."""
    server = SmtpServer().start()
    _point_settings_at(settings, server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def unreachable_smtp(settings) -> Iterator[SmtpServer]:
    """``EMAIL_PORT`` points at a port with nothing listening (``.start()`` brings one up)."""
    server = SmtpServer()
    _point_settings_at(settings, server)
    try:
        yield server
    finally:
        server.stop()
