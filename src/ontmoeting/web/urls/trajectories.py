"""Team trajectories (coordinators) and the team contact's page (personal link)."""

from django.urls import path

from ontmoeting.web.views import trajectories
from ontmoeting.web.views.portal import team_actions

urlpatterns = [
    path("teams/", trajectories.team_list, name="teams"),
    path("teams/<int:team_id>/", trajectories.team, name="team"),
    path("teams/<int:team_id>/edit/", trajectories.team_edit, name="team-edit"),
    path("teams/<int:team_id>/contact/", trajectories.team_contact, name="team-contact"),
    path("teams/<int:team_id>/members/", trajectories.member_add, name="team-member-add"),
    path(
        "teams/<int:team_id>/members/<int:member_id>/remove/",
        trajectories.member_remove,
        name="team-member-remove",
    ),
    path("teams/<int:team_id>/trajectories/", trajectories.trajectory_add, name="trajectory-add"),
    path("teams/<int:team_id>/link/", trajectories.team_link, name="team-link"),
    path("trajectories/<int:trajectory_id>/", trajectories.trajectory, name="trajectory"),
    path(
        "trajectories/<int:trajectory_id>/edit/",
        trajectories.trajectory_edit,
        name="trajectory-edit",
    ),
    path(
        "trajectories/<int:trajectory_id>/export.pdf",
        trajectories.export_pdf,
        name="trajectory-pdf",
    ),
    path(
        "trajectories/<int:trajectory_id>/export.xlsx",
        trajectories.export_xlsx,
        name="trajectory-xlsx",
    ),
    path(
        "trajectories/sessions/<int:session_id>/",
        trajectories.session,
        name="trajectory-session",
    ),
    path(
        "trajectories/sessions/<int:session_id>/actions/",
        trajectories.action_add,
        name="trajectory-action-add",
    ),
    path(
        "trajectories/actions/<int:action_id>/edit/",
        trajectories.action_edit,
        name="trajectory-action-edit",
    ),
    path(
        "trajectories/actions/<int:action_id>/status/",
        trajectories.action_status,
        name="trajectory-action-status",
    ),
    # The team contact's page, opened by their personal link.
    path("team/<str:token>/", team_actions.team_actions, name="team-actions"),
]
