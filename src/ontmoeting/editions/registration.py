"""Registration of experts, confirmation by students, needs, cancellation and withdrawal.

The links that bring people here (invitations, registration and confirmation links, new links
to the personal page) are made in ``editions.invitations``.

Every function here is a domain function: keyword-only options, atomic, idempotent for what a
person can repeat (registering twice through the same link updates, never duplicates), one audit
entry per change. Messages go through the outbox the messaging app registers
(``editions.notices.queue_notice``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ontmoeting.editions.enums import (
    TAKING_PART,
    EditionStatus,
    ParticipantRole,
    ParticipantStatus,
)
from ontmoeting.editions.models import Edition, Invitation, Participant, Registration
from ontmoeting.editions.notices import queue_notice
from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Membership,
    Person,
    SelfHelpGroup,
)
from ontmoeting.privacy.audit import Actor, actor_user, record
from ontmoeting.privacy.consent import (
    current_text,
    give_consent,
    has_general_consent,
    withdraw_consent,
)
from ontmoeting.privacy.models import Consent, ConsentHow, ConsentKind
from ontmoeting.privacy.tokens import issue_link, revoke_tokens

#: Editions in these statuses take no registrations, confirmations or changes any more.
CLOSED_STATUSES = (EditionStatus.HELD, EditionStatus.EVALUATED, EditionStatus.ARCHIVED)
#: Message languages (the outbox has templates in these).
MESSAGE_LANGUAGES = ("nl", "en", "it")


class RegistrationClosed(ValidationError):
    """The edition takes no registrations (any more): after its window, or held/archived."""


def registration_open(edition: Edition, *, today: dt.date | None = None) -> bool:
    """True while people may register or change their answer for ``edition``."""
    today = today or timezone.localdate()
    return edition.status not in CLOSED_STATUSES and today <= min(edition.date, edition.window_end)


def _check_open(edition: Edition, today: dt.date | None = None) -> None:
    if not registration_open(edition, today=today):
        raise RegistrationClosed(_("Registration for this day is closed."))


@dataclass(frozen=True)
class ExpertRegistration:
    """What an expert tells us when registering (the public form or a coordinator)."""

    first_name: str
    last_name: str
    self_help_group: SelfHelpGroup
    member_since: dt.date
    general_consent: bool
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    special_consent: bool = False
    domains: tuple[ExperienceDomain, ...] = ()
    languages: tuple[str, ...] = ("nl",)
    language: str = "nl"
    can_chair: bool = False
    accessibility: str = ""
    needs_step_free: bool = False
    diet: str = ""
    travel: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _queue(
    kind: str, *, person: Person, participant: Participant, actor: Actor, link: str = ""
) -> object:
    return queue_notice(
        kind,
        person=person,
        edition=participant.edition,
        participant=participant,
        context={"link": link} if link else {},
        actor=actor,
    )


def _find_person(data: ExpertRegistration, person: Person | None) -> Person | None:
    if person is not None:
        return person
    email = data.email.strip()
    if email:
        return Person.objects.filter(email__iexact=email).order_by("pk").first()
    phone = data.phone.strip()
    if phone:
        return (
            Person.objects.filter(
                phone=phone,
                first_name__iexact=data.first_name.strip(),
                last_name__iexact=data.last_name.strip(),
            )
            .order_by("pk")
            .first()
        )
    return None


def _spoken(data: ExpertRegistration) -> tuple[str, list[str]]:
    languages = list(dict.fromkeys(data.languages)) or [data.language]
    main = data.language if data.language in languages else languages[0]
    return main, [code for code in languages if code != main]


def check_registration(
    edition: Edition, data: ExpertRegistration, *, today: dt.date | None = None
) -> None:
    """Raise RegistrationClosed, or ValidationError without the general consent or without any
    way to reach the person."""
    _check_open(edition, today)
    if not data.general_consent:
        raise ValidationError({"general_consent": _("We need your consent to register you.")})
    if not (data.email.strip() or data.phone.strip()):
        raise ValidationError({"email": _("Give an email address or a phone number.")})


def known_person(data: ExpertRegistration) -> Person | None:
    """The person ``data`` names, if we know them (by email, else by phone and name)."""
    return _find_person(data, None)


@transaction.atomic
def register_expert(
    *,
    edition: Edition,
    data: ExpertRegistration,
    actor: Actor,
    how: str = ConsentHow.ONLINE,
    invitation: Invitation | None = None,
    person: Person | None = None,
    today: dt.date | None = None,
) -> Participant:
    """Register an expert for ``edition``: Person, ExpertProfile, Membership, Participant.

    Idempotent: a person already known (by ``person``, else by email, else by phone and name)
    is updated, never duplicated. Domains of experience are stored only with the special
    consent. Raises RegistrationClosed, or ValidationError without the general consent or
    without any way to reach the person.
    """
    check_registration(edition, data, today=today)
    known = _find_person(data, person)
    person = _save_person(known or Person(), data)
    main, others = _spoken(data)
    profile = _save_profile(person, data, languages=[main, *others])
    participant, newly = _save_participation(
        edition, person, data, language=main, others=others, how=how, invitation=invitation
    )
    _record_consents(person, profile, data, actor=actor, how=how)
    record(
        "registration.register",
        actor=actor,
        obj=participant,
        edition=edition.pk,
        how=how,
        new_person=known is None,
        new_registration=newly,
        invitation=invitation.pk if invitation else None,
    )
    if newly:
        link = issue_link(person, edition=edition, participant=participant)
        _queue("confirmation", person=person, participant=participant, actor=actor, link=link)
    return participant


def _save_person(person: Person, data: ExpertRegistration) -> Person:
    """Name and contact details as given (an empty email or phone keeps the stored one)."""
    person.first_name = data.first_name.strip()
    person.last_name = data.last_name.strip()
    person.email = data.email.strip() or person.email
    person.phone = data.phone.strip() or person.phone
    person.postal_address = data.postal_address.strip() or person.postal_address
    if data.language in MESSAGE_LANGUAGES:
        person.language = data.language
    person.save()
    return person


def _save_profile(
    person: Person, data: ExpertRegistration, *, languages: list[str]
) -> ExpertProfile:
    """The expert's profile and their membership of the self-help group they named."""
    profile, _created = ExpertProfile.objects.get_or_create(person=person)
    profile.languages = languages
    profile.can_chair = data.can_chair
    profile.accessibility = data.accessibility.strip()
    profile.diet = data.diet.strip()
    profile.save()
    Membership.objects.update_or_create(
        expert=profile, group=data.self_help_group, defaults={"since": data.member_since}
    )
    return profile


def _save_participation(
    edition: Edition,
    person: Person,
    data: ExpertRegistration,
    *,
    language: str,
    others: list[str],
    how: str,
    invitation: Invitation | None,
) -> tuple[Participant, bool]:
    """The person's participant in ``edition`` with their needs, and its registration; returns
    it and whether the registration is new (a participant registered before keeps its status)."""
    participant = Participant.objects.filter(edition=edition, person=person).first()
    newly = participant is None or participant.status not in (
        ParticipantStatus.REGISTERED,
        ParticipantStatus.CONFIRMED,
        ParticipantStatus.PRESENT,
    )
    if participant is None:
        participant = Participant(
            edition=edition,
            person=person,
            role=ParticipantRole.EXPERT,
            ref=next_expert_ref(edition),
        )
    if newly:
        participant.status = ParticipantStatus.REGISTERED
    participant.language = language
    participant.languages = [language, *others]  # every language spoken, as the roster keeps it
    participant.accessibility = data.accessibility.strip()
    participant.needs_step_free = data.needs_step_free
    participant.diet = data.diet.strip()
    participant.save()
    Registration.objects.update_or_create(
        participant=participant,
        defaults={"invitation": invitation, "how": how, "travel": data.travel},
    )
    return participant, newly


def next_expert_ref(edition: Edition) -> str:
    """The next free expert reference of ``edition`` in the roster's style (E001, E002, …).

    The edition's row is locked for the rest of the transaction, so two registrations at once
    never get the same reference.
    """
    Edition.objects.select_for_update().filter(pk=edition.pk).first()
    refs = edition.participants.filter(ref__regex=r"^E[0-9]+$").values_list("ref", flat=True)
    highest = max((int(ref[1:]) for ref in refs), default=0)
    return f"E{highest + 1:03d}"


def _record_consents(
    person: Person, profile: ExpertProfile, data: ExpertRegistration, *, actor: Actor, how: str
) -> None:
    """The general consent; the special one with the domains, or neither (domains cleared)."""
    general = current_text(ConsentKind.GENERAL, data.language)
    if general is not None:
        give_consent(person, text=general, actor=actor, how=how)
    special = current_text(ConsentKind.SPECIAL_CATEGORY, data.language)
    if data.special_consent and special is not None:
        give_consent(person, text=special, actor=actor, how=how)
        profile.domains.set(data.domains)
    else:
        withdraw_consent(person, kind=ConsentKind.SPECIAL_CATEGORY, actor=actor, how=how)
        profile.domains.clear()


@transaction.atomic
def mark_checked(registration: Registration, *, actor: Actor, keep: bool = True) -> None:
    """A coordinator has looked at a registration made through a shared link: ``keep`` it, or
    take the participant off the day (a registration that was not meant)."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.reviewed is not None:
        return
    locked.reviewed = timezone.now()
    locked.reviewed_by = actor_user(actor)
    locked.save(update_fields=["reviewed", "reviewed_by", "updated"])
    record("registration.checked", actor=actor, obj=locked.participant, keep=keep)
    if not keep:
        cancel_participation(locked.participant, actor=actor, reason="registration not kept")


@transaction.atomic
def respond_to_invitation(
    participant: Participant, *, attending: bool, actor: Actor, today: dt.date | None = None
) -> Participant:
    """A student confirms (``attending``) or declines; idempotent, changeable until the day."""
    _check_open(participant.edition, today)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    target = ParticipantStatus.CONFIRMED if attending else ParticipantStatus.DECLINED
    if locked.status == target:
        return locked
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status", "updated"])
    record(
        "participant.confirm" if attending else "participant.decline",
        actor=actor,
        obj=locked,
        before=before,
        after=target,
    )
    return locked


@transaction.atomic
def update_needs(
    participant: Participant,
    *,
    language: str,
    accessibility: str,
    needs_step_free: bool,
    diet: str,
    actor: Actor,
) -> Participant:
    """Change the conversation language, accessibility needs and diet of ``participant``."""
    _check_open(participant.edition)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    accessibility, diet = accessibility.strip(), diet.strip()
    after: dict[str, object] = {
        "language": language,
        "accessibility": accessibility,
        "needs_step_free": needs_step_free,
        "diet": diet,
    }
    changed = [name for name, value in after.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, after[name])
    locked.languages = [language, *(code for code in locked.languages if code != language)]
    locked.save()
    profile = ExpertProfile.objects.filter(person_id=locked.person_id).first()
    if profile is not None:
        profile.accessibility = accessibility
        profile.diet = diet
        if language not in profile.languages:
            profile.languages = [language, *profile.languages]
        profile.save(update_fields=["accessibility", "diet", "languages"])
    record("participant.needs", actor=actor, obj=locked, changed=changed)
    return locked


@transaction.atomic
def cancel_participation(
    participant: Participant, *, actor: Actor, reason: str = ""
) -> Participant:
    """Take ``participant`` off the day (status cancelled) and alert the coordinators.

    Idempotent: a participant already cancelled, declined or absent is left as is.
    """
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.status in (
        ParticipantStatus.CANCELLED,
        ParticipantStatus.DECLINED,
        ParticipantStatus.ABSENT,
    ):
        return locked
    before = locked.status
    locked.status = ParticipantStatus.CANCELLED
    locked.save(update_fields=["status", "updated"])
    record("participant.cancel", actor=actor, obj=locked, before=before, reason=reason)
    _queue("cancellation_alert", person=locked.person, participant=locked, actor=actor)
    return locked


@transaction.atomic
def withdraw_general_consent(
    person: Person, *, actor: Actor, how: str = ConsentHow.ONLINE
) -> list[Participant]:
    """Withdraw all consent of ``person``: the special-category data is deleted and the person
    is taken off every edition not yet held. The identity (name, contact details) stays: nothing
    removes it yet, as there is no retention purge. Every link of the person stops working and
    their portal sessions end. Returns the participations cancelled."""
    withdraw_consent(person, kind=ConsentKind.SPECIAL_CATEGORY, actor=actor, how=how)
    withdraw_consent(person, kind=ConsentKind.GENERAL, actor=actor, how=how)
    revoked = revoke_tokens(person)
    record("privacy.links_revoked", actor=actor, obj=person, revoked=revoked, reason="consent")
    upcoming = person.participations.select_related("edition").exclude(
        Q(edition__status__in=CLOSED_STATUSES)
        | Q(
            status__in=(
                ParticipantStatus.CANCELLED,
                ParticipantStatus.DECLINED,
                ParticipantStatus.ABSENT,
            )
        )
    )
    return [cancel_participation(p, actor=actor, reason="consent withdrawn") for p in upcoming]


def consent_missing(participant: Participant) -> bool:
    """True for an expert taking part without a recorded general consent: they are asked for it
    on their personal page and flagged for the coordinators, never taken off the day."""
    return (
        participant.role == ParticipantRole.EXPERT
        and participant.status in TAKING_PART
        and not has_general_consent(participant.person)
    )


def consent_missing_among(participants: Iterable[Participant]) -> set[int]:
    """The pks of ``participants`` for whom ``consent_missing`` holds, in one query."""
    experts = [
        p for p in participants if p.role == ParticipantRole.EXPERT and p.status in TAKING_PART
    ]
    consenting = set(
        Consent.objects.filter(
            person_id__in=[p.person_id for p in experts],
            withdrawn_at__isnull=True,
            text__kind=ConsentKind.GENERAL,
        ).values_list("person_id", flat=True)
    )
    return {p.pk for p in experts if p.person_id not in consenting}


@transaction.atomic
def give_missing_general_consent(participant: Participant, *, language: str) -> None:
    """Record the general consent of an expert taking part who has none (imported, or back from
    an earlier year): their plan stays as it is (idempotent)."""
    if not consent_missing(participant):
        return
    text = current_text(ConsentKind.GENERAL, language)
    if text is not None:
        give_consent(participant.person, text=text, actor="portal")
