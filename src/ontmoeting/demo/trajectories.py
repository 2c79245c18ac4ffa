"""The demo's co-creative team trajectories: two Flemish teams (a mobile GGZ team of CGG Eclips,
an ambulant team of De Sleutel in addiction care), written through the same services as the
pages. Each team has practitioners, a coordinator, a policy officer and experience workers linked
to demo experts; each trajectory has sessions in 2026 with themes, learning notes and actions in
every status, one of them overdue on the demo's ``TODAY``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ontmoeting.cocreation import trajectories as services
from ontmoeting.cocreation.models import Team
from ontmoeting.people.models import Person, Sector

ACTOR = "demo"


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str
    due: dt.date | None
    status: str
    note: str = ""


@dataclass(frozen=True)
class SessionSpec:
    date: dt.date
    place: str
    facilitators: str
    themes: str
    learning_notes: str
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class TeamSpec:
    name: str
    organisation: str
    sector: str
    contact: tuple[str, str, str]
    members: tuple[tuple[str, str], ...]
    title: str
    goal: str
    facilitators: str
    sessions: tuple[SessionSpec, ...]


D = dt.date
ECLIPS = TeamSpec(
    name="Mobiel team volwassenen",
    organisation="CGG Eclips",
    sector="ggz",
    contact=("Sofie", "Vermeulen", "sofie.vermeulen.eclips@example.org"),
    members=(
        ("Sofie Vermeulen", "coordinator"),
        ("Pieter De Smet", "practitioner"),
        ("Lotte Janssens", "practitioner"),
        ("Hanne Maes", "policy_officer"),
    ),
    title="Herstelgericht werken met ervaringskennis",
    goal=(
        "Samen met ervaringswerkers onderzoeken hoe het mobiele team herstel meer centraal zet "
        "in huisbezoeken en overleg."
    ),
    facilitators="Onderzoeksgroep Relationeel Sociaal Werk",
    sessions=(
        SessionSpec(
            date=D(2026, 2, 10),
            place="CGG Eclips, Gent",
            facilitators="An Peeters (docent), ervaringsdeskundige van het traject",
            themes="Taal in verslagen die etiketten plakt\nWie zit er mee aan tafel bij het overleg?",
            learning_notes=(
                "Cliënten lezen hun verslag anders dan wij het schrijven. Ervaringswerkers "
                "brachten voorbeelden van woorden die pijn doen; het team wil die samen herschrijven."
            ),
            actions=(
                ActionSpec(
                    "Lijst maken van woorden in verslagen die stigmatiseren",
                    "Lotte Janssens",
                    D(2026, 3, 15),
                    "done",
                    "Lijst besproken op het teamoverleg.",
                ),
                ActionSpec(
                    "Cliënt uitnodigen voor het casusoverleg als hij dat wil",
                    "Pieter De Smet",
                    D(2026, 4, 30),
                    "done",
                ),
                ActionSpec(
                    "Intervisie met ervaringswerkers maandelijks inplannen",
                    "Sofie Vermeulen",
                    D(2026, 5, 31),
                    "dropped",
                    "Wordt opgenomen in de bestaande teamintervisie.",
                ),
            ),
        ),
        SessionSpec(
            date=D(2026, 5, 19),
            place="CGG Eclips, Gent",
            facilitators="An Peeters (docent)",
            themes="Gelijkwaardige positie van ervaringswerkers\nVergoeding en statuut",
            learning_notes=(
                "Ervaringswerkers willen niet alleen getuigen. Ze vragen een eigen plaats in het "
                "overleg en duidelijkheid over hun statuut."
            ),
            actions=(
                ActionSpec(
                    "Nota over statuut en vergoeding van ervaringswerkers voor de directie",
                    "Hanne Maes",
                    D(2026, 10, 31),
                    "open",
                ),
                ActionSpec(
                    "Folder voor cliënten herschrijven in eenvoudige taal",
                    "Lotte Janssens",
                    D(2026, 12, 15),
                    "in_progress",
                    "Eerste versie nagelezen door twee ervaringswerkers.",
                ),
            ),
        ),
        SessionSpec(
            date=D(2026, 12, 8),
            place="Campus Schoonmeersen, Gent",
            facilitators="An Peeters (docent)",
            themes="Terugblik en verankering",
            learning_notes="",
            actions=(),
        ),
    ),
)
SLEUTEL = TeamSpec(
    name="Team ambulante begeleiding",
    organisation="De Sleutel",
    sector="verslavingszorg",
    contact=("Bram", "Willems", "bram.willems.desleutel@example.org"),
    members=(
        ("Bram Willems", "coordinator"),
        ("Nathalie Goossens", "practitioner"),
        ("Kevin Claes", "practitioner"),
        ("Ilse Wouters", "manager"),
    ),
    title="Drempels naar de ambulante hulp",
    goal="Met ervaringswerkers de drempels naar de ambulante begeleiding in kaart brengen en verlagen.",
    facilitators="Onderzoeksgroep Relationeel Sociaal Werk",
    sessions=(
        SessionSpec(
            date=D(2026, 3, 3),
            place="De Sleutel, Merelbeke",
            facilitators="Jeroen Mertens (praktijklector), ervaringsdeskundige van het traject",
            themes="De eerste afspraak: wachten, formulieren, wantrouwen",
            learning_notes=(
                "Het aanmeldformulier vraagt veel te vroeg naar gebruik. Ervaringswerkers "
                "vertelden hoe dat voelt als je net de stap zet."
            ),
            actions=(
                ActionSpec(
                    "Aanmeldformulier inkorten tot wat echt nodig is",
                    "Nathalie Goossens",
                    D(2026, 4, 15),
                    "done",
                ),
                ActionSpec(
                    "Ervaringswerker aanwezig op het onthaalmoment",
                    "Bram Willems",
                    D(2026, 12, 31),
                    "in_progress",
                    "Twee van de vier onthaalmomenten lopen al zo.",
                ),
            ),
        ),
        SessionSpec(
            date=D(2026, 6, 16),
            place="De Sleutel, Merelbeke",
            facilitators="Jeroen Mertens (praktijklector)",
            themes="Samenwerken met zelfhulpgroepen\nNazorg na een opname",
            learning_notes=(
                "Zelfhulpgroepen zijn voor veel cliënten de brug naar nazorg. Het team kent ze "
                "te weinig en verwijst te laat door."
            ),
            actions=(
                ActionSpec(
                    "Kennismaking met drie zelfhulpgroepen uit de regio",
                    "Kevin Claes",
                    D(2026, 12, 10),
                    "open",
                ),
                ActionSpec(
                    "Overzicht van zelfhulpgroepen op de website",
                    "Ilse Wouters",
                    D(2027, 1, 31),
                    "open",
                ),
            ),
        ),
    ),
)
TEAMS = (ECLIPS, SLEUTEL)


def reset_trajectories() -> None:
    """Delete every team (with its members, trajectories, sessions and actions)."""
    Team.objects.all().delete()


def _experts(count: int) -> list[Person]:
    return list(
        Person.objects.filter(expert_profile__isnull=False, anonymised__isnull=True).order_by("pk")[
            :count
        ]
    )


def _build(spec: TeamSpec, experts: list[Person]) -> Team:
    team = services.save_team(
        name=spec.name,
        organisation=spec.organisation,
        sector=Sector.objects.get(code=spec.sector),
        actor=ACTOR,
    )
    first, last, email = spec.contact
    services.set_team_contact(team=team, first_name=first, last_name=last, email=email, actor=ACTOR)
    for name, function in spec.members:
        services.add_member(team=team, name=name, function=function, actor=ACTOR)
    for person in experts:
        services.add_member(
            team=team, name="", function="experience_worker", person=person, actor=ACTOR
        )
    trajectory = services.save_trajectory(
        team=team, title=spec.title, goal=spec.goal, facilitators=spec.facilitators, actor=ACTOR
    )
    for s in spec.sessions:
        session = services.save_session(
            trajectory=trajectory,
            date=s.date,
            place=s.place,
            facilitators=s.facilitators,
            themes=s.themes,
            learning_notes=s.learning_notes,
            actor=ACTOR,
        )
        for a in s.actions:
            action = services.save_action(
                session=session, description=a.description, owner=a.owner, due=a.due, actor=ACTOR
            )
            if a.status != action.status or a.note:
                services.set_action_status(action=action, status=a.status, note=a.note, actor=ACTOR)
    return team


def build_trajectories() -> list[Team]:
    """Write the two demo teams and their trajectories (the older ones replaced)."""
    reset_trajectories()
    experts = _experts(4)
    return [_build(spec, experts[2 * i : 2 * i + 2]) for i, spec in enumerate(TEAMS)]
