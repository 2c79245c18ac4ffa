"""Key rotation: several field keys (the first encrypts, all decrypt) and
``ontmoeting expenses rotate-key``, after which the old key can go."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, InvalidToken

from ontmoeting.cli import main
from ontmoeting.expenses import crypto
from ontmoeting.expenses.models import Claim, PaymentBatch, Receipt
from ontmoeting.expenses.payments import batch_file, create_batch
from ontmoeting.expenses.receipts import read_file
from ontmoeting.expenses.services import approve_claim
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.expenses_factories import GOOD_IBAN, OTHER_IBAN, expert, private_receipts, submitted

__all__ = ["private_receipts"]

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def test_a_token_of_the_old_key_reads_while_both_keys_are_configured(settings):
    settings.ONTMOETING_FIELD_KEY = OLD
    token = crypto.encrypt(GOOD_IBAN)
    settings.ONTMOETING_FIELD_KEY = f"{NEW},{OLD}"
    assert crypto.decrypt(token) == GOOD_IBAN
    fresh = crypto.encrypt(OTHER_IBAN)
    assert Fernet(NEW.encode()).decrypt(fresh.encode()).decode() == OTHER_IBAN
    with pytest.raises(InvalidToken):
        Fernet(OLD.encode()).decrypt(fresh.encode())


def test_the_key_file_holds_one_key_a_line(settings, tmp_path):
    settings.ONTMOETING_FIELD_KEY = OLD
    token = crypto.encrypt(GOOD_IBAN)
    path = tmp_path / "field_key"
    path.write_text(f"{NEW}\n{OLD}\n")
    settings.ONTMOETING_FIELD_KEY = ""
    settings.ONTMOETING_FIELD_KEY_FILE = path
    assert crypto.decrypt(token) == GOOD_IBAN


@pytest.mark.django_db
@pytest.mark.usefixtures("private_receipts")
def test_rotate_key_encrypts_everything_again_so_the_old_key_can_go(settings, make_staff, capsys):
    settings.ONTMOETING_FIELD_KEY = OLD
    coordinator = make_staff("coordinator")
    edition = EditionFactory()
    approve_claim(claim=submitted(expert(edition), iban=OTHER_IBAN), actor=coordinator)
    draft = submitted(expert(edition), iban=GOOD_IBAN)
    batch = create_batch(edition=edition, actor=make_staff("finance"))
    sepa_before = batch_file(batch)

    receipts_before = {r.stored_name: read_file(r.stored_name) for r in Receipt.objects.all()}
    assert receipts_before  # every claim carries its ticket

    settings.ONTMOETING_FIELD_KEY = f"{NEW},{OLD}"
    assert main(["expenses", "rotate-key"]) == 0
    total = 3 + len(receipts_before)
    assert (
        capsys.readouterr().out
        == f"{total} opgeslagen waarden opnieuw versleuteld met de eerste sleutel.\n"
    )

    settings.ONTMOETING_FIELD_KEY = NEW
    assert crypto.decrypt(Claim.objects.get(pk=draft.pk).iban_encrypted) == GOOD_IBAN
    assert {name: read_file(name) for name in receipts_before} == receipts_before
    assert batch_file(PaymentBatch.objects.get(pk=batch.pk)) == sepa_before
    old = Fernet(OLD.encode())
    for token in Claim.objects.values_list("iban_encrypted", flat=True):
        with pytest.raises(InvalidToken):
            old.decrypt(token.encode())
    entry = AuditEntry.objects.get(action="expenses.field_key_rotated")
    assert entry.data == {
        "counts": {
            "expenses.claim.iban_encrypted": 2,
            "expenses.paymentbatch.sepa_encrypted": 1,
            "receipt files": len(receipts_before),
        }
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("private_receipts")
def test_rotate_key_without_the_old_key_changes_nothing(settings, capsys):
    settings.ONTMOETING_FIELD_KEY = OLD
    first = submitted(expert(), iban=GOOD_IBAN)
    settings.ONTMOETING_FIELD_KEY = NEW
    second = submitted(expert(), iban=OTHER_IBAN)
    tokens = dict(Claim.objects.values_list("pk", "iban_encrypted"))

    assert main(["expenses", "rotate-key"]) == 2
    assert "Er is niets gewijzigd" in capsys.readouterr().err
    assert dict(Claim.objects.values_list("pk", "iban_encrypted")) == tokens
    settings.ONTMOETING_FIELD_KEY = f"{NEW},{OLD}"
    assert [crypto.decrypt(tokens[c.pk]) for c in (first, second)] == [GOOD_IBAN, OTHER_IBAN]
