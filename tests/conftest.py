"""Shared fixtures: staff users per role."""

from __future__ import annotations

import pytest


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


def pytest_collection_modifyitems(config, items):
    """Transactional tests restore the rows the data migrations made (domains, templates…).

    A transactional test empties every table when it ends; without a serialized rollback the
    next transactional test would run without the seeded domains, message templates and
    consent texts that every real database has.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if "serialized_rollback" in marker.kwargs:
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
