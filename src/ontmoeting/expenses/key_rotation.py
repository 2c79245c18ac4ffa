"""Key rotation: every encrypted column and receipt file encrypted again with the newest key.

The columns are listed in ``ENCRYPTED_COLUMNS``; a new encrypted column is added there, or it
stays readable only while its old key is configured. The rotation is one transaction: it ends
with every token under the newest key, or changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.db import models, transaction

from ontmoeting.expenses import crypto, receipts
from ontmoeting.expenses.models import Claim, PaymentBatch
from ontmoeting.privacy.audit import Actor, record

#: (model, field) of every column that holds a Fernet token of ``crypto``.
ENCRYPTED_COLUMNS: tuple[tuple[type[models.Model], str], ...] = (
    (Claim, "iban_encrypted"),
    (PaymentBatch, "sepa_encrypted"),
)

_BATCH = 500


@dataclass(frozen=True)
class Rotation:
    """How many tokens of each column (``app.model.field``) were encrypted again."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _rotate_column(model: type[models.Model], field: str) -> int:
    rows = model._default_manager.exclude(**{field: ""}).only("pk", field).order_by("pk")
    changed: list[models.Model] = []
    count = 0
    for row in rows.iterator(chunk_size=_BATCH):
        setattr(row, field, crypto.reencrypt(getattr(row, field)))
        changed.append(row)
        if len(changed) == _BATCH:
            model._default_manager.bulk_update(changed, [field])
            count += len(changed)
            changed = []
    model._default_manager.bulk_update(changed, [field])
    return count + len(changed)


def _rotate_receipts() -> int:
    """Every encrypted receipt file encrypted again with the newest key.

    Each file is replaced whole (written beside it, then renamed over it), so a receipt is never
    half written; a file that no key opens stops the rotation before the database commits.
    """
    folder = receipts.receipts_dir()
    if not folder.exists():
        return 0
    count = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name.isalnum()):
        stored = path.read_bytes()
        if not receipts.is_encrypted(stored):
            continue
        fresh = path.with_name(f".{path.name}.rotating")
        receipts.write_private(fresh, crypto.reencrypt(stored.decode("ascii")).encode("ascii"))
        os.replace(fresh, path)
        count += 1
    return count


def rotate_field_key(*, actor: Actor) -> Rotation:
    """Encrypt every stored token and receipt again with the newest configured key; audited,
    atomic for the database."""
    with transaction.atomic():
        counts = {
            f"{model._meta.label_lower}.{field}": _rotate_column(model, field)
            for model, field in ENCRYPTED_COLUMNS
        }
        counts["receipt files"] = _rotate_receipts()
        record("expenses.field_key_rotated", actor=actor, counts=counts)
    return Rotation(counts=counts)
