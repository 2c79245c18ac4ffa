"""Staff roles and what each may do (least privilege).

- coordinator: editions, participants, rooms, imports, planning (all identities of their work);
- researcher: pseudonymous research data only, never identities;
- admin: manages staff accounts and may use the Django admin for raw data;
- helper: a volunteer at the check-in desk on the day: names, refs, badges and rooms of the
  people expected, and the presence board; nothing else (no domains, no contact details).
- finance: pays approved expense claims: sees claims and payment batches, makes the SEPA file,
  marks it paid and reconciles bank statements; no people data beyond what a payment needs
  (the account holder and the amount), and never approves a claim.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    RESEARCHER = "researcher", _("researcher")
    ADMIN = "admin", _("admin")
    HELPER = "helper", _("day helper")
    FINANCE = "finance", _("finance")


#: Model permissions each role holds, as "app_label.codename" (granted by a data migration).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    StaffRole.COORDINATOR: tuple(
        f"{app}.{verb}_{model}"
        for app, model in [
            ("people", "person"),
            ("people", "expertprofile"),
            ("people", "membership"),
            ("people", "selfhelpgroup"),
            ("people", "experiencedomain"),
            ("editions", "edition"),
            ("editions", "participant"),
            ("editions", "room"),
            ("editions", "venue"),
            ("editions", "programmeblock"),
            ("editions", "knowslink"),
        ]
        for verb in ("view", "add", "change", "delete")
    ),
    StaffRole.RESEARCHER: ("people.view_experiencedomain", "editions.view_edition"),
    StaffRole.ADMIN: (
        *(f"auth.{verb}_user" for verb in ("view", "add", "change", "delete")),
        "privacy.view_auditentry",
    ),
    StaffRole.HELPER: (),
    StaffRole.FINANCE: (
        "expenses.view_claim",
        "expenses.view_claimevent",
        "expenses.view_paymentbatch",
        "expenses.add_paymentbatch",
        "expenses.change_paymentbatch",
        "expenses.view_bankstatement",
        "expenses.add_bankstatement",
        "expenses.view_statemententry",
        "expenses.add_statemententry",
    ),
}


def has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    """True when ``user`` is active staff in ``role`` (superusers hold every role)."""
    if not isinstance(user, PermissionsMixin):  # a visitor, or a user without groups
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=role).exists()


def sync_roles(**_kwargs: object) -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted: list[Permission] = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
