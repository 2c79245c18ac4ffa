"""Receipts are recognised by their content, opened by a real parser, must match what their name
says, must be small enough, and are stored encrypted."""

from __future__ import annotations

import importlib
import io
import struct

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from PIL import Image

from ontmoeting.expenses import receipts
from ontmoeting.expenses.iban import clean_iban, mask_iban
from ontmoeting.expenses.receipts import check_upload, sniff
from ontmoeting.privacy.uploads import max_bytes
from tests.hostile_files import fake_pdf
from tests.web.expenses_factories import (
    exe_bytes,
    expert,
    pdf_bytes,
    png_bytes,
    private_receipts,
    submitted,
    upload,
)

__all__ = ["private_receipts"]


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def heic_bytes() -> bytes:
    """The boxes of an iPhone photo (ftyp, meta, mdat), with a stand-in for the image data."""
    return (
        box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic")
        + box(b"meta", b"\x00" * 40)
        + box(b"mdat", b"\x01" * 64)
    )


def refusal(name: str, data: bytes, content_type: str) -> str:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data, content_type))
    return error.value.code


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (png_bytes(), "image/png"),
        (pdf_bytes(), "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "image/heic"),
        (exe_bytes(), None),
        (b"<html><script>", None),
    ],
)
def test_sniff_knows_photos_and_pdfs(head, kind):
    assert sniff(head[:16]) == kind


@pytest.mark.parametrize(
    ("name", "data", "content_type", "kind"),
    [
        ("ticket.pdf", pdf_bytes(), "application/pdf", "application/pdf"),
        ("ticket.png", png_bytes(), "image/png", "image/png"),
        ("IMG_0001.JPG", jpeg_bytes(), "image/jpeg", "image/jpeg"),
        ("IMG_0002.HEIC", heic_bytes(), "image/heic", "image/heic"),
        ("1000012345", jpeg_bytes(), "application/octet-stream", "image/jpeg"),
    ],
)
def test_real_photos_and_pdfs_are_accepted(name, data, content_type, kind):
    assert check_upload(upload(name, data, content_type)).content_type == kind


def test_an_exe_renamed_pdf_is_refused():
    assert refusal("ticket.pdf", exe_bytes(), "application/pdf") == "wrong_type"


def test_a_web_page_behind_the_first_bytes_of_a_pdf_is_refused():
    assert refusal("ticket.pdf", fake_pdf(), "application/pdf") == "unreadable"


def test_a_web_page_behind_the_first_bytes_of_a_heic_photo_is_refused():
    fake = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic<html><script>x</script></html>"
    assert refusal("IMG_0003.HEIC", fake, "image/heic") == "unreadable"


def test_a_truncated_photo_is_refused():
    assert refusal("ticket.jpg", jpeg_bytes()[:200], "image/jpeg") == "unreadable"


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)  # the photo has 64 pixels
    assert refusal("ticket.jpg", jpeg_bytes(), "image/jpeg") == "unreadable"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("ticket.pdf", "image/png"),  # a photo named as a PDF
        ("ticket.png", "application/pdf"),  # a photo declared a PDF by the browser
        ("ticket.html", "image/png"),  # a photo named as a web page
        ("ticket.png", "text/html"),
    ],
)
def test_a_photo_that_says_it_is_something_else_is_refused(name, content_type):
    assert refusal(name, png_bytes(), content_type) == "type_mismatch"


def test_an_oversized_file_is_refused():
    data = pdf_bytes() + b"0" * max_bytes("receipt")
    assert refusal("big.pdf", data, "application/pdf") == "too_big"


@pytest.mark.django_db
def test_a_receipt_written_before_encryption_is_still_read_and_the_migration_encrypts_it(
    private_receipts,
):
    claim = submitted(expert())
    receipt = claim.receipts.get()
    path = receipts.path_of(receipt.stored_name)
    path.write_bytes(png_bytes())  # as receipts were stored before: the plain file
    assert receipts.read_file(receipt.stored_name) == png_bytes()

    migration = importlib.import_module("ontmoeting.expenses.migrations.0004_encrypt_receipts")
    migration.encrypt(apps, None)
    assert path.read_bytes().startswith(b"gAAAAA")
    assert receipts.read_file(receipt.stored_name) == png_bytes()
    migration.encrypt(apps, None)  # a second run changes nothing
    assert receipts.read_file(receipt.stored_name) == png_bytes()
    migration.decrypt(apps, None)
    assert path.read_bytes() == png_bytes()


def test_iban_is_validated_and_masked():
    assert clean_iban(" be68 5390 0754 7034 ") == "BE68539007547034"
    assert mask_iban("BE68539007547034") == "BE•• •••• •••• 7034"
    with pytest.raises(ValidationError):
        clean_iban("BE68539007547035")
