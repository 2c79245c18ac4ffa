"""Keys and the SQLite database are made readable by their owner only (0600), whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from ontmoeting.expenses import crypto
from ontmoeting.privacy.files import write_private


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The usual umask of a server (022), which makes new files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.slow
def test_a_new_sqlite_database_and_secret_key_are_private(tmp_path):
    var = tmp_path / "var"
    script = (
        "import os; os.umask(0o022); import django; django.setup(); "
        "from django.db import connection; "
        "connection.cursor().execute('CREATE TABLE t (x int)')"
    )
    environment = {
        # The embedded SQLite database, also when the suite itself runs on PostgreSQL.
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "ONTMOETING_")) and k != "DATABASE_URL"
        },
        "DJANGO_SETTINGS_MODULE": "ontmoeting.config.settings",
        "ONTMOETING_VAR_DIR": str(var),
    }
    subprocess.run([sys.executable, "-c", script], env=environment, check=True)
    assert (var / "ontmoeting.sqlite3").stat().st_size > 0
    assert mode(var / "ontmoeting.sqlite3") == 0o600
    assert mode(var / "secret_key") == 0o600
    assert mode(var) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_the_development_field_key_is_made_private(settings, tmp_path):
    settings.ONTMOETING_FIELD_KEY = ""
    settings.ONTMOETING_FIELD_KEY_FILE = tmp_path / "keys" / "field_key"
    assert crypto.decrypt(crypto.encrypt("BE71096123456769")) == "BE71096123456769"
    assert mode(tmp_path / "keys" / "field_key") == 0o600
    assert mode(tmp_path / "keys") == 0o700


def test_production_never_makes_a_key_of_its_own(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.PRODUCTION = True
    settings.ONTMOETING_FIELD_KEY = ""
    settings.ONTMOETING_FIELD_KEY_FILE = tmp_path / "field_key"
    with pytest.raises(ImproperlyConfigured, match="ONTMOETING_FIELD_KEY"):
        crypto.encrypt("BE71096123456769")
    assert not (tmp_path / "field_key").exists()


def test_a_private_file_never_overwrites_one_that_exists(tmp_path):
    path = tmp_path / "field_key"
    assert write_private(path, b"first")
    assert not write_private(path, b"second")
    assert path.read_bytes() == b"first"
