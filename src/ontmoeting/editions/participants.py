"""Participants of an edition: the filtered list, and add/edit/cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.selectors import took_part_filter
from ontmoeting.people.models import ExperienceDomain, ExpertProfile, Person
from ontmoeting.people.selectors import special_consent_given
from ontmoeting.people.services import ProfessionalValues, save_professional_profile, set_domains
from ontmoeting.privacy.audit import Actor, record

if TYPE_CHECKING:  # django-stubs' helper types exist for the type checker only
    from django_stubs_ext import WithAnnotations

#: Sortable columns of the participant list → the fields they order by.
SORTS: dict[str, tuple[str, ...]] = {
    "ref": ("ref",),
    "name": ("person__last_name", "person__first_name"),
    "email": ("person__email",),
    "role": ("role", "ref"),
    "status": ("status", "ref"),
    "class_group": ("class_group", "ref"),
}
#: The needs the participant list filters on → their labels.
NEEDS: dict[str, Promise] = {
    "step_free": gettext_lazy("step-free access"),
    "diet": gettext_lazy("a diet"),
    "accessibility": gettext_lazy("accessibility needs"),
}


@dataclass(frozen=True)
class ParticipantQuery:
    """What the coordinator asked of the list; empty strings mean 'any'."""

    q: str = ""
    role: str = ""
    status: str = ""
    domain: str = ""
    veteran: str = ""  # "veteran", "newcomer" or ""
    needs: str = ""  # one of NEEDS or ""
    sort: str = "name"


class Veteran(TypedDict):
    """The annotation of ``with_veteran``."""

    is_veteran: bool


def with_veteran(
    queryset: QuerySet[Participant], edition: Edition
) -> QuerySet[WithAnnotations[Participant, Veteran]]:
    """Annotate ``is_veteran``: took part in an edition held before ``edition``."""
    earlier = Participant.objects.filter(
        took_part_filter(), person_id=OuterRef("person_id"), edition__date__lt=edition.date
    )
    return queryset.annotate(is_veteran=Exists(earlier))


def participant_list(
    edition: Edition, query: ParticipantQuery
) -> QuerySet[WithAnnotations[Participant, Veteran]]:
    """The participants of ``edition`` matching ``query``, sorted (one query when iterated)."""
    rows = with_veteran(edition.participants.select_related("person"), edition)
    for word in query.q.split():
        rows = rows.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(ref__icontains=word)
        )
    if query.role:
        rows = rows.filter(role=query.role)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.domain:
        # Experts by their domains of experience, students by their interests (a JSON list).
        # An expert's domains count only with their special-category consent.
        rows = rows.filter(
            Q(
                special_consent_given("person_id"),
                role=ParticipantRole.EXPERT,
                person__expert_profile__domains__code=query.domain,
            )
            | Q(~Q(role=ParticipantRole.EXPERT), interests__icontains=f'"{query.domain}"')
        )
    if query.veteran == "veteran":
        rows = rows.filter(is_veteran=True)
    elif query.veteran == "newcomer":
        rows = rows.filter(is_veteran=False)
    if query.needs == "step_free":
        rows = rows.filter(needs_step_free=True)
    elif query.needs == "diet":
        rows = rows.exclude(diet="")
    elif query.needs == "accessibility":
        rows = rows.exclude(accessibility="")
    descending = query.sort.startswith("-")
    fields = SORTS.get(query.sort.lstrip("-"), SORTS["name"])
    order = [f"-{f}" if descending else f for f in fields]
    return rows.order_by(*order, "pk")


def edition_participant(
    edition: Edition, participant_id: int
) -> WithAnnotations[Participant, Veteran] | None:
    """One participant of ``edition`` with their person, expert profile and ``is_veteran``."""
    participants = edition.participants.select_related("person", "person__expert_profile")
    return with_veteran(participants, edition).filter(pk=participant_id).first()


def find_person_by_email(email: str) -> Person | None:
    """The person known by ``email`` (ignoring case), the oldest record if several."""
    email = email.strip()
    if not email:
        return None
    return Person.objects.filter(email__iexact=email).order_by("pk").first()


# ------------------------------------------------------------------------------------ writes

#: What ``update_participant`` may change: the person's fields, and the participation's.
PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "gender")
PARTICIPANT_FIELDS = (
    "ref",
    "status",
    "class_group",
    "language",
    "accessibility",
    "needs_step_free",
    "diet",
    "interests",
)


#: Statuses that say how the day went: set on the day or after it, never before.
DAY_STATUSES = (ParticipantStatus.PRESENT, ParticipantStatus.ABSENT)


def status_refusal(participant: Participant, status: str, *, today: dt.date) -> str | None:
    """Why ``participant`` may not move to ``status`` (in the active language), or None.

    The one rule of a participant's status, for a single change and a bulk change alike:
    present or absent only from the edition's day on.
    """
    if status == participant.status:
        return None
    if status not in ParticipantStatus.values:
        return _("Unknown status.")
    if status in DAY_STATUSES and today < participant.edition.date:
        return _("Present or absent can only be marked from the day itself (%(date)s).") % {
            "date": date_format(participant.edition.date)
        }
    return None


def _check_ref(edition: Edition, ref: str, *, exclude: int | None = None) -> None:
    if not ref:
        return
    others = edition.participants.filter(ref=ref)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"ref": _("This reference is already used in this edition.")})


def _save_profile(person: Person, *, domains: Iterable[str] | None, can_chair: bool | None) -> None:
    profile, _created = ExpertProfile.objects.get_or_create(person=person)
    if can_chair is not None and profile.can_chair != can_chair:
        profile.can_chair = can_chair
        profile.save(update_fields=["can_chair"])
    if domains is not None:
        # Held as pending until the person's special-category consent is recorded.
        set_domains(profile, ExperienceDomain.objects.filter(code__in=list(domains)))


@transaction.atomic
def add_participant(
    *,
    edition: Edition,
    actor: Actor,
    role: str,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    gender: str = "",
    domains: Iterable[str] | None = None,
    can_chair: bool | None = None,
    professional: ProfessionalValues | None = None,
    **participation: Any,
) -> Participant:
    """Add a person to ``edition``; a person known by e-mail is reused so their history stays.

    Idempotent: a person who already takes part in ``edition`` is returned unchanged.
    Raises ValidationError (keyed by field) for a reference already used in the edition.
    """
    unknown = set(participation) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown participation fields: {sorted(unknown)}")
    person = find_person_by_email(email)
    known = person is not None
    if person is not None:
        existing = edition.participants.filter(person=person).first()
        if existing is not None:
            return existing
        # Keep the known identity; only fill in contact details that were missing.
        if phone and not person.phone:
            person.phone = phone
            person.save(update_fields=["phone", "updated"])
    else:
        person = Person(
            first_name=first_name, last_name=last_name, email=email, phone=phone, gender=gender
        )
        person.full_clean()
        person.save()
    _check_ref(edition, participation.get("ref", ""))
    participant = Participant(edition=edition, person=person, role=role, **participation)
    participant.full_clean()
    participant.save()
    if role == ParticipantRole.EXPERT:
        _save_profile(person, domains=domains, can_chair=can_chair)
    if role == ParticipantRole.PROFESSIONAL and professional is not None:
        save_professional_profile(person, professional)
    record(
        "participant.add",
        actor=actor,
        obj=participant,
        edition=edition.pk,
        role=role,
        known_person=known,
    )
    return participant


def _update_expert_profile(
    person: Person, *, domains: Iterable[str] | None, can_chair: bool | None
) -> list[str]:
    """Change the expert's domains and willingness to chair; the names of what changed."""
    if domains is None and can_chair is None:
        return []
    profile = ExpertProfile.objects.filter(person=person).first()
    before = (
        (set(profile.domains.values_list("code", flat=True)), profile.can_chair)
        if profile
        else (set(), False)
    )
    after = (set(domains) if domains is not None else before[0], before[1])
    if can_chair is not None:
        after = (after[0], can_chair)
    if profile is None or before != after:
        _save_profile(person, domains=domains, can_chair=can_chair)
        return [
            name
            for name, differs in (
                ("domains", before[0] != after[0]),
                ("can_chair", before[1] != after[1]),
            )
            if differs
        ]
    return []


@transaction.atomic
def update_participant(
    participant: Participant,
    *,
    actor: Actor,
    domains: Iterable[str] | None = None,
    can_chair: bool | None = None,
    professional: ProfessionalValues | None = None,
    **changes: Any,
) -> Participant:
    """Change a participant and their person; one audit entry naming the changed fields.

    Idempotent: unchanged values write nothing. Raises ValidationError for a taken reference.
    """
    unknown = set(changes) - set(PERSON_FIELDS) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    locked = Participant.objects.select_for_update().select_related("person").get(pk=participant.pk)
    person = locked.person
    if "status" in changes and (
        reason := status_refusal(locked, changes["status"], today=timezone.localdate())
    ):
        raise ValidationError({"status": reason})
    changed: list[str] = []
    for name, value in changes.items():
        target = person if name in PERSON_FIELDS else locked
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed.append(name)
    if "ref" in changed:
        _check_ref(locked.edition, locked.ref, exclude=locked.pk)

    if any(name in PERSON_FIELDS for name in changed):
        person.full_clean()
        person.save()
    if any(name in PARTICIPANT_FIELDS for name in changed):
        locked.full_clean()
        locked.save()
    if locked.role == ParticipantRole.EXPERT:
        changed.extend(_update_expert_profile(person, domains=domains, can_chair=can_chair))
    if locked.role == ParticipantRole.PROFESSIONAL and professional is not None:
        changed.extend(save_professional_profile(person, professional))
    if changed:
        record("participant.change", actor=actor, obj=locked, fields=sorted(changed))
    return locked


@transaction.atomic
def cancel_participant(participant: Participant, *, actor: Actor) -> Participant:
    """Mark ``participant`` cancelled; idempotent (a second cancel changes nothing)."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.status == ParticipantStatus.CANCELLED:
        return locked
    before = locked.status
    locked.status = ParticipantStatus.CANCELLED
    locked.save(update_fields=["status", "updated"])
    record(
        "participant.cancel",
        actor=actor,
        obj=locked,
        before=before,
        after=ParticipantStatus.CANCELLED,
    )
    participant.status = locked.status
    return locked
