"""The links that bring people in: invitations to register, personal registration links,
confirmation links for students, and a new link to the personal page on request.

A link's token is random and stored only as its hash (``privacy.tokens``); the full link is
shown or sent once. Messages go through the outbox the messaging app registers
(``editions.notices.queue_notice``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Invitation, Participant
from ontmoeting.editions.notices import queue_notice
from ontmoeting.editions.participants import find_person_by_email
from ontmoeting.editions.selectors import latest_participation
from ontmoeting.people.models import Person, SelfHelpGroup
from ontmoeting.privacy.audit import Actor, actor_user, record
from ontmoeting.privacy.models import AccessToken
from ontmoeting.privacy.tokens import (
    check_token,
    default_lifetime,
    hash_token,
    is_well_formed,
    issue_link,
    link_for,
    new_token,
)


@transaction.atomic
def create_invitation(
    *,
    edition: Edition,
    actor: Actor,
    self_help_group: SelfHelpGroup | None = None,
    person: Person | None = None,
    lifetime: dt.timedelta | None = None,
    max_uses: int | None = None,
) -> tuple[Invitation, str]:
    """Create a registration link for ``edition`` (optionally for one self-help group or one
    person, and for at most ``max_uses`` registrations); returns the invitation and the full
    link (shown once: only its hash is kept)."""
    raw = new_token()
    expires = timezone.now() + (lifetime or default_lifetime("register"))
    invitation = Invitation.objects.create(
        edition=edition,
        self_help_group=self_help_group,
        person=person,
        token_hash=hash_token(raw),
        created_by=actor_user(actor),
        expires=expires,
        max_uses=max_uses,
    )
    record(
        "invitation.create",
        actor=actor,
        obj=invitation,
        edition=edition.pk,
        self_help_group=self_help_group.pk if self_help_group else None,
        person=person.pk if person else None,
        max_uses=max_uses,
    )
    return invitation, link_for("register", raw)


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, actor: Actor) -> None:
    """The link stops working at once (idempotent); registrations made with it stay."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.revoked is not None:
        return
    locked.revoked = timezone.now()
    locked.save(update_fields=["revoked"])
    record("invitation.revoke", actor=actor, obj=locked)


@transaction.atomic
def revoke_invitations(*, edition: Edition, ids: Iterable[int], actor: Actor) -> int:
    """Revoke the edition's invitation links in ``ids`` (others ignored); returns how many
    were open and are closed now (idempotent: a closed link is not counted again)."""
    count = 0
    for invitation in edition.invitations.filter(pk__in=list(ids), revoked__isnull=True):
        revoke_invitation(invitation, actor=actor)
        count += 1
    return count


@transaction.atomic
def invite_person(*, edition: Edition, person: Person, actor: Actor, send: bool = True) -> str:
    """A personal registration link for ``person`` (an expert known from earlier years);
    queued as an "invitation" message when ``send``. Returns the link."""
    link = issue_link(person, purpose="register", edition=edition)
    record("invitation.person", actor=actor, obj=person, edition=edition.pk, sent=send)
    if send:
        queue_notice(
            "invitation", person=person, edition=edition, context={"link": link}, actor=actor
        )
    return link


def students_to_invite(edition: Edition) -> QuerySet[Participant]:
    """The invited students of ``edition`` without a live confirmation link (who
    ``invite_students`` sends one to), by name."""
    has_link = AccessToken.objects.filter(
        purpose="confirm", edition=edition, revoked__isnull=True, expires__gt=timezone.now()
    ).values("participant_id")
    return (
        edition.participants.select_related("person", "edition")
        .filter(role=ParticipantRole.STUDENT, status=ParticipantStatus.INVITED)
        .exclude(pk__in=has_link)
        .order_by("person__last_name", "person__first_name", "pk")
    )


@transaction.atomic
def invite_students(*, edition: Edition, actor: Actor) -> int:
    """Send every invited student of ``edition`` a link to confirm or decline; students who
    already have a live confirmation link are skipped (idempotent). Returns how many."""
    students = students_to_invite(edition)
    count = 0
    for student in students:
        link = issue_link(student.person, purpose="confirm", participant=student)
        queue_notice(
            "invitation",
            person=student.person,
            edition=edition,
            participant=student,
            context={"link": link},
            actor=actor,
        )
        count += 1
    record("invitation.students", actor=actor, obj=edition, count=count)
    return count


@dataclass(frozen=True)
class RegistrationLink:
    """What a registration link opens: ``state`` is ok, malformed, unknown, expired or closed
    (revoked, or as many registrations as it may take)."""

    state: str
    edition: Edition | None = None
    invitation: Invitation | None = None
    person: Person | None = None


def registration_link(raw: str) -> RegistrationLink:
    """Resolve a registration link: a shared invitation or a personal 'register' token."""
    if not is_well_formed(raw):
        return RegistrationLink("malformed")
    invitation = (
        Invitation.objects.select_related("edition", "self_help_group", "person")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if invitation is not None:
        state = "ok" if invitation.expires > timezone.now() else "expired"
        if invitation.revoked is not None or invitation.used_up:
            state = "closed"
        return RegistrationLink(state, invitation.edition, invitation, invitation.person)
    check = check_token(raw, purpose="register")
    if check.token is None or check.token.edition is None:
        return RegistrationLink("unknown" if check.state == "ok" else check.state)
    return RegistrationLink(check.state, check.token.edition, None, check.token.person)


@transaction.atomic
def send_new_link(email: str, *, actor: Actor) -> None:
    """Queue a new link to the personal page for the person known by ``email``, for their
    latest edition that is not archived; nothing when there is no such person or edition (the
    caller never tells which)."""
    person = find_person_by_email(email)
    if person is None:
        return
    participant = latest_participation(person, archived=False)
    if participant is None:
        return
    link = issue_link(person, edition=participant.edition, participant=participant)
    queue_notice(
        "magic_link",
        person=person,
        edition=participant.edition,
        participant=participant,
        context={"link": link},
        actor=actor,
    )
    record("portal.link_requested", actor=actor, obj=participant)
