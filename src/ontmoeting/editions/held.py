"""Registrations held for their owner: a shared link never changes someone we already know.

A group's registration link is shared and anyone may fill in its form. When what was sent
names a person we already know (by e-mail, or by phone and name), nothing about that person is
changed: the form's data is held (``HeldRegistration``) and the person gets a link at the
address we already have. Following it and confirming applies the registration as if they had
used a personal link. A coordinator who checked with the person may apply it too, or discard it.
The answer on the page is the same whether the person was known or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition, HeldRegistration, Invitation, Participant
from ontmoeting.editions.notices import queue_notice
from ontmoeting.editions.registration import (
    ExpertRegistration,
    check_registration,
    known_person,
    register_expert,
)
from ontmoeting.people.models import ExperienceDomain, Person, SelfHelpGroup
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tokens import hash_token, is_well_formed, new_token

#: How long the owner's link to apply a held registration works.
HOLD_DAYS = 14


def to_json(data: ExpertRegistration) -> dict[str, Any]:
    """The form's data as JSON: objects by primary key, the date as ISO text."""
    plain = asdict(data)
    plain["self_help_group"] = data.self_help_group.pk
    plain["domains"] = [domain.pk for domain in data.domains]
    plain["member_since"] = data.member_since.isoformat()
    plain["languages"] = list(data.languages)
    return plain


def from_json(plain: dict[str, Any]) -> ExpertRegistration:
    """The form's data back from :func:`to_json` (a domain deleted since is dropped)."""
    group = SelfHelpGroup.objects.filter(pk=plain["self_help_group"]).first()
    if group is None:
        raise ValidationError(_("The self-help group of this registration no longer exists."))
    values = {
        **plain,
        "self_help_group": group,
        "domains": tuple(ExperienceDomain.objects.filter(pk__in=plain["domains"])),
        "member_since": dt.date.fromisoformat(plain["member_since"]),
        "languages": tuple(plain["languages"]),
    }
    return ExpertRegistration(**values)


def check_link(raw: str) -> str:
    """The full URL of the owner's link that opens held registration ``raw``."""
    return settings.SITE_URL + reverse("web:register-check", kwargs={"token": raw})


@transaction.atomic
def hold_registration(
    *,
    edition: Edition,
    data: ExpertRegistration,
    person: Person,
    invitation: Invitation | None,
    actor: Actor,
) -> HeldRegistration:
    """Hold what a shared link sent for ``person`` and ask them, at their own address.

    The person is not changed. Without an e-mail address on record nobody is asked; the
    coordinator sees the held registration on the invitations page.
    """
    raw = new_token()
    held = HeldRegistration.objects.create(
        edition=edition,
        invitation=invitation,
        person=person,
        data=to_json(data),
        token_hash=hash_token(raw),
        expires=timezone.now() + dt.timedelta(days=HOLD_DAYS),
    )
    record(
        "registration.held",
        actor=actor,
        obj=held,
        person=person.pk,
        invitation=invitation.pk if invitation else None,
        asked=bool(person.email),
    )
    if person.email:
        queue_notice(
            "registration_check",
            person=person,
            edition=edition,
            context={"link": check_link(raw)},
            actor=actor,
        )
    return held


@dataclass(frozen=True)
class HeldLink:
    """What a held registration's link opens: ``state`` is ok, malformed, unknown, expired."""

    state: str
    held: HeldRegistration | None = None


def held_by_token(raw: str) -> HeldLink:
    """The open held registration that ``raw`` opens (applied or discarded ones are unknown)."""
    if not is_well_formed(raw):
        return HeldLink("malformed")
    held = (
        HeldRegistration.objects.select_related("edition", "person", "invitation")
        .filter(token_hash=hash_token(raw), applied__isnull=True, discarded__isnull=True)
        .first()
    )
    if held is None:
        return HeldLink("unknown")
    if held.expires <= timezone.now():
        return HeldLink("expired", held)
    return HeldLink("ok", held)


@transaction.atomic
def apply_held(held: HeldRegistration, *, actor: Actor) -> Participant:
    """Register the person with what was held (their own confirmation, or a coordinator's)."""
    locked = HeldRegistration.objects.select_for_update().get(pk=held.pk)
    if not locked.open:
        raise ValidationError(_("This registration was already handled."))
    participant = register_expert(
        edition=locked.edition,
        data=from_json(locked.data),
        actor=actor,
        invitation=locked.invitation,
        person=locked.person,
    )
    locked.applied = timezone.now()
    locked.save(update_fields=["applied"])
    record("registration.held_applied", actor=actor, obj=locked, participant=participant.pk)
    return participant


@transaction.atomic
def discard_held(held: HeldRegistration, *, actor: Actor) -> None:
    """A coordinator throws a held registration away; the person stays as they were."""
    locked = HeldRegistration.objects.select_for_update().get(pk=held.pk)
    if not locked.open:
        return
    locked.discarded = timezone.now()
    locked.save(update_fields=["discarded"])
    record("registration.held_discarded", actor=actor, obj=locked)


class LinkClosed(ValidationError):
    """The shared link was revoked or has taken as many registrations as it may."""


@dataclass(frozen=True)
class LinkRegistration:
    """What the page tells the person after the form: the same whether we knew them or not."""

    first_name: str
    by_email: bool


@transaction.atomic
def register_from_link(
    *,
    edition: Edition,
    data: ExpertRegistration,
    invitation: Invitation | None,
    person: Person | None,
    actor: Actor = "portal",
    today: dt.date | None = None,
) -> LinkRegistration:
    """The form of a registration link, sent by whoever holds the link.

    A personal link (``person``) registers its own person. A shared link registers a newcomer
    and holds the registration of anyone already known (see the module docstring). Each use of
    a shared link is counted; a revoked or used-up link registers nobody (LinkClosed).
    """
    check_registration(edition, data, today=today)
    if invitation is not None:
        _count_use(invitation)
    known = known_person(data) if person is None else None
    if known is not None:
        hold_registration(
            edition=edition, data=data, person=known, invitation=invitation, actor=actor
        )
    else:
        register_expert(
            edition=edition,
            data=data,
            actor=actor,
            invitation=invitation,
            person=person,
            today=today,
        )
    return LinkRegistration(first_name=data.first_name.strip(), by_email=bool(data.email.strip()))


def _count_use(invitation: Invitation) -> None:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.revoked is not None or locked.used_up:
        raise LinkClosed(_("This link no longer works."))
    locked.uses += 1
    locked.save(update_fields=["uses"])


@dataclass(frozen=True)
class HeldSummary:
    """What a held registration would save, to show its owner before they confirm."""

    first_name: str
    last_name: str
    email: str
    phone: str
    self_help_group: str


def summary(held: HeldRegistration) -> HeldSummary:
    data = held.data
    group = SelfHelpGroup.objects.filter(pk=data.get("self_help_group")).first()
    return HeldSummary(
        first_name=str(data.get("first_name", "")),
        last_name=str(data.get("last_name", "")),
        email=str(data.get("email", "")),
        phone=str(data.get("phone", "")),
        self_help_group=group.name if group is not None else "",
    )
