"""Pseudonyms: random study codes, invitation tokens, and the self-generated code of paper forms."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata

from django.conf import settings

#: No 0/O, 1/I/L: easy to read aloud and to copy from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes


def random_study_code() -> str:
    """A random study code like ``K7MQ-2XDP`` (cryptographically random, 8 symbols)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def invite_token(wave_id: int, code: str) -> str:
    """The link token of a study code's invitation to a wave (HMAC of the server's secret).

    Deterministic, so a reminder carries the same link; only its SHA-256 is stored.
    """
    message = f"ontmoeting.surveys.invite:{wave_id}:{code}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _letters(text: str, n: int) -> str:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    letters = re.sub(r"[^A-Za-z]", "", plain).upper()
    return letters[:n]


def make_self_code(*, mother_first_name: str, birth_day: int | str, birth_town: str) -> str:
    """The self-generated code: 2 letters of the mother's first name, the day of birth (2 digits),
    2 letters of the town of birth, e.g. ``MA07GE``. Empty when a part is missing or invalid.

    >>> make_self_code(mother_first_name="Marie-José", birth_day=7, birth_town="Gent")
    'MA07GE'
    """
    mother = _letters(mother_first_name, 2)
    town = _letters(birth_town, 2)
    try:
        day = int(birth_day)
    except (TypeError, ValueError):
        return ""
    if len(mother) < 2 or len(town) < 2 or not 1 <= day <= 31:
        return ""
    return f"{mother}{day:02d}{town}"


SELF_CODE_PATTERN = re.compile(r"^[A-Z]{2}(0[1-9]|[12][0-9]|3[01])[A-Z]{2}$")


def normalise_self_code(text: str) -> str:
    """A self-code typed by staff (``ma 07 ge``) in its stored form, or '' if it is malformed."""
    compact = re.sub(r"[\s\-_.]", "", unicodedata.normalize("NFKD", text or "")).upper()
    return compact if SELF_CODE_PATTERN.fullmatch(compact) else ""
