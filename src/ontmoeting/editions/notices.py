"""Messages the editions app sends, through the outbox a higher app provides.

The editions app sits below messaging, so it cannot queue a message itself. The messaging app
registers its outbox here (``messaging.services.queue_message``, in its ``AppConfig.ready()``);
``queue_notice`` hands each message to it, inside the caller's transaction. Without an outbox
``queue_notice`` raises: a message is never dropped in silence.
"""

from __future__ import annotations

from typing import Any, Protocol

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import Actor


class Outbox(Protocol):
    """Queue a message of ``kind`` for ``person``, rendered in their language."""

    def __call__(
        self,
        *,
        kind: str,
        person: Person,
        edition: Edition | None = None,
        participant: Participant | None = None,
        context: dict[str, Any],
        actor: Actor,
    ) -> object: ...


_OUTBOX: list[Outbox] = []


def register_outbox(outbox: Outbox) -> None:
    """Make ``outbox`` the one that queues the editions app's messages (replacing any other)."""
    _OUTBOX[:] = [outbox]


def queue_notice(
    kind: str,
    *,
    person: Person,
    actor: Actor,
    edition: Edition | None = None,
    participant: Participant | None = None,
    context: dict[str, Any] | None = None,
) -> object:
    """Queue a message of ``kind`` (a ``MessageKind`` value of the messaging app) for ``person``."""
    if not _OUTBOX:
        raise RuntimeError("No outbox is registered: the messaging app registers it when ready.")
    return _OUTBOX[0](
        kind=kind,
        person=person,
        edition=edition,
        participant=participant,
        context=context or {},
        actor=actor,
    )
