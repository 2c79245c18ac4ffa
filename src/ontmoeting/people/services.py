"""Writes on people that other apps ask for.

Domains of experience are special-category data: they are stored in ``ExpertProfile.domains``
only while the person's special-category consent is recorded. Domains given without it (a
roster, a coordinator's form) are held in ``pending_domains``, never shown or used, until the
person consents (``activate_pending_domains``) or the retention purge removes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ontmoeting.people.models import ExperienceDomain, ExpertProfile, Person
from ontmoeting.privacy.consent import has_special_consent


def set_domains(profile: ExpertProfile, domains: Iterable[ExperienceDomain]) -> bool:
    """Give ``profile`` exactly ``domains``: in use with the special-category consent, held as
    pending without it. Returns True when they are in use."""
    wanted = list(domains)
    if has_special_consent(profile.person):
        profile.domains.set(wanted)
        profile.pending_domains.clear()
        return True
    profile.pending_domains.set(wanted)
    profile.domains.clear()
    return False


def activate_pending_domains(person: Person) -> int:
    """Bring the domains held as pending into use (the person has just consented); returns how
    many. Registered in ``PeopleConfig.ready()`` as the activator of the special consent."""
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is None:
        return 0
    pending = list(profile.pending_domains.all())
    if pending:
        profile.domains.add(*pending)
        profile.pending_domains.clear()
    return len(pending)


def forget_domains(person: Person) -> int:
    """Delete the domains of experience (in use and pending) from the person's expert profile;
    returns how many.

    Registered in ``PeopleConfig.ready()`` as the eraser of the special-category consent.
    """
    profile = ExpertProfile.objects.filter(person=person).first()
    if profile is None:
        return 0
    count = profile.domains.count() + profile.pending_domains.count()
    profile.domains.clear()
    profile.pending_domains.clear()
    return count
