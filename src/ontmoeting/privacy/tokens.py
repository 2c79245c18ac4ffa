"""Magic links: random tokens of 256 bits, stored only as their SHA-256 hash, with an expiry.

A link is single-purpose (personal page, registration, student confirmation). The raw token
appears only in the URL handed to the person; the database keeps its hash, so a lookup by hash
is the (constant-time) comparison. Personal-page links work until they expire; a GET on a link
never signs anyone in (mail scanners open links first), only the POST of its button does.
People, editions and participants are passed in as objects (``people.Person``,
``editions.Edition``, ``editions.Participant``); this module sits below those apps and does not
import them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ontmoeting.privacy.models import AccessToken, TokenPurpose

#: ``secrets.token_urlsafe(32)``: 32 random bytes (256 bits) → 43 URL-safe characters.
TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")

#: URL name (in the ``web`` namespace) that each purpose's link opens.
PURPOSE_URLS: dict[str, str] = {
    TokenPurpose.PERSONAL_PAGE: "web:portal-link",
    TokenPurpose.REGISTER: "web:register",
    TokenPurpose.CONFIRM: "web:student-confirm",
}


class EditionLike(Protocol):
    """What this module reads of an ``editions.Edition`` (it sits below editions)."""

    pk: Any

    @property
    def participants(self) -> models.Manager[Any]: ...


class ParticipantLike(Protocol):
    """What this module reads of an ``editions.Participant``."""

    pk: Any
    edition_id: Any


def default_lifetime(purpose: str) -> dt.timedelta:
    """How long a new link of ``purpose`` works (settings ``ONTMOETING_LINK_DAYS``)."""
    days = {"personal_page": 60, "register": 60, "confirm": 60}
    days.update(getattr(settings, "ONTMOETING_LINK_DAYS", {}))
    return dt.timedelta(days=days.get(purpose, 60))


def new_token() -> str:
    """A fresh random token of 256 bits."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(raw: str) -> str:
    """The SHA-256 hex digest stored instead of the token."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def is_well_formed(raw: str) -> bool:
    return bool(TOKEN_PATTERN.fullmatch(raw or ""))


def link_for(purpose: str, raw: str) -> str:
    """The full URL (``settings.SITE_URL`` + path) that opens ``raw`` for ``purpose``."""
    return settings.SITE_URL + reverse(PURPOSE_URLS[purpose], kwargs={"token": raw})


def issue_link(
    person: models.Model,
    *,
    purpose: str = "personal_page",
    edition: EditionLike | None = None,
    lifetime: dt.timedelta | None = None,
    participant: ParticipantLike | None = None,
) -> str:
    """Store a new token for ``person`` and ``purpose``; return the full URL that carries it.

    When ``edition`` is given, the person's participant in it is linked too.
    """
    if purpose not in PURPOSE_URLS:
        raise ValueError(f"unknown link purpose: {purpose!r}")
    if participant is None and edition is not None:
        participant = edition.participants.filter(person_id=person.pk).first()
    edition_id = edition.pk if edition is not None else None
    if edition_id is None and participant is not None:
        edition_id = participant.edition_id
    raw = new_token()
    AccessToken.objects.create(
        token_hash=hash_token(raw),
        purpose=purpose,
        person_id=person.pk,
        edition_id=edition_id,
        participant_id=participant.pk if participant is not None else None,
        expires=timezone.now() + (lifetime or default_lifetime(purpose)),
    )
    return link_for(purpose, raw)


@dataclass(frozen=True)
class TokenCheck:
    """Why a link works or not: ``state`` is ok, malformed, unknown or expired."""

    state: str
    token: AccessToken | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_token(
    raw: str, *, purpose: str | None = None, now: dt.datetime | None = None
) -> TokenCheck:
    """Look ``raw`` up by its hash; a token of another purpose counts as unknown."""
    if not is_well_formed(raw):
        return TokenCheck("malformed")
    token = (
        AccessToken.objects.select_related("person", "edition", "participant")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if token is None or (purpose is not None and token.purpose != purpose):
        return TokenCheck("unknown")
    if token.revoked is not None or token.expires <= (now or timezone.now()):
        return TokenCheck("expired", token)
    return TokenCheck("ok", token)


def resolve_token(raw: str) -> AccessToken | None:
    """The valid (known, unexpired, unrevoked) token ``raw`` stands for, else None."""
    check = check_token(raw)
    return check.token if check.ok else None


def mark_used(token: AccessToken) -> None:
    token.last_used = timezone.now()
    token.save(update_fields=["last_used"])


def revoke_tokens(person: models.Model, *, purpose: str | None = None) -> int:
    """Revoke every live token of ``person`` (of ``purpose`` if given); returns how many."""
    rows = AccessToken.objects.filter(person_id=person.pk, revoked__isnull=True)
    if purpose is not None:
        rows = rows.filter(purpose=purpose)
    return rows.filter(~Q(expires__lte=timezone.now())).update(revoked=timezone.now())
