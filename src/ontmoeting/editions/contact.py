"""Whom participants contact with a question: the edition's coordinators.

Every participant page and every message carries it. Pages that know no edition (a new-link
request, a broken link) show the contact of the edition people are most likely asking about:
the next one to come, else the most recent one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import EditionStatus
from ontmoeting.editions.models import Edition


@dataclass(frozen=True)
class Contact:
    """A name (may be empty), a phone number and an email address (at least one of the two)."""

    name: str
    phone: str
    email: str

    @property
    def phone_link(self) -> str:
        """The number for a ``tel:`` link: digits and a leading + only."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


def contact_of(edition: Edition | None) -> Contact | None:
    """The edition's contact for participants, or None when it has none."""
    if edition is None or not edition.has_contact:
        return None
    return Contact(
        name=edition.contact_name, phone=edition.contact_phone, email=edition.contact_email
    )


def current_contact(today: dt.date | None = None) -> Contact | None:
    """The contact of the next edition to come (else the latest one) that has a contact."""
    today = today or timezone.localdate()
    editions = Edition.objects.exclude(status=EditionStatus.ARCHIVED).exclude(
        contact_phone="", contact_email=""
    )
    edition = editions.filter(date__gte=today).order_by("date").first()
    return contact_of(edition or editions.order_by("-date").first())


def contact_sentence(contact: Contact | None, language: str) -> str:
    """One sentence for the end of a message: whom to call or write, in ``language``."""
    if contact is None:
        return ""
    with translation.override(language):
        who = contact.name or _("the coordinators of the encounter day")
        values = {"who": who, "phone": contact.phone, "email": contact.email}
        if contact.phone and contact.email:
            return _("Questions? Call %(who)s on %(phone)s, or write to %(email)s.") % values
        if contact.phone:
            return _("Questions? Call %(who)s on %(phone)s.") % values
        return _("Questions? Write to %(who)s at %(email)s.") % values
