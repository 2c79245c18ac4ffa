"""Encrypt the receipts stored before receipts were encrypted, in place (backwards: decrypt).

Each file is rewritten whole through a temporary file and a rename, so a run stopped half-way
leaves every file either as it was or encrypted; ``receipts.read_file`` reads both, and running
the step again finishes the rest. A missing file is left missing. The key is the one of the bank
accounts (``ONTMOETING_FIELD_KEY``); it is only needed when there is a file to change.
"""

from django.db import migrations


def _rewrite(path, content):
    from ontmoeting.expenses.receipts import write_private

    temporary = path.with_name(path.name + ".tmp")
    write_private(temporary, content)
    temporary.replace(path)


def _stored_paths(apps):
    from ontmoeting.expenses.receipts import path_of

    receipt = apps.get_model("expenses", "Receipt")
    for stored_name in receipt.objects.values_list("stored_name", flat=True).iterator():
        path = path_of(stored_name)
        if path.is_file():
            yield path


def encrypt(apps, schema_editor):
    from ontmoeting.expenses.crypto import encrypt_bytes
    from ontmoeting.expenses.receipts import is_encrypted

    for path in _stored_paths(apps):
        stored = path.read_bytes()
        if not is_encrypted(stored):
            _rewrite(path, encrypt_bytes(stored).encode("ascii"))


def decrypt(apps, schema_editor):
    from ontmoeting.expenses.crypto import decrypt_bytes
    from ontmoeting.expenses.receipts import is_encrypted

    for path in _stored_paths(apps):
        stored = path.read_bytes()
        if is_encrypted(stored):
            _rewrite(path, decrypt_bytes(stored.decode("ascii")))


class Migration(migrations.Migration):
    dependencies = [("expenses", "0003_claim_submitted_by")]
    operations = [migrations.RunPython(encrypt, decrypt)]
