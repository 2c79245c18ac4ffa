"""Writing to the audit log: one entry per change or sensitive read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from ontmoeting.privacy.models import AuditEntry

#: Who acts: a user, a visitor, a label such as 'cli' or 'portal', or nobody.
Actor = AbstractBaseUser | AnonymousUser | str | None


def actor_user(actor: Actor) -> User | None:
    """The signed-in user behind ``actor`` (the user model is ``auth.User``); None for a label,
    a visitor or nobody."""
    return actor if isinstance(actor, User) else None


def requester_fields(actor: Actor) -> dict[str, Any]:
    """``requested_by`` and ``requested_by_label`` of a queued job (a plan run, a pack) asked
    for by ``actor``: the user when signed in, else the label (a command's "cli")."""
    if isinstance(actor, str):
        return {"requested_by": None, "requested_by_label": actor}
    if actor is not None and actor.is_authenticated:
        return {"requested_by": actor, "requested_by_label": actor.get_username()}
    return {"requested_by": None, "requested_by_label": ""}


def record(
    action: str, *, actor: Actor, obj: models.Model | None = None, **data: Any
) -> AuditEntry:
    """Record ``action`` by ``actor`` (a user or a label such as 'cli') on ``obj``."""
    user = actor_user(actor)
    label = actor if isinstance(actor, str) else (user.get_username() if user else "")
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data,
    )
