"""What editions holds on a person, for their copy and their erasure (``privacy/subject.py``)."""

from __future__ import annotations

from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import HeldRegistration, Invitation, Participant
from ontmoeting.people.models import Person
from ontmoeting.privacy.subject import Rows


def participation_rows(person: Person) -> Rows:
    rows = Participant.objects.filter(person=person).select_related("edition")
    return [
        {
            "edition": p.edition.year,
            "date": p.edition.date,
            "reference": p.ref,
            "role": p.role,
            "status": p.status,
            "class_group": p.class_group,
            "languages": p.spoken_languages,
            "accessibility": p.accessibility,
            "needs_step_free": p.needs_step_free,
            "diet": p.diet,
            "interests": p.interests,
        }
        for p in rows.order_by("edition__date")
    ]


def held_rows(person: Person) -> Rows:
    rows = HeldRegistration.objects.filter(person=person).select_related("edition")
    return [
        {"edition": h.edition.year, "sent": h.created, "applied": h.applied, "data": h.data}
        for h in rows.order_by("created")
    ]


def erase_participations(person: Person) -> int:
    """Empty the person's participations (reference, needs, interests); role and status stay
    for the yearly counts. Returns how many."""
    empty = {
        "ref": "",
        "class_group": "",
        "languages": [],
        "accessibility": "",
        "needs_step_free": False,
        "diet": "",
        "interests": [],
    }
    return Participant.objects.filter(person=person).exclude(**empty).update(**empty)


def erase_held_and_invitations(person: Person) -> int:
    """Delete registrations held for the person and their personal invitations."""
    held = HeldRegistration.objects.filter(person=person).delete()[0]
    return held + Invitation.objects.filter(person=person).delete()[0]


def person_by_reference(reference: str, *, year: int | None = None) -> Person | None:
    """The person an e-mail address names (the oldest record if several), or the person behind
    participant ``reference`` in the encounter day of ``year``."""
    reference = reference.strip()
    if "@" in reference:
        return Person.objects.filter(email__iexact=reference).order_by("pk").first()
    if year is None or not reference:
        return None
    participant = (
        Participant.objects.filter(
            edition__year=year, edition__format=Format.ENCOUNTER_DAY, ref=reference
        )
        .select_related("person")
        .first()
    )
    return participant.person if participant is not None else None
