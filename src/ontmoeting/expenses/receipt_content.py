"""What a receipt really is: recognised by its first bytes, then opened by a real parser.

First bytes alone prove nothing (``%PDF-`` followed by a web page passes them), so a file is a
receipt only when

* its first bytes name a kind we accept (JPEG, PNG, HEIC, PDF: ``sniff``);
* the name's extension and the type the browser declared, where they name a kind, name that
  same kind (``declared_kind``: a generic ``application/octet-stream`` or no extension says
  nothing);
* it opens as that kind (``opens``): a PDF has a page pypdf can read; a JPEG or PNG decodes with
  Pillow, within Pillow's limit on pixels (a decompression bomb is refused); a HEIC photo,
  which Pillow cannot decode, is an ISO media file whose boxes fill it exactly and include the
  image's ``meta`` and ``mdat`` boxes.
"""

from __future__ import annotations

import io
import struct
import warnings
from pathlib import Path

JPEG, PNG, HEIC, PDF = "image/jpeg", "image/png", "image/heic", "application/pdf"
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1")
#: What an extension or a declared content type says a file is; anything else names no kind
#: we accept, except the generic types that say nothing.
KIND_OF = {
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".jpe": JPEG,
    ".jfif": JPEG,
    ".png": PNG,
    ".heic": HEIC,
    ".heif": HEIC,
    ".pdf": PDF,
    "image/jpeg": JPEG,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "image/png": PNG,
    "image/x-png": PNG,
    "image/heic": HEIC,
    "image/heif": HEIC,
    "application/pdf": PDF,
    "application/x-pdf": PDF,
}
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
#: A HEIC photo has a handful of top-level boxes; far more is not a photo.
MAX_BOXES = 10_000


def sniff(head: bytes) -> str | None:
    """The content type of a file from its first bytes, if it is a photo or PDF we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return HEIC
    return None


def declared_kinds(name: str, content_type: str | None) -> set[str | None]:
    """The kinds the file's name and declared type claim; None for a claim of a kind we do not
    accept (``.html``, ``text/html``). A missing extension or a generic type claims nothing."""
    claims: set[str | None] = set()
    suffix = Path(name).suffix.lower()
    if suffix:
        claims.add(KIND_OF.get(suffix))
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared not in GENERIC_TYPES:
        claims.add(KIND_OF.get(declared))
    return claims


def opens(kind: str, data: bytes) -> bool:
    """Whether ``data`` opens as a file of ``kind`` (one of the kinds ``sniff`` returns)."""
    if kind == PDF:
        return _opens_as_pdf(data)
    if kind == HEIC:
        return _is_iso_media(data)
    return _opens_as_image(data, "JPEG" if kind == JPEG else "PNG")


def _opens_as_pdf(data: bytes) -> bool:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return False  # a password is needed: nobody could check it
        return len(reader.pages) > 0 and reader.pages[0].mediabox.width > 0
    except Exception:  # pypdf raises many kinds for a damaged or hostile file
        return False


def _opens_as_image(data: bytes, pillow_format: str) -> bool:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Past Image.MAX_IMAGE_PIXELS Pillow only warns: a decompression bomb is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.verify()
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()  # decode every pixel: a truncated or forged body fails here
        return True
    except Exception:  # Pillow raises many kinds for a damaged or hostile file
        return False


def _is_iso_media(data: bytes) -> bool:
    """Top-level boxes (size, type) that fill ``data`` exactly, with ftyp, meta and mdat."""
    offset, boxes, kinds = 0, 0, set()
    while offset < len(data):
        boxes += 1
        if boxes > MAX_BOXES or offset + 8 > len(data):
            return False
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1 and offset + 16 <= len(data):  # a 64-bit size follows the type
            size, header = struct.unpack_from(">Q", data, offset + 8)[0], 16
        elif size == 0:  # the box runs to the end of the file
            size = len(data) - offset
        if size < header or offset + size > len(data):
            return False
        kinds.add(kind)
        offset += size
    return {b"ftyp", b"meta", b"mdat"} <= kinds
