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
