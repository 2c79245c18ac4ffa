"""Helpers for the expense tests: small real files, experts, claim inputs, stored claims."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.expenses.receipts import check_upload
from ontmoeting.expenses.services import ClaimInput, save_claim
from tests.factories import EditionFactory, ParticipantFactory

GOOD_IBAN = "BE68539007547034"
OTHER_IBAN = "BE71096123456769"


@pytest.fixture
def private_receipts(settings, tmp_path):
    """Receipts go to a temporary private folder."""
    settings.ONTMOETING_RECEIPTS_DIR = tmp_path / "receipts"
    return settings.ONTMOETING_RECEIPTS_DIR


def png_bytes() -> bytes:
    """A real one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    """A small, real one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def upload(name: str = "ticket.png", data: bytes | None = None, content_type: str = "image/png"):
    return SimpleUploadedFile(
        name, png_bytes() if data is None else data, content_type=content_type
    )


def checked(name: str = "ticket.png", data: bytes | None = None):
    return check_upload(upload(name, data))


def expert(edition=None, **kwargs):
    return ParticipantFactory(
        edition=edition or EditionFactory(), role=ParticipantRole.EXPERT, **kwargs
    )


def claim_input(**overrides) -> ClaimInput:
    values = {
        "travel_mode": "public_transport",
        "ticket_amount": Decimal("12.40"),
        "ticket_receipt": checked(),
        "iban": GOOD_IBAN,
        "account_holder": "M. Peeters",
        "other_declared": True,
    }
    values.update(overrides)
    return ClaimInput(**values)


def held(edition):
    """The edition's day has taken place (claims open only then): moved to the past when it is
    still to come, within its calendar year where possible."""
    today = timezone.localdate()
    if edition.date >= today:
        day = today - dt.timedelta(days=1)
        edition.date = day if day.year == edition.date.year else dt.date(edition.date.year, 1, 1)
        edition.window_start = min(edition.window_start, edition.date)
        edition.save(update_fields=["date", "window_start"])
    return edition


def submitted(participant, *, actor="portal", on_behalf=False, **overrides):
    held(participant.edition)
    claim, _check = save_claim(
        participant=participant,
        data=claim_input(**overrides),
        actor=actor,
        on_behalf=on_behalf,
        submit=True,
    )
    return claim
