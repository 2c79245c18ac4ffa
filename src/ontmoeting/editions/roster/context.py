"""What an import works with: the rows as parsed, and what the database already holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models.functions import Lower
from django.utils import timezone

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, Participant, ValueSynonym
from ontmoeting.editions.roster.columns import Kind
from ontmoeting.editions.roster.identity import Candidate, People
from ontmoeting.editions.roster.values import Vocabulary, field_labels
from ontmoeting.editions.roster.words import FIELDS
from ontmoeting.people.models import ExperienceDomain, Person, Sector, SelfHelpGroup


def domain_labels() -> dict[str, dict[str, str]]:
    """Code → language → name of every experience domain, the department's own included."""
    return {
        d.code: {"nl": d.name_nl, "en": d.name_en, "it": d.name_it}
        for d in ExperienceDomain.objects.order_by("pk")
    }


def sector_labels() -> dict[str, dict[str, str]]:
    """Code → language → name of every sector professionals work in, the department's own too."""
    return {
        s.code: {"nl": s.name_nl, "en": s.name_en, "it": s.name_it}
        for s in Sector.objects.order_by("pk")
    }


def _labels(name: str) -> dict[str, dict[str, str]]:
    if name == "domains":
        return domain_labels()
    if name == "sector":
        return sector_labels()
    return field_labels(name)


def load_vocabularies(
    mappings: Mapping[str, Mapping[str, str]] = {},
) -> dict[str, Vocabulary]:
    """Every enumerated field's vocabulary with the department's words and ``mappings``."""
    own: dict[str, dict[str, str]] = {name: {} for name in FIELDS}
    for synonym in ValueSynonym.objects.all():
        own.setdefault(synonym.field, {})[synonym.word] = synonym.code
    for name, words in mappings.items():
        own.setdefault(name, {}).update(words)
    return {name: Vocabulary.build(name, _labels(name), own[name]) for name in FIELDS}


ROLE_OF_KIND = {
    "students": ParticipantRole.STUDENT,
    "experts": ParticipantRole.EXPERT,
    "professionals": ParticipantRole.PROFESSIONAL,
}
#: The profile a kind's people carry, to prefer that person among several with one address.
PROFILE_OF_KIND = {"experts": "expert_profile", "professionals": "professional_profile"}


@dataclass
class RowData:
    """One valid row: parsed values by column key (a key is absent when the field is kept)."""

    row: int
    ref: str
    values: dict[str, Any]
    participant: Participant | None = None
    person: Person | None = None
    #: How a person of earlier years was recognised ("e-mail", "same phone", …); "" for none.
    matched_by: str = ""
    #: Probable matches waiting for the coordinator's decision.
    candidates: list[Candidate] = field(default_factory=list)
    knows: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the database already holds, loaded in a few queries before the rows are checked."""

    edition: Edition
    kind: Kind
    participants_by_ref: dict[str, Participant]
    participants_by_person: dict[int, Participant]
    vocabularies: dict[str, Vocabulary]
    groups_by_name: dict[str, SelfHelpGroup]
    today: dt.date
    persons_by_email: dict[str, Person] = field(default_factory=dict)
    people: People = field(default_factory=People)
    #: Row → person id ("the same person") or None ("someone else") for probable matches.
    decisions: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def load(
        cls, edition: Edition, kind: Kind, *, mappings: Mapping[str, Mapping[str, str]] = {}
    ) -> Context:
        """What the database holds for ``edition``; ``mappings`` (field → word → code) are words
        the coordinator mapped for this file only, beside the department's stored ones."""
        participants = list(edition.participants.select_related("person"))
        return cls(
            edition=edition,
            kind=kind,
            participants_by_ref={p.ref: p for p in participants if p.ref},
            participants_by_person={p.person_id: p for p in participants},
            vocabularies=load_vocabularies(mappings),
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
            .select_related("expert_profile", "professional_profile")
            .order_by("pk")
        )
        ranked: dict[str, tuple[tuple[bool, int], Person]] = {}
        for person in found:
            profile = PROFILE_OF_KIND.get(self.kind)
            rank = (profile is not None and hasattr(person, profile), person.pk)
            key = person.email.lower()
            if key not in ranked or rank > ranked[key][0]:
                ranked[key] = (rank, person)
        self.persons_by_email = {key: person for key, (_rank, person) in ranked.items()}
