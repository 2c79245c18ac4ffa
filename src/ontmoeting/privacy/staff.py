"""Staff accounts: list them, create one with a role, change its role, deactivate it (admins
only)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.roles import StaffRole


def role_of(user: AbstractUser) -> str:
    """The user's staff role ('' when none); one role per account."""
    names = {g.name for g in user.groups.all()}
    return next((role for role in StaffRole.values if role in names), "")


def staff_accounts() -> list[tuple[AbstractUser, str]]:
    """Every account with its role ('' when none), by username (one query for the roles)."""
    users = get_user_model().objects.prefetch_related("groups").order_by("username")
    return [(user, role_of(user)) for user in users]


def username_taken(username: str) -> bool:
    """True when an account has ``username`` (ignoring case)."""
    return get_user_model().objects.filter(username__iexact=username).exists()


@transaction.atomic
def create_staff(*, username: str, email: str, role: str, actor: Actor) -> tuple[AbstractUser, str]:
    """Create an active account holding ``role``; returns it with a one-time random password."""
    password = secrets.token_urlsafe(12)
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    user.groups.set([Group.objects.get(name=role)])
    if role == StaffRole.ADMIN:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    record("staff.create", actor=actor, obj=user, username=username, role=role)
    return user, password


@transaction.atomic
def change_staff(user: AbstractUser, *, role: str, active: bool, actor: Actor) -> AbstractUser:
    """Give ``user`` exactly ``role`` and set whether the account is active (idempotent)."""
    before = (role_of(user), user.is_active)
    if before == (role, active):
        return user
    user.groups.set([Group.objects.get(name=role)])
    user.is_active = active
    user.is_staff = role == StaffRole.ADMIN
    user.save(update_fields=["is_active", "is_staff"])
    record(
        "staff.change",
        actor=actor,
        obj=user,
        before={"role": before[0], "active": before[1]},
        after={"role": role, "active": active},
    )
    return user
