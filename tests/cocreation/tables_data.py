"""A small co-creation edition for the table tests: experts by experience and professionals of
three sectors, made with the factories and the models (shared by the app, page and browser
tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ontmoeting.editions.enums import Format, ParticipantRole, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.people.models import ExpertProfile, ProfessionalProfile, Sector
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

SECTORS = (
    ("ggz", "GGZ", "mental health care", "salute mentale"),
    ("verslavingszorg", "verslavingszorg", "addiction care", "dipendenze"),
    ("jeugdhulp", "jeugdhulp", "youth care", "tutela minori"),
)

ORGANISATIONS = (
    "PC Sint-Jan",
    "De Sleutel",
    "Jeugdzorg Gent",
    "CGG Eclips",
    "VZW Kompas",
    "Oranjehuis",
)

EXPERT_NAMES = (
    ("Mieke", "Claes"),
    ("Jan", "Peeters"),
    ("Fatima", "El Amrani"),
    ("Luc", "Maes"),
    ("Sofie", "Wouters"),
    ("Dirk", "Janssens"),
)
PROFESSIONAL_NAMES = (
    ("Katrien", "Vermeulen"),
    ("Bart", "De Smet"),
    ("Ann", "Goossens"),
    ("Pieter", "Willems"),
    ("Nathalie", "Mertens"),
    ("Koen", "Dubois"),
    ("Els", "Jacobs"),
    ("Tom", "Lambrecht"),
    ("Griet", "Hermans"),
    ("Wim", "Claeys"),
    ("Lies", "Van Damme"),
    ("Stijn", "Desmet"),
)


def sectors() -> dict[str, Sector]:
    out = {}
    for code, nl, en, it in SECTORS:
        out[code], _ = Sector.objects.get_or_create(
            code=code, defaults={"name_nl": nl, "name_en": en, "name_it": it, "builtin": True}
        )
    return out


@dataclass
class CoCreation:
    edition: Edition
    experts: list[Participant]
    professionals: list[Participant]


def co_creation_edition(
    year: int = 2026, *, experts: int = 6, professionals: int = 12, chairs: int = 4
) -> CoCreation:
    """A co-creation edition: ``experts`` (the first ``chairs`` willing to facilitate) and
    ``professionals`` (sectors and organisations in turn, every third willing to co-facilitate),
    all confirmed."""
    edition = EditionFactory(year=year, format=Format.CO_CREATION, date=dt.date(year, 12, 10))
    by_code = sectors()
    codes = list(by_code)
    ex = []
    for i in range(experts):
        first, last = EXPERT_NAMES[i % len(EXPERT_NAMES)]
        person = PersonFactory(first_name=first, last_name=f"{last}{'' if i < 6 else i}")
        ExpertProfile.objects.create(person=person, languages=["nl"], can_chair=i < chairs)
        ex.append(
            ParticipantFactory(
                edition=edition,
                person=person,
                role=ParticipantRole.EXPERT,
                status=ParticipantStatus.CONFIRMED,
                ref=f"E{i + 1:03d}",
            )
        )
    pros = []
    for i in range(professionals):
        first, last = PROFESSIONAL_NAMES[i % len(PROFESSIONAL_NAMES)]
        person = PersonFactory(first_name=first, last_name=f"{last}{'' if i < 12 else i}")
        ProfessionalProfile.objects.create(
            person=person,
            sector=by_code[codes[i % 3]],
            organisation=ORGANISATIONS[i % len(ORGANISATIONS)],
            can_co_facilitate=i % 3 == 0,
        )
        pros.append(
            ParticipantFactory(
                edition=edition,
                person=person,
                role=ParticipantRole.PROFESSIONAL,
                status=ParticipantStatus.CONFIRMED,
                ref=f"B{i + 1:03d}",
            )
        )
    return CoCreation(edition, ex, pros)
