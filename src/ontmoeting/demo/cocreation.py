"""The demo's co-creation meeting: experts by experience and professionals of three sectors.

Seed 001's "co-creation in the picture": experts by experience meet professionals of mental-health
care (GGZ), addiction care and youth care at mixed tables. The demo writes the two rosters the way
a Flemish coordinator would (Dutch headers, the sector as people say it, functions in words) and
imports them through the one roster import, so the demo shows the real path; then it confirms
everyone and sets a target per sector. Table planning comes later, on this edition.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from ontmoeting.demo.names import NameMaker
from ontmoeting.editions.bulk import change_statuses
from ontmoeting.editions.enums import EditionStatus, Format, ParticipantStatus
from ontmoeting.editions.models import Edition, Venue
from ontmoeting.editions.roster import ImportReport, Kind, import_roster
from ontmoeting.editions.services import (
    create_edition,
    set_sector_targets,
    transition_edition,
    update_contact,
)
from ontmoeting.people.models import SelfHelpGroup
from ontmoeting.privacy.tabular import csv_bytes

#: Organisations per sector, each with how many of its professionals come, and how the
#: coordinator writes the sector (several spellings, as real rosters do).
ORGANISATIONS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    (
        "GGZ",
        (("CGG Eclips", 3), ("PZ Duffel", 2), ("CGG Vagga", 2), ("Mobiel Team Gent", 1)),
    ),
    (
        "Verslavingszorg",
        (("De Sleutel", 3), ("CAW Oost-Vlaanderen", 2), ("MSOC Gent", 2), ("Free Clinic", 1)),
    ),
    (
        "jeugdhulp",
        (("VZW Oranjehuis", 3), ("Jeugdhulp Het Anker", 2), ("Kompaan", 2), ("OOOC De Kering", 1)),
    ),
)
SECTOR_SPELLINGS = {
    "GGZ": ("GGZ", "geestelijke gezondheidszorg", "G.G.Z."),
    "Verslavingszorg": ("Verslavingszorg", "drughulp", "verslaving"),
    "jeugdhulp": ("jeugdhulp", "Jeugdzorg", "jeugdhulpverlening"),
}
#: Functions as written in the roster; most come as practitioners.
FUNCTIONS = (
    "hulpverlener",
    "begeleider",
    "psycholoog",
    "maatschappelijk werker",
    "Coördinator",
    "beleidsmedewerker",
    "leidinggevende",
)
FUNCTION_WEIGHTS = (30, 20, 10, 10, 12, 10, 8)
#: Domains of the experts, in the words a coordinator writes.
EXPERT_DOMAINS = ("psychische problemen", "verslaving", "jeugdhulp", "GGZ en armoede", "drugs")
FALLBACK_GROUPS = ("Similes Gent", "AA Gent", "Herstelacademie Oost-Vlaanderen", "Kompas Kortrijk")
EXPERTS = 10
TARGET_PER_SECTOR = 8

EXPERT_HEADER = (
    "Nr",
    "Voornaam",
    "Familienaam",
    "E-mail",
    "GSM",
    "Zelfhulpgroep",
    "Lid sinds",
    "Domein",
    "Talen",
    "Kan voorzitten",
)
PROFESSIONAL_HEADER = (
    "Nr",
    "Voornaam",
    "Familienaam",
    "E-mail",
    "GSM",
    "Sector",
    "Organisatie",
    "Functie",
    "Talen",
    "Wil co-faciliteren",
    "Kent",
)


class CoCreationDemoError(Exception):
    """A demo roster the import refused (a bug in the demo, never the user's data)."""


def roster_csv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """A roster as a coordinator saves it from Excel ("CSV UTF-8", ``;``), by the one writer."""
    return csv_bytes(header, rows, delimiter=";")


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> io.BytesIO:
    return io.BytesIO(roster_csv(header, rows))


def expert_rows(names: NameMaker, rng: random.Random, *, groups: list[str]) -> list[list[str]]:
    """Ten experts by experience; six are willing to facilitate a table."""
    rows = []
    for number in range(1, EXPERTS + 1):
        name = names.name(origin="nl_BE", gender=rng.choice("fm"))
        since = dt.date(rng.randint(2012, 2023), rng.randint(1, 12), 1)
        rows.append(
            [
                f"E{number:02d}",
                name.first,
                name.last,
                names.email(name, "example.net"),
                names.phone("nl_BE"),
                rng.choice(groups),
                f"{since:%m/%Y}",
                rng.choice(EXPERT_DOMAINS),
                rng.choice(("nl", "nl, fr", "Nederlands")),
                "ja" if number <= 6 else rng.choice(("nee", "")),
            ]
        )
    return rows


def professional_rows(names: NameMaker, rng: random.Random) -> list[list[str]]:
    """24 professionals, eight per sector, several from one organisation; a third willing to
    co-facilitate; a few know an expert or a professional of another organisation."""
    rows: list[list[str]] = []
    for sector, organisations in ORGANISATIONS:
        for organisation, count in organisations:
            for _ in range(count):
                name = names.name(origin="nl_BE", gender=rng.choice("ffm"))
                rows.append(
                    [
                        f"P{len(rows) + 1:02d}",
                        name.first,
                        name.last,
                        names.email(name, "example.com"),
                        names.phone("nl_BE") if rng.random() < 0.6 else "",
                        rng.choice(SECTOR_SPELLINGS[sector]),
                        organisation,
                        rng.choices(FUNCTIONS, weights=FUNCTION_WEIGHTS)[0],
                        rng.choice(("nl", "nl", "nl, en", "nl en fr")),
                        rng.choice(("ja", "x", "nee", "", "")),
                        "",
                    ]
                )
    # Who already know each other (from a case, a network, a former job).
    for professional, known in ((4, "E03"), (9, "P17"), (14, "E07"), (20, "P02")):
        rows[professional][-1] = known
    return rows


def _import(edition: Edition, kind: Kind, source: io.BytesIO, filename: str) -> ImportReport:
    """Import through the one roster import; people who merely resemble someone of an earlier
    year are new people (the coordinator's decision in the preview)."""
    preview = import_roster(
        source, kind=kind, edition=edition, dry_run=True, actor="demo", filename=filename
    )
    source.seek(0)
    report = import_roster(
        source,
        kind=kind,
        edition=edition,
        dry_run=False,
        actor="demo",
        filename=filename,
        decisions={match.row: None for match in preview.matches},
    )
    if not report.ok:
        problems = "; ".join(f"{e.row} {e.column}: {e.reason}" for e in report.errors)
        raise CoCreationDemoError(f"{filename}: {problems}")
    return report


def build_cocreation_edition(
    *, year: int, venue: Venue | None, seed: int, actor: str, contact: dict[str, str]
) -> Edition:
    """The co-creation meeting of ``year`` with 10 experts and 24 professionals, all confirmed,
    and a target of eight professionals per sector; recruiting."""
    rng = random.Random(seed * 7919 + year)  # nosec B311
    names = NameMaker(seed * 31 + 1, rng)
    edition = create_edition(
        year=year,
        date=dt.date(year, 12, 17),
        window_start=dt.date(year, 12, 14),
        window_end=dt.date(year, 12, 18),
        actor=actor,
        format=Format.CO_CREATION,
        venue=venue,
        title=f"Cocreatiemoment {year}",
    )
    update_contact(edition, **contact, actor=actor)
    edition = transition_edition(edition, to=EditionStatus.RECRUITING, actor=actor)
    groups = list(SelfHelpGroup.objects.order_by("name").values_list("name", flat=True)[:6])
    _import(
        edition,
        "experts",
        _csv(EXPERT_HEADER, expert_rows(names, rng, groups=groups or list(FALLBACK_GROUPS))),
        f"ervaringsdeskundigen_cocreatie_{year}.csv",
    )
    _import(
        edition,
        "professionals",
        _csv(PROFESSIONAL_HEADER, professional_rows(names, rng)),
        f"professionals_cocreatie_{year}.csv",
    )
    change_statuses(
        edition=edition,
        participant_ids=list(edition.participants.values_list("pk", flat=True)),
        status=ParticipantStatus.CONFIRMED,
        actor=actor,
    )
    set_sector_targets(
        edition,
        targets=dict.fromkeys(("ggz", "verslavingszorg", "jeugdhulp"), TARGET_PER_SECTOR),
        actor=actor,
    )
    return edition
