"""What an outbox message becomes as an email: its text with the sealed links put back."""

from __future__ import annotations

from ontmoeting.messaging.sending import build_email


def mail_body(message) -> str:
    """The plain text of the email the worker would hand to the mail server for ``message``."""
    return str(build_email(message, None).body)
