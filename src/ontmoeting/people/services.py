"""Writes on people that other apps ask for.

Domains of experience are special-category data: they are stored in ``ExpertProfile.domains``
only while the person's special-category consent is recorded. Domains given without it (a
roster, a coordinator's form) are held in ``pending_domains``, never shown or used, until the
person consents (``activate_pending_domains``) or the retention purge removes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ontmoeting.people.models import (
    ExperienceDomain,
    ExpertProfile,
    Person,
    ProfessionalProfile,
    Sector,
)
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.consent import has_special_consent


class SectorError(ValueError):
    """A sector that cannot be added; the message is the translated reason."""


@dataclass(frozen=True)
class ProfessionalValues:
    """What a coordinator's form says of a professional: a sector code and the rest."""

    sector: str
    organisation: str = ""
    function: str = ""
    can_co_facilitate: bool = False


@transaction.atomic
def save_professional_profile(person: Person, values: ProfessionalValues) -> list[str]:
    """Create or change ``person``'s professional profile; the names of the fields that changed
    (empty when nothing did: idempotent). The caller records the audit entry. Raises
    Sector.DoesNotExist for an unknown sector code."""
    sector = Sector.objects.get(code=values.sector)
    profile = ProfessionalProfile.objects.select_for_update().filter(person=person).first()
    wanted = {
        "sector": sector,
        "organisation": values.organisation.strip(),
        "can_co_facilitate": values.can_co_facilitate,
    }
    if values.function:
        wanted["function"] = values.function
    if profile is None:
        ProfessionalProfile.objects.create(person=person, **wanted)
        return sorted(wanted)
    changed = sorted(name for name, value in wanted.items() if getattr(profile, name) != value)
    if changed:
        for name in changed:
            setattr(profile, name, wanted[name])
        profile.full_clean()
        profile.save(update_fields=changed)
    return changed


@transaction.atomic
def add_sector(
    *, name_nl: str, actor: Actor, name_en: str = "", name_it: str = "", code: str = ""
) -> Sector:
    """Add a sector professionals work in (the code is made from the Dutch name when not given);
    idempotent: a sector with the same code or Dutch name is returned unchanged."""
    name_nl = name_nl.strip()
    code = slugify(code.strip() or name_nl)[:40].strip("-")
    if not name_nl or not code:
        raise SectorError(_("give the sector a name"))
    existing = (
        Sector.objects.filter(code=code).first()
        or Sector.objects.filter(name_nl__iexact=name_nl).first()
    )
    if existing is not None:
        return existing
    sector = Sector.objects.create(
        code=code,
        name_nl=name_nl,
        name_en=name_en.strip() or name_nl,
        name_it=name_it.strip() or name_en.strip() or name_nl,
    )
    record("people.sector.add", actor=actor, obj=sector, code=code, name=name_nl)
    return sector


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
