"""Shared fixtures: the test language (Dutch unless a test reads English on purpose), staff users
per role, the seeded rows after a transactional test."""

from __future__ import annotations

import os

import pytest

#: Fixtures through which a test reaches the database (pytest-django's; its blocker is autouse).
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "english: the test reads English on purpose (see the ``ui_language`` fixture)"
    )


def _uses_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL (CI's second pass, ``DATABASE_URL=postgres://…``) run only the tests that
    reach the database: the others (the engine, pure functions, subprocess and file checks)
    cannot behave differently there, and ran on the SQLite pass. pytest-django refuses database
    access to a test without the marker or a database fixture, so none can slip through."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="touches no database: run on the SQLite pass")
    for item in items:
        if not _uses_the_database(item):
            item.add_marker(skip)


#: One round of MD5 instead of Django's PBKDF2 (a million rounds, about 0.4 s a password): the
#: tests make hundreds of staff users. Production keeps Django's default hashers (settings.py
#: sets none); `ontmoeting demo` is run with the real ones in tests/demo/test_demo.py.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def ui_language(request, settings, monkeypatch):
    """Every test runs in the product's own language, Dutch, as coordinators and participants
    read it: pages, the command line (no --lang, no ONTMOETING_LANGUAGE), e-mails, documents.

    A test that reads the English interface on purpose says so with ``@pytest.mark.english``
    (or a module's ``pytestmark``): LANGUAGE_CODE "en", gettext in English, an en-GB browser.
    A test of a language chosen the product's own way (``--lang``, a person's language, the
    Accept-Language of a request) chooses it that way, inside the test. The product's default
    is checked in tests/web/test_security.py, every catalogue's completeness in
    tests/test_catalogues.py, and tests/web/test_untranslated.py fails when a Dutch page shows
    an English source string. (Named ``ui_language`` so that a test parametrized on
    ``language`` does not replace it.)
    """
    from django.utils import translation

    code = "en" if request.node.get_closest_marker("english") else "nl"
    settings.LANGUAGE_CODE = code
    monkeypatch.delenv("ONTMOETING_LANGUAGE", raising=False)
    with translation.override(code):
        yield code


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


@pytest.fixture(autouse=True)
def _force_login_is_a_full_sign_in(monkeypatch):
    """``client.force_login(user)`` stands for a finished sign-in, second factor included.

    A user who needs a second factor (admins, see ``privacy/two_factor.py``) would otherwise be
    sent to the code page by every view. So for them force_login also gives an authenticator
    app (made when missing) and marks the session verified by it, as the code page does. The
    tests of the sign-in itself log in through the login form and the code page instead.
    """
    from django.test.client import ClientMixin

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from ontmoeting.privacy.two_factor import has_second_factor, second_factor_required

        original(self, user, backend)
        if not (second_factor_required(user) or has_second_factor(user)):
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


#: The data migrations that seed every real database (idempotent functions of (apps, editor)).
SEEDS = (
    ("ontmoeting.people.migrations.0002_seed_domains", "seed"),
    ("ontmoeting.people.migrations.0007_seed_sectors", "seed"),
    ("ontmoeting.messaging.migrations.0002_default_templates", "add_defaults"),
    ("ontmoeting.privacy.migrations.0003_default_consent_texts", "add_texts"),
    ("ontmoeting.surveys.migrations.0002_default_instruments", "forwards"),
    ("ontmoeting.surveys.migrations.0004_experience_worker_instrument", "forwards"),
    ("ontmoeting.expenses.migrations.0006_seed_rate_periods", "seed"),
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


@pytest.fixture
def task_worker(transactional_db):
    """A worker beside the live server, as ``ontmoeting worker`` runs beside the web server: it
    runs the tasks the pages enqueue (plan runs, document packs), in a thread of the test."""
    import threading

    from django.db import connections

    from ontmoeting.background.worker import WorkerOptions, run

    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            run(WorkerOptions(batch=True, schedule=False))
            stop.wait(0.2)
        connections.close_all()

    thread = threading.Thread(target=work, name="test-task-worker", daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=60)
