"""An uploaded file past every limit is counted as it streams in, and none of it is kept."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from ontmoeting.web.uploads import OversizedFile


def test_a_file_past_every_limit_keeps_none_of_its_bytes(rf, settings):
    settings.ONTMOETING_UPLOAD_MAX_BYTES = {"roster": 1000, "instrument": 1000, "receipt": 2000}
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # past it, Django streams files to disk
    request = rf.post(
        "/",
        {
            "big": SimpleUploadedFile("big.csv", b"x" * 50_000),
            "small": SimpleUploadedFile("small.csv", b"y" * 1500),
        },
    )
    big, small = request.FILES["big"], request.FILES["small"]
    try:
        assert isinstance(big, OversizedFile)
        assert (big.name, big.size, big.read()) == ("big.csv", 50_000, b"")
        assert small.read() == b"y" * 1500
    finally:
        small.close()
