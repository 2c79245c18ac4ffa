"""Receipts are recognised by their content, not their name, and must be small enough."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ontmoeting.expenses.iban import clean_iban, mask_iban
from ontmoeting.expenses.receipts import MAX_BYTES, check_upload, sniff
from tests.web.expenses_factories import exe_bytes, pdf_bytes, png_bytes, upload


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


def test_an_exe_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("ticket.pdf", exe_bytes(), "application/pdf"))
    assert error.value.code == "wrong_type"


def test_an_oversized_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", pdf_bytes() + b"0" * MAX_BYTES))
    assert error.value.code == "too_big"


def test_iban_is_validated_and_masked():
    assert clean_iban(" be68 5390 0754 7034 ") == "BE68539007547034"
    assert mask_iban("BE68539007547034") == "BE•• •••• •••• 7034"
    with pytest.raises(ValidationError):
        clean_iban("BE68539007547035")
