"""Keyed pseudonyms for research data: HMAC-SHA256 under a per-installation research key.

A respondent is known in research data only by a pseudonym made from their study code or their
self-made code (mother's first name, day of birth, town of birth: about 14 million values, so a
plain hash of it is reversed by trying them all). The pseudonym is
``HMAC-SHA256(research key, scope + identity)``: without the key nobody can recompute it, and
pseudonyms made in two scopes cannot be joined.

The key comes from ``settings.ONTMOETING_RESEARCH_KEY`` (env), else from the file
``settings.ONTMOETING_RESEARCH_KEY_FILE``; it is kept like the field key of the bank details:
made once into ``VAR_DIR/research_key`` (mode 0600) in development, required in production,
backed up apart from the database. A new key makes new pseudonyms (earlier exports can no
longer be joined to later ones).

Scopes:

- :func:`export_scope` — a fresh random scope per export (the default): two exports of the same
  data cannot be joined row by row.
- :func:`study_scope` — a stable scope per edition and audience, for a *linked* export that a
  researcher asks for on purpose (the request is audited) and for the pages researchers read.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from ontmoeting.privacy.files import write_private

_SETTINGS = ("ONTMOETING_RESEARCH_KEY", "ONTMOETING_RESEARCH_KEY_FILE", "VAR_DIR", "PRODUCTION")
KEY_BYTES = 32
#: 12 base32 symbols = 60 bits: collisions are negligible for the thousands of respondents of a
#: study, and the pseudonym stays short enough to read.
PSEUDONYM_LENGTH = 12
PREFIX = "R-"


def key_file() -> Path:
    """The file the research key is read from when ``ONTMOETING_RESEARCH_KEY`` is empty."""
    configured = getattr(settings, "ONTMOETING_RESEARCH_KEY_FILE", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "research_key"


def configured_key() -> bytes:
    """The key as configured (hex or any text of at least 32 characters); empty when unset."""
    inline = getattr(settings, "ONTMOETING_RESEARCH_KEY", "")
    if inline:
        return inline.strip().encode("utf-8")
    path = key_file()
    if path.is_file():
        return path.read_bytes().strip()
    return b""


@cache
def research_key() -> bytes:
    """The research key; made once in development, an error in production when missing."""
    key = configured_key()
    if not key:
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(
                "ONTMOETING_RESEARCH_KEY or ONTMOETING_RESEARCH_KEY_FILE must be set when "
                "ONTMOETING_ENV=production."
            )
        write_private(key_file(), secrets.token_hex(KEY_BYTES).encode("ascii"))
        key = configured_key()
    if len(key) < KEY_BYTES:
        raise ImproperlyConfigured(
            f"ONTMOETING_RESEARCH_KEY: the key must be at least {KEY_BYTES} characters long."
        )
    return key


def _reset(*, setting: str, **_kwargs: object) -> None:
    if setting in _SETTINGS:
        research_key.cache_clear()


setting_changed.connect(_reset)


def study_scope(year: int, audience: str) -> str:
    """The stable scope of one edition's audience (linked exports, researcher pages)."""
    return f"study:{year}:{audience}"


def export_scope() -> str:
    """A fresh scope for one export: its pseudonyms match no other export's."""
    return f"export:{secrets.token_hex(16)}"


def keyed_pseudonym(scope: str, identity: str, *, key: bytes | None = None) -> str:
    """The pseudonym of ``identity`` (a study code, or ``self:`` + a self-made code) in
    ``scope``: ``R-`` and 12 base32 symbols, e.g. ``R-7QK2M4ZB6XNA``."""
    message = f"{scope}\x1f{identity}".encode()
    digest = hmac.new(research_key() if key is None else key, message, hashlib.sha256).digest()
    return PREFIX + base64.b32encode(digest).decode("ascii")[:PSEUDONYM_LENGTH]
