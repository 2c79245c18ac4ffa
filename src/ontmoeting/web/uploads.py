"""Uploads bounded while they stream in: the first of ``settings.FILE_UPLOAD_HANDLERS``.

Django hands each chunk of an uploaded file to its handlers in turn. This one counts the bytes
of every file and passes a chunk on (to Django's memory or temporary-file handler) only while the
file is within the largest limit of any kind (``privacy/uploads.py``). Past it, the rest is read
from the request but kept nowhere, and the file arrives in the form as an empty ``OversizedFile``
that knows its real size: the form refuses it by its kind's limit, with the user's words, as it
refuses any file too large. Per kind, each form checks ``upload.size`` before reading a byte.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)

from ontmoeting.privacy.uploads import largest_limit


class OversizedFile(UploadedFile):
    """A file that was larger than every limit: its name and size, none of its bytes."""

    def __init__(self, *, name: str, content_type: str, size: int, charset: str | None) -> None:
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class BoundedUploadHandler(FileUploadHandler):
    """Keeps no file's bytes past ``largest_limit()``; an oversized file becomes OversizedFile."""

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        self.received = 0
        self.limit = largest_limit()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        return raw_data if self.received <= self.limit else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.limit:
            return None  # the next handler holds the file
        self._discard_partial_copy()
        return OversizedFile(
            name=self.file_name or "",
            content_type=self.content_type or "application/octet-stream",
            size=self.received,
            charset=self.charset,
        )

    def _discard_partial_copy(self) -> None:
        """Delete the temporary file that holds the oversized file's first bytes.

        A request small enough for memory (``MemoryFileUploadHandler`` activated) keeps its
        files in memory, freed with the request; otherwise the temporary-file handler holds this
        file's first bytes in a temporary file that closing deletes.
        """
        handlers = getattr(self.request, "upload_handlers", [])
        if any(isinstance(h, MemoryFileUploadHandler) and h.activated for h in handlers):
            return
        for handler in handlers:
            if isinstance(handler, TemporaryFileUploadHandler) and hasattr(handler, "file"):
                handler.file.close()
