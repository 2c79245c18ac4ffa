"""Reads about people: eligibility of experts on a given day, the domains of experience."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ontmoeting.people.models import (
    MEMBERSHIP_YEARS_REQUIRED,
    ExperienceDomain,
    ExpertProfile,
    years_before,
)


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
