"""Writes on people that other apps ask for."""

from __future__ import annotations

from ontmoeting.people.models import ExpertProfile, Person


def forget_domains(person: Person) -> int:
    """Delete the domains of experience from the person's expert profile; returns how many.

    Registered in ``PeopleConfig.ready()`` as the eraser of the special-category consent.
    """
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is None:
        return 0
    count = profile.domains.count()
    profile.domains.clear()
    return count
