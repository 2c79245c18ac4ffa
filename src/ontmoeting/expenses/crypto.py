"""Encryption of bank details at rest (Fernet: AES-128-CBC + HMAC-SHA256), with key rotation.

The keys come from ``settings.ONTMOETING_FIELD_KEY`` (env ``ONTMOETING_FIELD_KEY``: one Fernet
key, or several separated by commas), else from the file ``settings.ONTMOETING_FIELD_KEY_FILE``
(one key a line). A new key is made with
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``.
The first key encrypts, every key decrypts (``MultiFernet``): to rotate, put a new key first,
run ``ontmoeting expenses rotate-key`` (every stored token is encrypted again with the new key),
then drop the old one (docs/operations.md). In development a key is generated once into
``VAR_DIR/field_key`` (mode 0600); in production a missing key is an error, and
``check --deploy`` says so before the first claim. Losing the key makes the stored IBANs
unreadable: back it up apart from the database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from ontmoeting.privacy.files import write_private

_SETTINGS = ("ONTMOETING_FIELD_KEY", "ONTMOETING_FIELD_KEY_FILE", "VAR_DIR", "PRODUCTION")


def _split(keys: str | bytes) -> list[bytes]:
    text = keys.decode("ascii") if isinstance(keys, bytes) else keys
    return [key.strip().encode("ascii") for key in text.replace(",", "\n").split() if key.strip()]


def key_file() -> Path:
    """The file the keys are read from when ``ONTMOETING_FIELD_KEY`` is empty."""
    configured = getattr(settings, "ONTMOETING_FIELD_KEY_FILE", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "field_key"


def configured_keys() -> list[bytes]:
    """The keys as configured, newest first; none when none is set (nothing is made here)."""
    inline = getattr(settings, "ONTMOETING_FIELD_KEY", "")
    if inline:
        return _split(inline)
    path = key_file()
    if path.is_file():
        return _split(path.read_bytes())
    return []


def invalid_keys(keys: list[bytes]) -> list[int]:
    """The positions (from 1) of the keys that are not Fernet keys."""
    bad = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            bad.append(position)
    return bad


def _keys() -> list[bytes]:
    keys = configured_keys()
    if keys:
        return keys
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(
            "ONTMOETING_FIELD_KEY or ONTMOETING_FIELD_KEY_FILE must be set when "
            "ONTMOETING_ENV=production."
        )
    write_private(key_file(), Fernet.generate_key())
    return configured_keys()


@cache
def _fernet() -> MultiFernet:
    keys = _keys()
    if bad := invalid_keys(keys):
        raise ImproperlyConfigured(f"ONTMOETING_FIELD_KEY: key {bad[0]} is not a Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def _reset(*, setting: str, **_kwargs: object) -> None:
    if setting in _SETTINGS:
        _fernet.cache_clear()


setting_changed.connect(_reset)


def encrypt(text: str) -> str:
    """The encrypted token of ``text`` (ASCII, safe for a TextField), with the newest key."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text behind ``token``, whichever configured key made it; an empty token stays empty."""
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


def reencrypt(token: str) -> str:
    """``token`` encrypted again with the newest key (an empty token stays empty)."""
    if not token:
        return ""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise ImproperlyConfigured("A stored token cannot be read with any key.") from error
