"""Backups that restore: ``ontmoeting backup`` writes one private archive with the database, the
stored receipts and uploads and a manifest; ``ontmoeting restore`` puts it back into a fresh
installation, where the rows per table and the decrypted bank accounts are those of the
original, and refuses, changing nothing, a damaged archive, a newer schema, another vendor, a
database that is not empty (without --yes) and a key that differs from the one configured.

The round trip runs on the database of the pass: SQLite into a new SQLite file, PostgreSQL (CI's
second pass) into a scratch database made and dropped here. The restore and the reading of the
restored data run as real ``ontmoeting`` processes, as an operator runs them.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import socket
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from ontmoeting.cli import main
from ontmoeting.expenses.models import Claim, Receipt
from ontmoeting.expenses.receipts import read_file
from ontmoeting.privacy.backup_archive import MANIFEST, Manifest
from ontmoeting.privacy.backup_database import configured_snapshot
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory
from tests.web.expenses_factories import GOOD_IBAN, OTHER_IBAN, expert, png_bytes, submitted

ROOT = Path(__file__).resolve().parents[2]
FIELD_KEY = Fernet.generate_key().decode()
RESEARCH_KEY = secrets.token_hex(32)
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.english]


@pytest.fixture
def installation(settings, tmp_path):
    """Keys, receipts and uploads of the installation being backed up, in a folder of the test."""
    settings.ONTMOETING_FIELD_KEY = FIELD_KEY
    settings.ONTMOETING_RESEARCH_KEY = RESEARCH_KEY
    settings.ONTMOETING_RECEIPTS_DIR = tmp_path / "source" / "receipts"
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    upload = settings.MEDIA_ROOT / "uploads" / "roster.csv"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"email;first_name\n")
    return tmp_path


@pytest.fixture
def claims(installation):
    """Two experts' claims with their bank accounts and receipts; the IBANs by claim."""
    edition = EditionFactory()
    made = [submitted(expert(edition), iban=iban) for iban in (GOOD_IBAN, OTHER_IBAN)]
    return {claim.pk: iban for claim, iban in zip(made, (GOOD_IBAN, OTHER_IBAN), strict=True)}


def backup(out: Path, *extra: str) -> Path:
    assert main(["backup", str(out), *extra]) == 0
    return out


def members(archive: Path) -> list[str]:
    with tarfile.open(archive) as tar:
        return tar.getnames()


def manifest_of(archive: Path) -> Manifest:
    with tarfile.open(archive) as tar:
        member = tar.extractfile(MANIFEST)
        assert member is not None
        return Manifest.from_json(member.read())


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` with ``change(name, data)`` applied to every member's bytes."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            handle = source.extractfile(member)
            data = change(member.name, handle.read() if handle else b"")
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


# --- What the archive holds ---------------------------------------------------------------


@pytest.mark.usefixtures("claims")
def test_the_keys_stay_out_of_the_archive_unless_asked(tmp_path, capsys):
    plain = backup(tmp_path / "plain.tar.gz")
    names = members(plain)
    assert names[0] == "manifest.json"
    assert f"database.{'sqlite3' if connection.vendor == 'sqlite' else 'pgdump'}" in names
    assert "files/media/uploads/roster.csv" in names
    assert len([name for name in names if name.startswith("files/receipts/")]) == 2
    assert not [name for name in names if name.startswith("keys/")]
    assert plain.stat().st_mode & 0o777 == 0o600
    assert manifest_of(plain).keys_included is False
    capsys.readouterr()

    with_keys = backup(tmp_path / "keys.tar.gz", "--with-keys")
    assert {"keys/field_key", "keys/research_key"} <= set(members(with_keys))
    assert manifest_of(with_keys).keys_included is True
    assert "store it as carefully as the keys" in capsys.readouterr().err


def test_the_manifest_describes_the_dump(claims, tmp_path):
    before = configured_snapshot()
    manifest = manifest_of(backup(tmp_path / "b.tar.gz"))
    assert manifest.vendor == connection.vendor
    assert manifest.row_counts == before.row_counts
    assert manifest.row_counts["expenses_claim"] == len(claims)
    assert manifest.migrations["expenses"] == before.migrations["expenses"]
    assert set(manifest.members) == set(members(tmp_path / "b.tar.gz")) - {"manifest.json"}
    assert all(len(digest) == 64 for digest in manifest.members.values())
    entry = AuditEntry.objects.get(action="backup.created")
    assert entry.data["keys_included"] is False
    assert GOOD_IBAN not in json.dumps(entry.data)


# --- Refusals that change nothing ---------------------------------------------------------


@pytest.mark.usefixtures("claims")
def test_a_damaged_archive_is_refused_and_nothing_changes(tmp_path, capsys):
    archive = backup(tmp_path / "b.tar.gz")
    Claim.objects.all().delete()
    before = configured_snapshot().row_counts

    def flip_a_byte(name: str, data: bytes) -> bytes:
        if not name.startswith("database."):
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]

    damaged = rewrite(archive, tmp_path / "damaged.tar.gz", flip_a_byte)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    for broken in (damaged, truncated):
        assert main(["restore", str(broken), "--yes"]) == 2
        assert "Not restored: The archive" in capsys.readouterr().err
        assert configured_snapshot().row_counts == before


@pytest.mark.usefixtures("claims")
def test_a_database_that_is_not_empty_is_replaced_only_with_yes(tmp_path, capsys):
    archive = backup(tmp_path / "b.tar.gz")
    Claim.objects.all().delete()
    assert main(["restore", str(archive)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert Claim.objects.count() == 0

    assert main(["restore", str(archive), "--yes"]) == 0
    assert Claim.objects.count() == 2
    assert AuditEntry.objects.filter(action="backup.restored").count() == 1


@pytest.mark.usefixtures("claims")
def test_a_key_that_differs_from_the_configured_one_is_never_overwritten(
    settings, tmp_path, capsys
):
    archive = backup(tmp_path / "b.tar.gz", "--with-keys")
    Claim.objects.all().delete()
    settings.ONTMOETING_FIELD_KEY = ""
    settings.ONTMOETING_FIELD_KEY_FILE = tmp_path / "field_key"
    other = Fernet.generate_key()
    settings.ONTMOETING_FIELD_KEY_FILE.write_bytes(other + b"\n")
    assert main(["restore", str(archive), "--yes"]) == 2
    assert "ONTMOETING_FIELD_KEY" in capsys.readouterr().err
    assert settings.ONTMOETING_FIELD_KEY_FILE.read_bytes() == other + b"\n"
    assert Claim.objects.count() == 0


@pytest.mark.usefixtures("claims")
def test_an_archive_of_a_newer_schema_is_refused(tmp_path, capsys):
    archive = backup(tmp_path / "b.tar.gz")

    def from_the_future(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["expenses"] = "9999_from_the_future"
        return json.dumps(manifest).encode()

    newer = rewrite(archive, tmp_path / "newer.tar.gz", from_the_future)
    assert main(["restore", str(newer), "--yes"]) == 2
    assert "9999_from_the_future" in capsys.readouterr().err


# --- The round trip into a fresh installation ---------------------------------------------


def _postgres_answers() -> bool:
    try:
        with socket.create_connection((PG["host"], PG["port"]), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def scratch_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database for a restore; dropped afterwards. Its URL."""
    if not _postgres_answers():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    import psycopg

    name = f"ontmoeting_restore_{secrets.token_hex(4)}"
    with closing(psycopg.connect(dbname="postgres", autocommit=True, **PG)) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    finally:
        with closing(psycopg.connect(dbname="postgres", autocommit=True, **PG)) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def target(tmp_path, request) -> dict[str, str]:
    """The environment of a fresh installation: its own folder, no keys, and an empty database
    of the vendor the suite runs on."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ONTMOETING_", "PG")) and key != "DATABASE_URL"
    }
    env.update({"ONTMOETING_VAR_DIR": str(tmp_path / "target"), "PYTHONPATH": str(ROOT / "src")})
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = request.getfixturevalue("scratch_postgres")
    return env


def ontmoeting(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ontmoeting.cli", "--lang", "en", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


READ_BACK = """
import json
from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.models import Claim, Receipt
from ontmoeting.expenses.receipts import read_file
from ontmoeting.privacy.backup_database import configured_snapshot
print(json.dumps({
    "counts": configured_snapshot().row_counts,
    "ibans": {c.pk: decrypt(c.iban_encrypted) for c in Claim.objects.all()},
    "receipts": {r.stored_name: read_file(r.stored_name).hex() for r in Receipt.objects.all()},
}))
"""


def read_back(env: dict[str, str]) -> dict:
    done = ontmoeting(env, "manage", "shell", "-c", READ_BACK)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.slow
def test_a_restored_backup_holds_the_same_rows_and_bank_accounts(claims, tmp_path, target):
    receipts = {r.stored_name: read_file(r.stored_name) for r in Receipt.objects.all()}
    counts = configured_snapshot().row_counts
    archive = backup(tmp_path / "b.tar.gz", "--with-keys")

    done = ontmoeting(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Every table holds the rows of the archive." in done.stdout
    assert "expenses_claim: 2 / 2" in done.stdout
    assert "Keys written from the archive: ONTMOETING_FIELD_KEY, ONTMOETING_RESEARCH_KEY" in (
        done.stdout
    )

    restored = read_back(target)
    audit = "privacy_auditentry"  # one entry more: the restore's (the backup's followed its dump)
    assert restored["counts"][audit] == counts[audit] + 1
    assert {t: n for t, n in restored["counts"].items() if t != audit} == {
        t: n for t, n in counts.items() if t != audit
    }
    assert {int(pk): iban for pk, iban in restored["ibans"].items()} == claims
    assert {name: bytes.fromhex(data) for name, data in restored["receipts"].items()} == receipts
    assert set(receipts.values()) == {png_bytes()}
    var = Path(target["ONTMOETING_VAR_DIR"])
    assert (var / "media" / "uploads" / "roster.csv").read_bytes() == b"email;first_name\n"
    assert (var / "field_key").read_text().strip() == FIELD_KEY
    assert (var / "field_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.slow
@pytest.mark.usefixtures("claims")
def test_without_its_keys_a_restore_says_which_key_to_put_in_place(tmp_path, target):
    archive = backup(tmp_path / "b.tar.gz")
    done = ontmoeting(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "No key configured for ONTMOETING_FIELD_KEY, ONTMOETING_RESEARCH_KEY" in done.stderr
    assert not (Path(target["ONTMOETING_VAR_DIR"]) / "field_key").exists()


@pytest.mark.slow
@pytest.mark.usefixtures("claims")
def test_an_archive_of_the_other_vendor_is_refused(tmp_path, request):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass restores its archive into PostgreSQL")
    scratch_postgres = request.getfixturevalue("scratch_postgres")
    archive = backup(tmp_path / "b.tar.gz")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ONTMOETING_", "PG"))
    }
    env.update(
        {
            "ONTMOETING_VAR_DIR": str(tmp_path / "target"),
            "PYTHONPATH": str(ROOT / "src"),
            "DATABASE_URL": scratch_postgres,
        }
    )
    done = ontmoeting(env, "restore", str(archive), "--yes")
    assert done.returncode == 2
    assert "holds a sqlite database, but this installation uses postgresql" in done.stderr


@pytest.mark.slow
def test_an_archive_of_an_older_schema_restores_and_then_migrates(claims, tmp_path, target):
    from django.core.management import call_command

    call_command("migrate", "dayof", "0001", verbosity=0)  # as an older version left it
    try:
        archive = backup(tmp_path / "older.tar.gz", "--with-keys")
    finally:
        call_command("migrate", "dayof", verbosity=0)
    assert manifest_of(archive).migrations["dayof"] == "0001_initial"

    done = ontmoeting(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "run 'ontmoeting manage migrate' now" in done.stdout
    migrated = ontmoeting(target, "manage", "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    assert "dayof.0002" in migrated.stdout

    restored = read_back(target)
    assert "dayof_debriefingsession" in restored["counts"]  # made by the migration after all
    assert {int(pk): iban for pk, iban in restored["ibans"].items()} == claims


@pytest.mark.slow
@pytest.mark.usefixtures("claims")
def test_a_backup_taken_while_the_app_writes_is_consistent(tmp_path, target):
    import threading

    from django.db import connections

    from ontmoeting.privacy.audit import record

    stop = threading.Event()
    written = []

    def keep_writing() -> None:
        while not stop.wait(0.005):
            record("test.write", actor="writer")
            written.append(1)
        connections.close_all()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:  # the writer is well under way
            stop.wait(0.01)
        archive = backup(tmp_path / "busy.tar.gz")
    finally:
        stop.set()
        writer.join()
    archived = manifest_of(archive).row_counts["privacy_auditentry"]
    assert archived < AuditEntry.objects.count()  # the writer went on after the snapshot

    done = ontmoeting(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Every table holds the rows of the archive." in done.stdout
