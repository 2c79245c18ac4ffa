"""Team trajectory services: teams, members, sessions, actions, status changes; the progress
counts checked against hand counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.cocreation.models import Action
from ontmoeting.cocreation.trajectories import (
    ActionNotFound,
    add_member,
    save_action,
    save_session,
    save_team,
    save_trajectory,
    set_action_status,
    set_action_status_as_contact,
    set_team_contact,
)
from ontmoeting.cocreation.trajectory_selectors import teams_overview, trajectory_progress
from ontmoeting.people.models import Sector
from ontmoeting.privacy.models import AuditEntry
from tests.cocreation.trajectory_factories import (
    TODAY,
    ActionFactory,
    SessionFactory,
    TeamFactory,
    TrajectoryFactory,
    two_teams,
)
from tests.factories import ExpertProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _actions(code: str) -> list[str]:
    return list(AuditEntry.objects.filter(action=code).values_list("object_id", flat=True))


def test_a_team_with_a_trajectory_sessions_and_actions_is_written_and_audited():
    ggz = Sector.objects.get(code="ggz")
    team = save_team(
        name="Mobiel team volwassenen", organisation="CGG Eclips", sector=ggz, actor="t"
    )
    trajectory = save_trajectory(team=team, title="Herstel samen", actor="t", goal="Leren")
    first = save_session(trajectory=trajectory, date=dt.date(2026, 2, 3), place="Gent", actor="t")
    action = save_action(session=first, description="Intervisie plannen", owner="Els", actor="t")
    assert (team.name, trajectory.team, first.trajectory, action.status) == (
        "Mobiel team volwassenen",
        team,
        trajectory,
        ActionStatus.OPEN,
    )
    assert _actions("team.create") == [str(team.pk)]
    assert _actions("trajectory.create") == [str(trajectory.pk)]
    assert _actions("trajectory.session.create") == [str(first.pk)]
    assert _actions("trajectory.action.create") == [str(action.pk)]


def test_a_second_team_of_one_name_in_one_organisation_is_refused():
    ggz = Sector.objects.get(code="ggz")
    save_team(name="Team A", organisation="CGG Eclips", sector=ggz, actor="t")
    with pytest.raises(ValidationError):
        save_team(name="team a", organisation="CGG ECLIPS", sector=ggz, actor="t")


def test_an_experience_worker_is_linked_to_an_expert_and_only_to_an_expert():
    team = TeamFactory()
    expert = ExpertProfileFactory(
        person=PersonFactory(first_name="Mieke", last_name="Claes")
    ).person
    member = add_member(team=team, name="", function="experience_worker", person=expert, actor="t")
    assert (member.name, member.person) == ("Mieke Claes", expert)
    with pytest.raises(ValidationError):
        add_member(team=team, name="X", function="experience_worker", actor="t")
    with pytest.raises(ValidationError):
        add_member(team=team, name="X", function="practitioner", person=PersonFactory(), actor="t")
    assert list(team.members.all()) == [member]


def test_the_contact_is_found_by_email_or_made():
    team, known = TeamFactory(contact=None), PersonFactory(email="els@eclips.be")
    assert (
        set_team_contact(team=team, first_name="E", last_name="", email="ELS@eclips.be ", actor="t")
        == known
    )
    other = set_team_contact(
        team=team, first_name="Jan", last_name="Peeters", email="jan@x.be", actor="t"
    )
    team.refresh_from_db()
    assert (team.contact, other.full_name, other.email) == (other, "Jan Peeters", "jan@x.be")


def test_the_contact_changes_only_their_own_teams_actions():
    world = two_teams()
    own, foreign = world.actions_a[0], world.actions_b[0]
    with pytest.raises(ActionNotFound):
        set_action_status_as_contact(person=world.a.contact, action_id=foreign.pk, status="done")
    with pytest.raises(ActionNotFound):
        set_action_status_as_contact(person=world.a.contact, action_id=987654, status="done")
    foreign.refresh_from_db()
    assert foreign.status == ActionStatus.OPEN
    changed = set_action_status_as_contact(
        person=world.a.contact, action_id=own.pk, status="done", note="Gelukt"
    )
    assert (changed.status, changed.status_note) == ("done", "Gelukt")
    assert "Anna" in changed.updated_by_label
    entry = AuditEntry.objects.get(action="trajectory.action.status")
    assert (entry.object_id, entry.actor_label, entry.data["before"], entry.data["after"]) == (
        str(own.pk),
        "team-link",
        "open",
        "done",
    )


def test_staff_set_a_status_with_their_name(make_staff):
    user = make_staff("coordinator")
    action = ActionFactory()
    set_action_status(action=action, status="in_progress", actor=user)
    action.refresh_from_db()
    assert (action.status, action.updated_by_label) == ("in_progress", "coordinator")
    with pytest.raises(ValidationError):
        set_action_status(action=action, status="bogus", actor=user)


def test_progress_counts_per_session_match_a_hand_count():
    trajectory = TrajectoryFactory()
    first = SessionFactory(trajectory=trajectory, date=dt.date(2026, 1, 12))
    second = SessionFactory(trajectory=trajectory, date=dt.date(2026, 3, 2))
    # first: done, done, open overdue (due 1 March), in progress not yet due, dropped
    for status, due in [
        ("done", dt.date(2026, 2, 1)),
        ("done", None),
        ("open", dt.date(2026, 3, 1)),
        ("in_progress", dt.date(2026, 4, 1)),
        ("dropped", dt.date(2026, 2, 1)),
    ]:
        ActionFactory(session=first, status=status, due=due)
    # second: in progress overdue (due 15 March), open without a date
    ActionFactory(session=second, status="in_progress", due=dt.date(2026, 3, 15))
    ActionFactory(session=second, status="open", due=None)
    progress = trajectory_progress(trajectory, today=TODAY)
    assert [r.session for r in progress.sessions] == [first, second]
    assert [(r.done, r.open, r.overdue) for r in progress.sessions] == [(2, 2, 1), (0, 2, 1)]
    assert (progress.done, progress.open, progress.overdue, progress.total) == (2, 4, 2, 7)
    assert progress.done_percent == 33  # 2 of the 6 not dropped
    # The bars: the longest session (5 actions) fills the bar, the other 2/5 of it.
    widths = [sum(s.width for s in r.segments) for r in progress.sessions]
    assert widths == [360, 144]


def test_the_overview_counts_open_and_overdue_actions_per_team():
    world = two_teams()
    Action.objects.filter(pk=world.actions_a[0].pk).update(due=dt.date(2026, 3, 1))
    Action.objects.filter(pk=world.actions_b[0].pk).update(status="done")
    rows = {
        r.team.name: (r.trajectories, r.open_actions, r.overdue_actions)
        for r in teams_overview(TODAY)
    }
    assert rows == {"Mobiel team": (1, 2, 1), "Ambulant team": (1, 1, 0)}
