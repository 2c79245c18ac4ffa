"""Factories and a small world of two teams for the trajectory tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.cocreation.models import Action, Team, TeamMember, Trajectory, TrajectorySession
from ontmoeting.people.models import Sector
from tests.factories import PersonFactory

TODAY = dt.date(2026, 3, 16)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    organisation = "CGG Eclips"
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="ggz"))
    contact = factory.SubFactory(PersonFactory)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Lid {n}")
    function = "practitioner"


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Traject {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectorySession

    trajectory = factory.SubFactory(TrajectoryFactory)
    date = dt.date(2026, 2, 10)
    place = "Gent"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    session = factory.SubFactory(SessionFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = "Els"
    due = dt.date(2026, 3, 20)
    status = ActionStatus.OPEN


@dataclass
class TwoTeams:
    a: Team
    b: Team
    actions_a: list[Action]
    actions_b: list[Action]


def two_teams() -> TwoTeams:
    """Team A (contact Anna) and team B (contact Bert), each with a trajectory of one session
    and two open actions."""
    a = TeamFactory(name="Mobiel team", contact=PersonFactory(first_name="Anna"))
    b = TeamFactory(
        name="Ambulant team",
        organisation="De Sleutel",
        sector=Sector.objects.get(code="verslavingszorg"),
        contact=PersonFactory(first_name="Bert"),
    )
    session_a = SessionFactory(trajectory=TrajectoryFactory(team=a))
    session_b = SessionFactory(trajectory=TrajectoryFactory(team=b))
    actions_a = [ActionFactory(session=session_a, description=f"A-actie {i}") for i in (1, 2)]
    actions_b = [ActionFactory(session=session_b, description=f"B-actie {i}") for i in (1, 2)]
    return TwoTeams(a, b, actions_a, actions_b)
