"""Security defaults: a secret key in production, a strict CSP, least-privilege roles.

The deploy check itself: tests/test_deploy_checks.py."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"} | {
        "ONTMOETING_ENV": "production",
        "DJANGO_ALLOWED_HOSTS": "x.example.org",
        "ONTMOETING_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "ontmoeting.manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/login/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy


def test_dutch_is_the_default_language():
    from ontmoeting.config import settings as defaults

    assert defaults.LANGUAGE_CODE == "nl"
    assert [code for code, _ in defaults.LANGUAGES] == ["nl", "en", "it"]


@pytest.mark.django_db
def test_login_page_speaks_dutch_by_default(client):
    response = client.get("/login/")
    assert "Aanmelden" in response.content.decode()
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


@pytest.mark.django_db
def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.django_db
def test_researcher_holds_no_permission_on_identities(make_staff):
    researcher = make_staff("researcher")
    for perm in ("people.view_person", "people.view_expertprofile", "editions.view_participant"):
        assert not researcher.has_perm(perm)
    coordinator = make_staff("coordinator")
    assert coordinator.has_perm("people.view_person")
    assert not coordinator.has_perm("auth.change_user")
    admin = make_staff("admin")
    assert admin.has_perm("auth.change_user")
    assert not admin.has_perm("people.view_person")
