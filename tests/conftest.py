"""Shared fixtures: staff users per role."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english(settings):
    """Tests read the English source strings; the few that check Dutch or Italian ask for them.

    The product's default stays Dutch (config.settings.LANGUAGE_CODE = "nl"; checked in
    tests/web/test_security.py), and tests/test_catalogues.py checks that every string is
    translated.
    """
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dutch(settings, english, monkeypatch):
    """The product's own language for what coordinators read (pages, the command line): Dutch,
    with no --lang and no ONTMOETING_LANGUAGE. Overrides the ``english`` fixture."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "nl"
    monkeypatch.delenv("ONTMOETING_LANGUAGE", raising=False)
    with translation.override("nl"):
        yield


@pytest.fixture
def roles(db):
    from ontmoeting.privacy.roles import sync_roles

    sync_roles()


@pytest.fixture
def make_staff(roles, django_user_model):
    """Make an active staff user holding ``role`` (coordinator, researcher or admin)."""
    from django.contrib.auth.models import Group

    def make(role: str, username: str | None = None):
        user = django_user_model.objects.create_user(
            username=username or role, password="correct horse battery staple"
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


#: The data migrations that seed every real database (idempotent functions of (apps, editor)).
SEEDS = (
    ("ontmoeting.people.migrations.0002_seed_domains", "seed"),
    ("ontmoeting.messaging.migrations.0002_default_templates", "add_defaults"),
    ("ontmoeting.privacy.migrations.0003_default_consent_texts", "add_texts"),
    ("ontmoeting.surveys.migrations.0002_default_instruments", "forwards"),
    ("ontmoeting.expenses.migrations.0002_seed_rates", "seed"),
)


@pytest.fixture(autouse=True)
def _reseed_after_flush(request):
    """Transactional tests start with the rows the data migrations made (domains, templates…).

    A transactional test empties every table when it ends, so the next one would run without
    the seeded rows every real database has. (Django's serialized rollback cannot be used: the
    browser tests' event loop gives Django a fresh connection object without the snapshot.)
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
