"""The check-in token printed as a QR code on a badge: a signed participant id."""

from __future__ import annotations

from django.core import signing

from ontmoeting.editions.models import Participant

SALT = "ontmoeting.checkin"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def checkin_token(participant: Participant | int) -> str:
    """A short signed token naming the participant (``"<pk>:<signature>"``); never expires."""
    pk = participant if isinstance(participant, int) else participant.pk
    return _signer().sign(str(int(pk)))


def read_checkin_token(token: str) -> int | None:
    """The participant pk in ``token``, or None when it is malformed or its signature is wrong."""
    try:
        value = _signer().unsign((token or "").strip())
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None
