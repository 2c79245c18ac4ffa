"""The demo's team trajectories: two Flemish teams with members, experience workers linked to
demo experts, sessions in 2026, actions in every status and one overdue on the demo's today."""

from __future__ import annotations

import pytest

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.cocreation.models import Action, Team
from ontmoeting.cocreation.trajectory_selectors import teams_overview
from ontmoeting.demo.figures import TODAY


@pytest.mark.django_db
def test_two_teams_with_trajectories_in_every_status_and_one_overdue(built):
    assert built.code == 0
    teams = {t.organisation: t for t in Team.objects.select_related("sector", "contact")}
    assert set(teams) == {"CGG Eclips", "De Sleutel"}
    assert (teams["CGG Eclips"].sector.code, teams["De Sleutel"].sector.code) == (
        "ggz",
        "verslavingszorg",
    )
    for team in teams.values():
        functions = set(team.members.values_list("function", flat=True))
        assert {"practitioner", "coordinator", "experience_worker"} <= functions
        workers = team.members.filter(function="experience_worker")
        assert all(hasattr(m.person, "expert_profile") for m in workers)
        assert team.contact.email
        dates = list(team.trajectories.get().sessions.values_list("date", flat=True))
        assert len(dates) in (2, 3)
        assert {d.year for d in dates} == {2026}
    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    assert sum(r.overdue_actions for r in teams_overview(TODAY)) == 1
