"""Encryption of bank details at rest (Fernet: AES-128-CBC + HMAC-SHA256).

The key comes from ``settings.ONTMOETING_FIELD_KEY`` (env ``ONTMOETING_FIELD_KEY``, a Fernet key:
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``).
In development a key is generated once into ``VAR_DIR/field_key``; in production a missing key
is an error. Losing the key makes the stored IBANs unreadable: back it up apart from the database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed


def _key() -> bytes:
    key = getattr(settings, "ONTMOETING_FIELD_KEY", None)
    if key:
        return key.encode() if isinstance(key, str) else key
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(
            "ONTMOETING_FIELD_KEY must be set when ONTMOETING_ENV=production."
        )
    path = Path(settings.VAR_DIR) / "field_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_bytes().strip()


@cache
def _fernet() -> Fernet:
    try:
        return Fernet(_key())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"ONTMOETING_FIELD_KEY is not a valid Fernet key: {error}"
        ) from error


def _reset(*, setting: str, **_kwargs: object) -> None:
    if setting in ("ONTMOETING_FIELD_KEY", "VAR_DIR"):
        _fernet.cache_clear()


setting_changed.connect(_reset)


def encrypt(text: str) -> str:
    """The encrypted token of ``text`` (ASCII, safe for a TextField)."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text behind ``token``; an empty token stays empty."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured("Stored bank details cannot be read with this key.") from error


def encrypt_bytes(data: bytes) -> str:
    return _fernet().encrypt(data).decode("ascii")


def decrypt_bytes(token: str) -> bytes:
    return _fernet().decrypt(token.encode("ascii"))
