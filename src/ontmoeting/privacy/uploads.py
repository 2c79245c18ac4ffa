"""Files people upload: the largest of each kind, and the error that refuses one.

The limits are settings (``ONTMOETING_UPLOAD_MAX_BYTES``, one per kind of file). The web counts a
file's bytes while it streams in and keeps none past the largest limit (``web/uploads.py``); the
forms and the command line check the size against the file's own kind before reading it. A file
refused says why in the user's words, naming where it is wrong when it can: never a traceback.
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _

UploadKind = Literal["roster", "instrument", "receipt"]


class UnsafeFileError(ValueError):
    """A file refused before or while it is read; ``reason`` is translated, ``row`` and
    ``column`` say where (as the spreadsheet shows them) when the problem has a place."""

    def __init__(self, reason: str, *, row: int | None = None, column: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row
        self.column = column


def max_bytes(kind: UploadKind) -> int:
    """The largest file of ``kind`` we accept, in bytes."""
    return int(settings.ONTMOETING_UPLOAD_MAX_BYTES[kind])


def largest_limit() -> int:
    """The largest limit of any kind: no upload is kept past it while it streams in."""
    return max(int(value) for value in settings.ONTMOETING_UPLOAD_MAX_BYTES.values())


def megabytes(size: int) -> str:
    """``size`` in MB as people write it: 10, 2.5."""
    return f"{size / (1024 * 1024):.3g}"


def check_size(size: int | None, kind: UploadKind) -> None:
    """UnsafeFileError when a file of ``size`` bytes is larger than its kind allows."""
    limit = max_bytes(kind)
    if size is not None and size > limit:
        raise UnsafeFileError(
            _("the file is larger than %(limit)s MB (it has %(size)s MB)")
            % {"limit": megabytes(limit), "size": megabytes(size)}
        )
