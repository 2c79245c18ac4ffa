"""Helpers for the editions, participants, roster and venue page tests."""

from __future__ import annotations

import datetime as dt

from ontmoeting.editions.enums import ParticipantRole
from tests.factories import (
    EditionFactory,
    ExperienceDomainFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
)


def expert(edition, *, ref: str, name: str, since=dt.date(2015, 1, 1), can_chair=False, **kw):
    """An expert taking part in ``edition`` with a membership ``since`` and a profile."""
    first, last = name.split(" ", 1)
    person = PersonFactory(first_name=first, last_name=last, email=f"{ref.lower()}@example.org")
    profile = ExpertProfileFactory(person=person, can_chair=can_chair)
    MembershipFactory(expert=profile, since=since)
    return ParticipantFactory(
        edition=edition, person=person, role=ParticipantRole.EXPERT, ref=ref, **kw
    )


def student(edition, *, ref: str, name: str, **kw):
    first, last = name.split(" ", 1)
    person = PersonFactory(first_name=first, last_name=last, email=f"{ref.lower()}@example.org")
    return ParticipantFactory(
        edition=edition, person=person, role=ParticipantRole.STUDENT, ref=ref, **kw
    )


def other_edition():
    return EditionFactory(year=2025)


def domain(code: str):
    return ExperienceDomainFactory(code=code, name_en=code.title(), name_nl=code.title())
