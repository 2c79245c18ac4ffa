"""Magic links: random tokens of 256 bits, stored only as their SHA-256 hash, with an expiry.

A link is single-purpose (personal page, registration, student confirmation). The raw token
appears only in the URL handed to the person; the database keeps its hash, so a lookup by hash
is the (constant-time) comparison. A GET on a link never signs anyone in (mail scanners open
links first), only the POST of its button does, and that POST uses the link up
(``consume_token``): a personal-page link signs in once. Links are short-lived (settings
``ONTMOETING_LINK_HOURS``), and a new link of a purpose revokes the person's older ones of that
purpose (for registration and confirmation links: of the same edition). A revoked token also
ends the portal sessions it opened (the session keeps the token's id).
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
    TokenPurpose.TEAM_ACTIONS: "web:team-actions",
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


#: Hours a new link of each purpose works, unless ``settings.ONTMOETING_LINK_HOURS`` says otherwise.
DEFAULT_LINK_HOURS: dict[str, int] = {
    TokenPurpose.PERSONAL_PAGE: 72,
    TokenPurpose.REGISTER: 60 * 24,
    TokenPurpose.CONFIRM: 60 * 24,
    # A team's contact keeps using the link between sessions (a new link replaces it).
    TokenPurpose.TEAM_ACTIONS: 60 * 24,
}
#: Purposes whose link works once: the POST that signs in uses it up.
SINGLE_USE = frozenset({TokenPurpose.PERSONAL_PAGE})


def default_lifetime(purpose: str) -> dt.timedelta:
    """How long a new link of ``purpose`` works (settings ``ONTMOETING_LINK_HOURS``)."""
    hours = {**DEFAULT_LINK_HOURS, **getattr(settings, "ONTMOETING_LINK_HOURS", {})}
    return dt.timedelta(hours=hours.get(purpose, DEFAULT_LINK_HOURS[TokenPurpose.PERSONAL_PAGE]))


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

    When ``edition`` is given, the person's participant in it is linked too. The person's older
    unused links of ``purpose`` stop working (for registration and confirmation links: those of
    the same edition).
    """
    if purpose not in PURPOSE_URLS:
        raise ValueError(f"unknown link purpose: {purpose!r}")
    if participant is None and edition is not None:
        participant = edition.participants.filter(person_id=person.pk).first()
    edition_id = edition.pk if edition is not None else None
    if edition_id is None and participant is not None:
        edition_id = participant.edition_id
    older = AccessToken.objects.filter(person_id=person.pk, purpose=purpose)
    if purpose != TokenPurpose.PERSONAL_PAGE:
        older = older.filter(Q(edition_id=edition_id) if edition_id else Q(edition__isnull=True))
    # Only unused links: a session already opened with a link goes on.
    older.filter(revoked__isnull=True, last_used__isnull=True).update(revoked=timezone.now())
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
    """Why a link works or not: ``state`` is ok, malformed, unknown or expired (expired,
    revoked, or a single-use link already used)."""

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
    if token.purpose in SINGLE_USE and token.last_used is not None:
        return TokenCheck("expired", token)
    return TokenCheck("ok", token)


def consume_token(token: AccessToken) -> bool:
    """Use ``token`` (records its use); a single-use token is used up, and only the first of
    two requests at once gets True (a conditional UPDATE)."""
    now = timezone.now()
    rows = AccessToken.objects.filter(pk=token.pk, revoked__isnull=True, expires__gt=now)
    if token.purpose in SINGLE_USE:
        rows = rows.filter(last_used__isnull=True)
    return bool(rows.update(last_used=now))


def token_alive(pk: object) -> bool:
    """True while the token with primary key ``pk`` is not revoked (a portal session opened by
    it lasts that long)."""
    if not isinstance(pk, int):
        return False
    return AccessToken.objects.filter(pk=pk, revoked__isnull=True).exists()


def resolve_token(raw: str) -> AccessToken | None:
    """The valid (known, unexpired, unrevoked) token ``raw`` stands for, else None."""
    check = check_token(raw)
    return check.token if check.ok else None


def mark_used(token: AccessToken) -> None:
    token.last_used = timezone.now()
    token.save(update_fields=["last_used"])


def revoke_tokens(person: models.Model, *, purpose: str | None = None) -> int:
    """Revoke every token of ``person`` not yet revoked (of ``purpose`` if given): its links
    stop working and the portal sessions they opened end. Returns how many."""
    rows = AccessToken.objects.filter(person_id=person.pk, revoked__isnull=True)
    if purpose is not None:
        rows = rows.filter(purpose=purpose)
    return rows.update(revoked=timezone.now())
