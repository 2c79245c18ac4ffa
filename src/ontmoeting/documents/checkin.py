"""The check-in token printed as a QR code on a badge: a signed participant id."""

from __future__ import annotations

from django.core import signing

SALT = "ontmoeting.checkin"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def checkin_token(participant: object) -> str:
    """A short signed token naming the participant (``"<pk>:<signature>"``); never expires."""
    pk = getattr(participant, "pk", participant)
    return _signer().sign(str(int(pk)))  # type: ignore[call-overload]


def read_checkin_token(token: str) -> int | None:
    """The participant pk in ``token``, or None when it is malformed or its signature is wrong."""
    try:
        value = _signer().unsign((token or "").strip())
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None
