"""Reads about people: eligibility of experts on a given day, the domains of experience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ontmoeting.people.models import (
    MEMBERSHIP_YEARS_REQUIRED,
    ExperienceDomain,
    ExpertProfile,
    Person,
    ProfessionalProfile,
    Sector,
    years_before,
)
from ontmoeting.privacy.consent import has_special_consent
from ontmoeting.privacy.models import Consent, ConsentKind


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str


def eligibility_on(profile: ExpertProfile | None, day: dt.date) -> Eligibility:
    """Whether an expert may take part on ``day``: a self-help group membership of a year or more.

    Uses ``profile.memberships.all()``, so prefetch ``memberships__group`` for many profiles.
    """
    memberships = list(profile.memberships.all()) if profile is not None else []
    if not memberships:
        return Eligibility(False, _("not a member of a self-help group"))
    cutoff = years_before(day, MEMBERSHIP_YEARS_REQUIRED)
    old_enough = [m for m in memberships if m.since <= cutoff]
    if old_enough:
        first = min(old_enough, key=lambda m: m.since)
        return Eligibility(
            True,
            _("member of %(group)s since %(since)s")
            % {"group": first.group.name, "since": first.since.isoformat()},
        )
    newest = min(memberships, key=lambda m: m.since)
    return Eligibility(
        False,
        _("member of %(group)s only since %(since)s; at least one year is needed on %(day)s")
        % {"group": newest.group.name, "since": newest.since.isoformat(), "day": day.isoformat()},
    )


def domain_choices() -> list[tuple[str, str]]:
    """Every domain of experience as (code, name in the active language), by code."""
    return [(d.code, d.name) for d in ExperienceDomain.objects.all()]


def sector_choices() -> list[tuple[str, str]]:
    """Every sector professionals work in as (code, name in the active language), by code."""
    return [(s.code, s.name) for s in Sector.objects.all()]


def special_consent_given(person_ref: str = "pk") -> Exists:
    """An ``Exists`` over the active special-category consent of the person at ``person_ref``
    (an ``OuterRef`` path: "pk" on people, "person_id" on profiles and participants)."""
    return Exists(
        Consent.objects.filter(
            person_id=OuterRef(person_ref),
            withdrawn_at__isnull=True,
            text__kind=ConsentKind.SPECIAL_CATEGORY,
        )
    )


def consented_person_ids(person_ids: Iterable[int]) -> set[int]:
    """Which of ``person_ids`` hold an active special-category consent (one query)."""
    return set(
        Consent.objects.filter(
            person_id__in=list(person_ids),
            withdrawn_at__isnull=True,
            text__kind=ConsentKind.SPECIAL_CATEGORY,
        ).values_list("person_id", flat=True)
    )


def shown_domains(profile: ExpertProfile | None) -> list[ExperienceDomain]:
    """The domains of experience staff may see and use: none without the person's recorded
    special-category consent (whatever the profile holds)."""
    if profile is None or not has_special_consent(profile.person):
        return []
    return list(profile.domains.all())


def professional_profile_of(person: Person) -> ProfessionalProfile | None:
    """The person's profile as a professional (sector, organisation, function), or None."""
    return ProfessionalProfile.objects.select_related("sector").filter(person=person).first()
