"""What people holds on a person, for their copy and their erasure (``privacy/subject.py``).

Domains and memberships appear in the copy whatever the consent: the copy is for the person.
"""

from __future__ import annotations

from django.utils import timezone

from ontmoeting.people.models import ExpertProfile, Person
from ontmoeting.privacy.subject import Rows


def person_rows(person: Person) -> Rows:
    return [
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "postal_address": person.postal_address,
            "gender": person.gender,
            "language": person.language,
            "created": person.created,
            "anonymised": person.anonymised,
        }
    ]


def profile_rows(person: Person) -> Rows:
    profile = (
        ExpertProfile.objects.filter(person=person)
        .prefetch_related("domains", "pending_domains", "memberships__group")
        .first()
    )
    if profile is None:
        return []
    return [
        {
            "domains": sorted(d.code for d in profile.domains.all()),
            "domains_awaiting_consent": sorted(d.code for d in profile.pending_domains.all()),
            "memberships": [
                f"{m.group.name} ({m.since.isoformat()})" for m in profile.memberships.all()
            ],
            "languages": profile.languages,
            "can_chair": profile.can_chair,
            "chaired_before": profile.chaired_before,
            "statuses": profile.statuses,
            "training": profile.training,
            "roles": profile.roles,
            "accessibility": profile.accessibility,
            "diet": profile.diet,
        }
    ]


def erase_profile(person: Person) -> int:
    """Delete the expert profile with its domains and memberships; returns 1 or 0."""
    return ExpertProfile.objects.filter(person=person).delete()[1].get(ExpertProfile._meta.label, 0)


def empty_person(person: Person) -> int:
    """Empty the person's record (name, contact, gender); the row stays for the counts."""
    return Person.objects.filter(pk=person.pk).update(
        first_name="",
        last_name="",
        email="",
        phone="",
        postal_address="",
        gender="",
        anonymised=timezone.now(),
    )
