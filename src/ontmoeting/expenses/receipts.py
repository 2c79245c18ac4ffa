"""Receipts: checked by content (magic bytes) and size, kept privately under random names.

Files live under ``settings.ONTMOETING_RECEIPTS_DIR`` (default ``VAR_DIR/private/receipts``),
outside every served path; they are only ever sent by the views that check ownership.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

#: The largest receipt accepted.
MAX_BYTES = 10 * 1024 * 1024

#: Accepted kinds: (content type, extension, test on the first bytes).
KINDS: tuple[tuple[str, str], ...] = (
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/heic", "heic"),
    ("application/pdf", "pdf"),
)
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")


def sniff(head: bytes) -> str | None:
    """The content type of a file from its first bytes, if it is a photo or PDF we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic"
    return None


def extension_of(content_type: str) -> str:
    return dict(KINDS)[content_type]


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, read into memory (at most MAX_BYTES)."""

    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Check size and content; ValidationError with a plain message when it is not a receipt."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("This file is too big. A photo or PDF of at most 10 MB, please."), code="too_big"
        )
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("This file is too big. A photo or PDF of at most 10 MB, please."), code="too_big"
        )
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(
            _("We cannot read this file. Send a photo (JPEG, PNG or HEIC) or a PDF, please."),
            code="wrong_type",
        )
    name = Path(upload.name or "receipt").name[:200]
    return CheckedFile(name=name, content_type=content_type, data=data)


def receipts_dir() -> Path:
    default = Path(settings.VAR_DIR) / "private" / "receipts"
    return Path(getattr(settings, "ONTMOETING_RECEIPTS_DIR", default))


def path_of(stored_name: str) -> Path:
    if not stored_name or not stored_name.isalnum():
        raise ValueError("bad stored name")
    return receipts_dir() / stored_name


def write_file(stored_name: str, data: bytes) -> None:
    folder = receipts_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = path_of(stored_name)
    path.write_bytes(data)
    path.chmod(0o600)


def read_file(stored_name: str) -> bytes:
    return path_of(stored_name).read_bytes()


def delete_file(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
