"""The coordinator's pages of team trajectories: create a team, its contact, members, a
trajectory, sessions and actions through the forms; the progress page; the exports; the list's
query count with one and three teams."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.cocreation.models import Action, Team, Trajectory, TrajectorySession
from tests.cocreation.trajectory_factories import ActionFactory, SessionFactory, TeamFactory
from tests.factories import ExpertProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


def test_a_coordinator_builds_a_trajectory_through_the_forms(coordinator):
    from ontmoeting.people.models import Sector

    ggz = Sector.objects.get(code="ggz")
    response = coordinator.post(
        "/teams/",
        {"name": "Mobiel team volwassenen", "organisation": "CGG Eclips", "sector": ggz.pk},
    )
    team = Team.objects.get()
    assert response.url == f"/teams/{team.pk}/"
    expert = ExpertProfileFactory(
        person=PersonFactory(first_name="Mieke", last_name="Claes")
    ).person
    assert (
        coordinator.post(
            f"/teams/{team.pk}/members/",
            {"member-name": "", "member-function": "experience_worker", "member-person": expert.pk},
        ).status_code
        == 302
    )
    coordinator.post(
        f"/teams/{team.pk}/contact/",
        {
            "contact-first_name": "Els",
            "contact-last_name": "Peeters",
            "contact-email": "els@eclips.be",
        },
    )
    response = coordinator.post(
        f"/teams/{team.pk}/trajectories/", {"trajectory-title": "Herstel samen"}
    )
    trajectory = Trajectory.objects.get()
    assert response.url == f"/trajectories/{trajectory.pk}/"
    response = coordinator.post(
        f"/trajectories/{trajectory.pk}/",
        {"date": "2026-02-03", "place": "Gent", "themes": "Taal", "learning_notes": "Tijd nemen"},
    )
    session = TrajectorySession.objects.get()
    assert response.url == f"/trajectories/sessions/{session.pk}/"
    coordinator.post(
        f"/trajectories/sessions/{session.pk}/actions/",
        {
            "description": "Folder herschrijven",
            "owner": "Mieke",
            "due": "2026-03-01",
            "status": "open",
        },
    )
    action = Action.objects.get()
    coordinator.post(f"/trajectories/actions/{action.pk}/status/", {"status": "done", "note": ""})
    action.refresh_from_db()
    team.refresh_from_db()
    assert (team.contact.email, [m.person for m in team.members.all()], action.status) == (
        "els@eclips.be",
        [expert],
        "done",
    )
    page = coordinator.get(f"/trajectories/{trajectory.pk}/")
    assert page.status_code == 200
    assert page.context["progress"].done == 1
    assert b'data-testid="progress-chart"' in page.content
    link_page = coordinator.post(f"/teams/{team.pk}/link/")
    assert "/team/" in link_page.context["link"]


def test_a_member_not_an_expert_is_refused_on_the_form(coordinator):
    team = TeamFactory()
    response = coordinator.post(
        f"/teams/{team.pk}/members/",
        {"member-name": "X", "member-function": "experience_worker", "member-person": ""},
    )
    assert response.status_code == 400
    assert response.context["member_form"].errors
    assert not team.members.exists()


def test_the_exports_download(coordinator):
    session = SessionFactory(themes="Taal")
    ActionFactory(session=session)
    pdf = coordinator.get(f"/trajectories/{session.trajectory_id}/export.pdf")
    xlsx = coordinator.get(f"/trajectories/{session.trajectory_id}/export.xlsx")
    assert (pdf.status_code, pdf.content[:4], xlsx.status_code, xlsx.content[:2]) == (
        200,
        b"%PDF",
        200,
        b"PK",
    )


@pytest.mark.parametrize("teams", [1, 3])
def test_the_team_list_takes_as_many_queries_for_one_as_for_three_teams(
    coordinator, teams, django_assert_max_num_queries
):
    for _ in range(teams):
        ActionFactory(session__trajectory__team=TeamFactory(), due=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(12):
        response = coordinator.get("/teams/")
    assert len(response.context["rows"]) == teams
    assert [r.overdue_actions for r in response.context["rows"]] == [1] * teams


@pytest.mark.parametrize("sessions", [1, 3])
def test_the_trajectory_page_takes_as_many_queries_for_one_as_for_three_sessions(
    coordinator, sessions, django_assert_max_num_queries
):
    first = SessionFactory()
    for i in range(sessions):
        session = first if i == 0 else SessionFactory(trajectory=first.trajectory)
        ActionFactory(session=session)
    with django_assert_max_num_queries(12):
        response = coordinator.get(f"/trajectories/{first.trajectory_id}/")
    assert len(response.context["progress"].sessions) == sessions


def test_an_action_is_changed_through_its_form(coordinator):
    action = ActionFactory(description="Folder", owner="Els")
    assert coordinator.get(f"/trajectories/actions/{action.pk}/edit/").status_code == 200
    response = coordinator.post(
        f"/trajectories/actions/{action.pk}/edit/",
        {
            "description": "Folder in eenvoudige taal",
            "owner": "Mieke",
            "due": "2026-06-01",
            "status": "in_progress",
        },
    )
    assert response.url == f"/trajectories/sessions/{action.session_id}/"
    action.refresh_from_db()
    assert (action.description, action.owner, action.due, action.status) == (
        "Folder in eenvoudige taal",
        "Mieke",
        dt.date(2026, 6, 1),
        "in_progress",
    )
    assert (
        coordinator.post(
            f"/trajectories/actions/{action.pk}/edit/", {"description": ""}
        ).status_code
        == 400
    )
