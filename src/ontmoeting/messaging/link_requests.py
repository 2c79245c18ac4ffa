"""'Send me my link' without telling who is registered.

The page that asks for a new link does the same work for every address: it stores a
``LinkRequest`` (the address sealed) and answers at once. The outbox worker resolves the waiting
requests at the start of each pass (``resolve_link_requests``): for a known address it queues
the link (``editions.invitations.send_new_link``), for an unknown one nothing; either way the
request is deleted. So neither the answer nor its timing depends on whether we know the address.
"""

from __future__ import annotations

import logging

from django.db import transaction

from ontmoeting.editions.invitations import send_new_link
from ontmoeting.messaging.models import LinkRequest
from ontmoeting.messaging.sealed import seal, unseal

logger = logging.getLogger(__name__)


def request_link(email: str) -> None:
    """Store a request for a new personal link for ``email`` (the same work for any address)."""
    LinkRequest.objects.create(email_sealed=seal({"email": email.strip().lower()}))


def resolve_link_requests(*, limit: int = 500) -> int:
    """Queue a link for each waiting request whose address we know; delete every request.
    Returns how many requests were resolved."""
    done = 0
    for pk in LinkRequest.objects.values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            request = LinkRequest.objects.select_for_update().filter(pk=pk).first()
            if request is None:  # another worker resolved it
                continue
            email = unseal(request.email_sealed).get("email", "")
            request.delete()
            if email:
                send_new_link(email, actor="portal")
            done += 1
    return done
