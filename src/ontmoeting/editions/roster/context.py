"""What an import works with: the rows as parsed, and what the database already holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models.functions import Lower
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.roster.columns import Kind
from ontmoeting.editions.roster.values import (
    CodeLookup,
    language_lookup,
    role_lookup,
    status_lookup,
    training_lookup,
)
from ontmoeting.people.models import ExperienceDomain, Person, SelfHelpGroup

ROLE_OF_KIND = {"students": ParticipantRole.STUDENT, "experts": ParticipantRole.EXPERT}


@dataclass
class RowData:
    """One valid row: parsed values by column key (a key is absent when the field is kept)."""

    row: int
    ref: str
    values: dict[str, Any]
    participant: Participant | None = None
    person: Person | None = None
    matched_by_email: bool = False
    knows: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the database already holds, loaded in a few queries before the rows are checked."""

    edition: Edition
    kind: Kind
    participants_by_ref: dict[str, Participant]
    participants_by_person: dict[int, Participant]
    domains: CodeLookup
    groups_by_name: dict[str, SelfHelpGroup]
    today: dt.date
    languages: CodeLookup = field(default_factory=language_lookup)
    statuses: CodeLookup = field(default_factory=status_lookup)
    trainings: CodeLookup = field(default_factory=training_lookup)
    roles: CodeLookup = field(default_factory=role_lookup)
    persons_by_email: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def load(cls, edition: Edition, kind: Kind) -> Context:
        participants = list(edition.participants.select_related("person"))
        domains = CodeLookup(
            (d.code, (d.name_nl, d.name_en, d.name_it)) for d in ExperienceDomain.objects.all()
        )
        return cls(
            edition=edition,
            kind=kind,
            participants_by_ref={p.ref: p for p in participants if p.ref},
            participants_by_person={p.person_id: p for p in participants},
            domains=domains,
            groups_by_name={g.name.strip().lower(): g for g in SelfHelpGroup.objects.all()},
            today=timezone.localdate(),
        )

    def load_persons_by_email(self, emails: set[str]) -> None:
        """People known by these (lower-case) addresses; for experts, one with a profile first."""
        if not emails:
            return
        found = (
            Person.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=sorted(emails))
            .select_related("expert_profile")
            .order_by("pk")
        )
        ranked: dict[str, tuple[tuple[bool, int], Person]] = {}
        for person in found:
            rank = (self.kind == "experts" and hasattr(person, "expert_profile"), person.pk)
            key = person.email.lower()
            if key not in ranked or rank > ranked[key][0]:
                ranked[key] = (rank, person)
        self.persons_by_email = {key: person for key, (_rank, person) in ranked.items()}
