"""Receipts: checked by size and by content, kept privately and encrypted under random names.

A receipt is accepted only when it is what it says and really opens as a photo or a PDF
(``receipt_content``). Files live under ``settings.ONTMOETING_RECEIPTS_DIR`` (default
``VAR_DIR/private/receipts``), outside every served path, mode 0600, encrypted with the key that
encrypts bank accounts (``crypto``: Fernet); they are only ever sent, decrypted, by the views that
check ownership. A file written before receipts were encrypted (it does not start with a Fernet
token's marker) is still read as it is; migration 0003 encrypts those in place.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ontmoeting.expenses.crypto import decrypt_bytes, encrypt_bytes
from ontmoeting.expenses.receipt_content import declared_kinds, opens, sniff
from ontmoeting.privacy.uploads import max_bytes, megabytes

__all__ = ["KINDS", "CheckedFile", "check_upload", "extension_of", "read_file", "sniff"]

#: Accepted kinds: (content type, extension).
KINDS: tuple[tuple[str, str], ...] = (
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/heic", "heic"),
    ("application/pdf", "pdf"),
)
#: How every Fernet token starts (its version byte, base64): the file is encrypted.
ENCRYPTED_MARKER = b"gAAAAA"


def extension_of(content_type: str) -> str:
    return dict(KINDS)[content_type]


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, read into memory (at most the receipt limit)."""

    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _too_big(limit: int) -> ValidationError:
    return ValidationError(
        _("This file is too big. A photo or PDF of at most %(limit)s MB, please.")
        % {"limit": megabytes(limit)},
        code="too_big",
    )


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Check size, kind and content; ValidationError with a plain message when it is not a
    receipt (codes ``too_big``, ``wrong_type``, ``type_mismatch``, ``unreadable``)."""
    limit = max_bytes("receipt")
    if upload.size is not None and upload.size > limit:
        raise _too_big(limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(
            _("We cannot read this file. Send a photo (JPEG, PNG or HEIC) or a PDF, please."),
            code="wrong_type",
        )
    name = Path(upload.name or "receipt").name[:200]
    if declared_kinds(name, upload.content_type) - {content_type}:
        raise ValidationError(
            _(
                "This file is not what its name says (%(name)s). Send the photo or the PDF "
                "itself, please."
            )
            % {"name": name},
            code="type_mismatch",
        )
    if not opens(content_type, data):
        raise ValidationError(
            _(
                "This file cannot be opened; it may be damaged. Take a new photo or save the "
                "PDF again, please."
            ),
            code="unreadable",
        )
    return CheckedFile(name=name, content_type=content_type, data=data)


def receipts_dir() -> Path:
    default = Path(settings.VAR_DIR) / "private" / "receipts"
    return Path(getattr(settings, "ONTMOETING_RECEIPTS_DIR", default))


def path_of(stored_name: str) -> Path:
    if not stored_name or not stored_name.isalnum():
        raise ValueError("bad stored name")
    return receipts_dir() / stored_name


def is_encrypted(stored: bytes) -> bool:
    return stored.startswith(ENCRYPTED_MARKER)


def write_private(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path``, readable by the owner only from its first byte on."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    path.chmod(0o600)


def write_file(stored_name: str, data: bytes) -> None:
    """Store a receipt's bytes, encrypted."""
    write_private(path_of(stored_name), encrypt_bytes(data).encode("ascii"))


def read_file(stored_name: str) -> bytes:
    """A receipt's bytes as uploaded (decrypted; a file from before encryption as it is)."""
    stored = path_of(stored_name).read_bytes()
    if not is_encrypted(stored):
        return stored
    try:
        return decrypt_bytes(stored.decode("ascii"))
    except (InvalidToken, UnicodeDecodeError) as error:
        raise ImproperlyConfigured("Stored receipts cannot be read with this key.") from error


def delete_file(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
