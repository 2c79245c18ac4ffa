"""``check --deploy`` refuses a production that would fail its users: without a field key, with
links to localhost or over HTTP, with mail in clear text, with the demo debtor, with key and
database files other users can read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks

from ontmoeting.expenses import sepa

KEY = Fernet.generate_key().decode()
RESEARCH_KEY = "5f0c" * 16
DEPARTMENT = {"name": "Hogeschool Sociaal Werk", "IBAN": "BE71096123456769", "BIC": "GKCCBEBB"}


def use_database(monkeypatch, **database) -> None:
    """The default database's settings changed for this test only (the checks read them; the
    tests here open no connection)."""
    from django.conf import settings

    monkeypatch.setitem(
        settings.DATABASES, "default", {**settings.DATABASES["default"], **database}
    )


@pytest.fixture
def production(settings, tmp_path, monkeypatch):
    """Settings that pass every deploy check of ontmoeting; each test breaks one of them."""
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    use_database(monkeypatch, ENGINE="django.db.backends.postgresql")
    settings.ONTMOETING_FIELD_KEY = KEY
    settings.ONTMOETING_FIELD_KEY_FILE = tmp_path / "etc" / "field_key"
    settings.ONTMOETING_RESEARCH_KEY = RESEARCH_KEY
    settings.SITE_URL = "https://ontmoeting.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_USE_TLS = True
    settings.EMAIL_USE_SSL = False
    settings.ONTMOETING_DEBTOR_NAME = DEPARTMENT["name"]
    settings.ONTMOETING_DEBTOR_IBAN = DEPARTMENT["IBAN"]
    settings.ONTMOETING_DEBTOR_BIC = DEPARTMENT["BIC"]
    return settings


def deploy_errors() -> list[str]:
    """The ids of ontmoeting's own findings of ``check --deploy``."""
    return sorted(
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id and message.id.startswith("ontmoeting.")
    )


def key_file(production, tmp_path, *, mode=0o600, inside_data=False):
    path = (production.VAR_DIR if inside_data else tmp_path / "etc") / "field_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(KEY + "\n")
    path.chmod(mode)
    production.ONTMOETING_FIELD_KEY = ""
    production.ONTMOETING_FIELD_KEY_FILE = path
    return path


def test_a_well_configured_production_passes(production):
    assert deploy_errors() == []


def test_no_field_key_fails(production):
    production.ONTMOETING_FIELD_KEY = ""
    assert deploy_errors() == ["ontmoeting.E001"]


def test_no_research_key_or_a_short_one_fails(production, tmp_path):
    production.ONTMOETING_RESEARCH_KEY = ""
    production.ONTMOETING_RESEARCH_KEY_FILE = tmp_path / "etc" / "absent"
    assert deploy_errors() == ["ontmoeting.E011"]
    production.ONTMOETING_RESEARCH_KEY = "short"
    assert deploy_errors() == ["ontmoeting.E011"]


def test_a_research_key_file_in_the_data_directory_or_readable_by_others_fails(production):
    path = production.VAR_DIR / "research_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RESEARCH_KEY)
    path.chmod(0o644)
    production.ONTMOETING_RESEARCH_KEY = ""
    production.ONTMOETING_RESEARCH_KEY_FILE = path
    assert deploy_errors() == ["ontmoeting.E012", "ontmoeting.E013"]


def test_a_field_key_that_is_no_fernet_key_fails(production):
    production.ONTMOETING_FIELD_KEY = f"{KEY},not-a-key"
    assert deploy_errors() == ["ontmoeting.E002"]


def test_a_private_key_file_outside_the_data_passes(production, tmp_path):
    key_file(production, tmp_path)
    assert deploy_errors() == []


def test_a_key_file_in_the_data_directory_fails(production, tmp_path):
    key_file(production, tmp_path, inside_data=True)
    assert deploy_errors() == ["ontmoeting.E003"]


def test_a_key_file_beside_the_sqlite_database_fails(production, tmp_path, monkeypatch):
    key_file(production, tmp_path)
    use_database(
        monkeypatch, ENGINE="django.db.backends.sqlite3", NAME=tmp_path / "etc" / "db.sqlite3"
    )
    assert deploy_errors() == ["ontmoeting.E003"]


def test_a_key_file_other_users_can_read_fails(production, tmp_path):
    key_file(production, tmp_path, mode=0o644)
    assert deploy_errors() == ["ontmoeting.E004"]


def test_the_demo_debtor_fails(production):
    production.ONTMOETING_DEBTOR_IBAN = sepa.DEMO_DEBTOR["IBAN"]
    assert deploy_errors() == ["ontmoeting.E005"]


def test_the_demo_debtor_name_fails(production):
    production.ONTMOETING_DEBTOR_NAME = sepa.DEMO_DEBTOR["name"]
    assert deploy_errors() == ["ontmoeting.E005"]


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1:8000",
        "https://localhost",
        "https://[::1]/",
        "https://0.0.0.0",
        "https://",
    ],
)
def test_a_site_url_on_this_machine_fails(production, url):
    production.SITE_URL = url
    assert deploy_errors() == ["ontmoeting.E006"]


def test_a_site_url_over_http_fails(production):
    production.SITE_URL = "http://ontmoeting.example.org"
    assert deploy_errors() == ["ontmoeting.E007"]


def test_the_development_site_url_fails_twice(production):
    production.SITE_URL = "http://127.0.0.1:8000"
    assert deploy_errors() == ["ontmoeting.E006", "ontmoeting.E007"]


def test_smtp_without_tls_fails(production):
    production.EMAIL_USE_TLS = False
    assert deploy_errors() == ["ontmoeting.E008"]


def test_smtp_with_implicit_tls_passes(production):
    production.EMAIL_USE_TLS = False
    production.EMAIL_USE_SSL = True
    assert deploy_errors() == []


def test_smtp_with_both_tls_and_ssl_fails(production):
    production.EMAIL_USE_SSL = True
    assert deploy_errors() == ["ontmoeting.E009"]


def test_an_sqlite_database_other_users_can_read_fails(production, tmp_path, monkeypatch):
    database = tmp_path / "ontmoeting.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    use_database(monkeypatch, ENGINE="django.db.backends.sqlite3", NAME=database)
    assert deploy_errors() == ["ontmoeting.E010"]
    database.chmod(0o600)
    assert deploy_errors() == []


def production_environment(tmp_path, **env: str) -> dict[str, str]:
    return {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "ONTMOETING_", "EMAIL_"))
        },
        "ONTMOETING_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-test-only-key-0123456789-ABCDEFGHIJ",
        "DJANGO_ALLOWED_HOSTS": "ontmoeting.example.org",
        "ONTMOETING_VAR_DIR": str(tmp_path),
        **env,
    }


def manage_check_deploy(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ontmoeting.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(tmp_path, **env),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_production_with_the_development_defaults_refuses_the_deploy_check(tmp_path):
    result = manage_check_deploy(tmp_path)
    assert result.returncode == 1
    found = {
        line.split(")")[0].split("(")[-1] for line in result.stderr.splitlines() if "(" in line
    }
    assert {
        "ontmoeting.E001",
        "ontmoeting.E005",
        "ontmoeting.E006",
        "ontmoeting.E007",
        "ontmoeting.E008",
        "ontmoeting.E011",
    } <= found


@pytest.mark.slow
def test_production_configured_as_docs_operations_says_passes_the_deploy_check(tmp_path):
    result = manage_check_deploy(
        tmp_path,
        ONTMOETING_FIELD_KEY=KEY,
        ONTMOETING_RESEARCH_KEY=RESEARCH_KEY,
        ONTMOETING_SITE_URL="https://ontmoeting.example.org",
        EMAIL_USE_TLS="1",
        ONTMOETING_DEBTOR_NAME=DEPARTMENT["name"],
        ONTMOETING_DEBTOR_IBAN=DEPARTMENT["IBAN"],
        ONTMOETING_DEBTOR_BIC=DEPARTMENT["BIC"],
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_the_production_web_server_refuses_to_start_with_a_deploy_error(tmp_path):
    environment = production_environment(
        tmp_path,
        ONTMOETING_SITE_URL="https://ontmoeting.example.org",
        EMAIL_USE_TLS="1",
        ONTMOETING_DEBTOR_NAME=DEPARTMENT["name"],
        ONTMOETING_DEBTOR_IBAN=DEPARTMENT["IBAN"],
        ONTMOETING_RESEARCH_KEY=RESEARCH_KEY,
    )
    load = [sys.executable, "-c", "import ontmoeting.config.wsgi"]
    refused = subprocess.run(load, env=environment, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "Refusing to start" in refused.stderr
    assert "ontmoeting.E001" in refused.stderr
    started = subprocess.run(
        load, env={**environment, "ONTMOETING_FIELD_KEY": KEY}, capture_output=True, check=False
    )
    assert started.returncode == 0, started.stderr
