"""What messaging holds on a person, for their copy and their erasure (``privacy/subject.py``)."""

from __future__ import annotations

from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.people.models import Person
from ontmoeting.privacy.subject import Rows


def message_rows(person: Person) -> Rows:
    rows = OutboxMessage.objects.filter(person=person).order_by("created")
    return [
        {
            "kind": m.kind,
            "status": m.status,
            "to": m.recipient,
            "subject": m.subject,
            "created": m.created,
            "sent": m.sent_at,
        }
        for m in rows
    ]


def erase_messages(person: Person) -> int:
    """Delete every message to the person (with its send attempts); returns how many."""
    return OutboxMessage.objects.filter(person=person).delete()[1].get(OutboxMessage._meta.label, 0)
