"""Coordinator pages of team trajectories: teams, members, trajectories, sessions, actions,
the team contact's link and the exports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.cocreation import trajectories as services
from ontmoeting.cocreation.models import Action, Team, TeamMember, Trajectory, TrajectorySession
from ontmoeting.cocreation.team_links import issue_team_link
from ontmoeting.cocreation.trajectory_export import trajectory_pdf, trajectory_xlsx
from ontmoeting.cocreation.trajectory_selectors import (
    team_with_members,
    teams_overview,
    trajectory_progress,
)
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.forms.trajectories import (
    ActionForm,
    ContactForm,
    MemberForm,
    SessionForm,
    StatusForm,
    TeamForm,
    TrajectoryForm,
)
from ontmoeting.web.permissions import StaffRequest, coordinator_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _team(team_id: int) -> Team:
    team = team_with_members(team_id)
    if team is None:
        raise Http404
    return team


def _trajectory(trajectory_id: int) -> Trajectory:
    return get_object_or_404(Trajectory.objects.select_related("team__sector"), pk=trajectory_id)


def _session(session_id: int) -> TrajectorySession:
    return get_object_or_404(
        TrajectorySession.objects.select_related("trajectory__team"), pk=session_id
    )


def _saved(form: forms.Form, write: Any) -> bool:
    """Run ``write`` when ``form`` is valid; a service's refusal goes onto the form."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@coordinator_required
@require_http_methods(["GET", "POST"])
def team_list(request: StaffRequest) -> HttpResponse:
    form = TeamForm(request.POST or None)
    created: list[Team] = []

    def write(data: dict[str, Any]) -> None:
        created.append(services.save_team(**data, actor=request.user))

    if request.method == "POST" and _saved(form, write):
        return redirect("web:team", team_id=created[0].pk)
    rows = teams_overview(timezone.localdate())
    return render(request, "trajectories/teams.html", {"rows": rows, "form": form})


def _team_page(request: StaffRequest, team: Team, status: int = 200, **forms_: Any) -> HttpResponse:
    contact = team.contact
    context = {
        "team": team,
        "members": list(team.members.all()),
        "trajectories": list(team.trajectories.all()),
        "team_form": forms_.get("team_form")
        or TeamForm(
            initial={
                "name": team.name,
                "organisation": team.organisation,
                "sector": team.sector_id,
            },
            prefix="team",
        ),
        "contact_form": forms_.get("contact_form")
        or ContactForm(
            prefix="contact",
            initial={
                "first_name": contact.first_name,
                "last_name": contact.last_name,
                "email": contact.email,
            }
            if contact
            else None,
        ),
        "member_form": forms_.get("member_form") or MemberForm(prefix="member"),
        "trajectory_form": forms_.get("trajectory_form") or TrajectoryForm(prefix="trajectory"),
        "link": forms_.get("link", ""),
    }
    return render(request, "trajectories/team.html", context, status=status)


@coordinator_required
def team(request: StaffRequest, team_id: int) -> HttpResponse:
    return _team_page(request, _team(team_id))


@coordinator_required
@require_POST
def team_edit(request: StaffRequest, team_id: int) -> HttpResponse:
    team = _team(team_id)
    form = TeamForm(request.POST, prefix="team")
    if _saved(form, lambda d: services.save_team(**d, team=team, actor=request.user)):
        return redirect("web:team", team_id=team.pk)
    return _team_page(request, team, status=400, team_form=form)


@coordinator_required
@require_POST
def team_contact(request: StaffRequest, team_id: int) -> HttpResponse:
    team = _team(team_id)
    form = ContactForm(request.POST, prefix="contact")
    if _saved(form, lambda d: services.set_team_contact(team=team, **d, actor=request.user)):
        return redirect("web:team", team_id=team.pk)
    return _team_page(request, team, status=400, contact_form=form)


@coordinator_required
@require_POST
def member_add(request: StaffRequest, team_id: int) -> HttpResponse:
    team = _team(team_id)
    form = MemberForm(request.POST, prefix="member")
    if _saved(form, lambda d: services.add_member(team=team, **d, actor=request.user)):
        return redirect("web:team", team_id=team.pk)
    return _team_page(request, team, status=400, member_form=form)


@coordinator_required
@require_POST
def member_remove(request: StaffRequest, team_id: int, member_id: int) -> HttpResponse:
    member = get_object_or_404(TeamMember, pk=member_id, team_id=team_id)
    services.remove_member(member=member, actor=request.user)
    return redirect("web:team", team_id=team_id)


@coordinator_required
@require_POST
def trajectory_add(request: StaffRequest, team_id: int) -> HttpResponse:
    team = _team(team_id)
    form = TrajectoryForm(request.POST, prefix="trajectory")
    made: list[Trajectory] = []
    if _saved(
        form, lambda d: made.append(services.save_trajectory(team=team, **d, actor=request.user))
    ):
        return redirect("web:trajectory", trajectory_id=made[0].pk)
    return _team_page(request, team, status=400, trajectory_form=form)


@coordinator_required
@require_POST
def team_link(request: StaffRequest, team_id: int) -> HttpResponse:
    """Issue the contact's personal link and show it once, to pass on."""
    team = _team(team_id)
    try:
        link = issue_team_link(team=team, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:team", team_id=team.pk)
    response = _team_page(request, team, link=link)
    response["Cache-Control"] = "no-store"
    return response


def _trajectory_page(
    request: StaffRequest,
    trajectory: Trajectory,
    form: SessionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    progress = trajectory_progress(trajectory, today=timezone.localdate())
    context = {
        "trajectory": trajectory,
        "progress": progress,
        "session_form": form or SessionForm(),
        "edit_form": TrajectoryForm(
            prefix="trajectory",
            initial={
                "title": trajectory.title,
                "goal": trajectory.goal,
                "facilitators": trajectory.facilitators,
            },
        ),
    }
    return render(request, "trajectories/trajectory.html", context, status=status)


@coordinator_required
@require_http_methods(["GET", "POST"])
def trajectory(request: StaffRequest, trajectory_id: int) -> HttpResponse:
    """The trajectory's progress over time; a POST adds a session."""
    trajectory = _trajectory(trajectory_id)
    if request.method == "GET":
        return _trajectory_page(request, trajectory)
    form = SessionForm(request.POST)
    made: list[TrajectorySession] = []
    if _saved(
        form,
        lambda d: made.append(
            services.save_session(trajectory=trajectory, **d, actor=request.user)
        ),
    ):
        return redirect("web:trajectory-session", session_id=made[0].pk)
    return _trajectory_page(request, trajectory, form, status=400)


@coordinator_required
@require_POST
def trajectory_edit(request: StaffRequest, trajectory_id: int) -> HttpResponse:
    trajectory = _trajectory(trajectory_id)
    form = TrajectoryForm(request.POST, prefix="trajectory")
    if _saved(
        form,
        lambda d: services.save_trajectory(
            team=trajectory.team, trajectory=trajectory, **d, actor=request.user
        ),
    ):
        return redirect("web:trajectory", trajectory_id=trajectory.pk)
    return _trajectory_page(request, trajectory, status=400)


def _session_page(
    request: StaffRequest,
    session: TrajectorySession,
    *,
    session_form: SessionForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    initial = {
        "date": session.date,
        "place": session.place,
        "facilitators": session.facilitators,
        "themes": session.themes,
        "learning_notes": session.learning_notes,
    }
    context = {
        "session": session,
        "trajectory": session.trajectory,
        "actions": list(session.actions.all()),
        "session_form": session_form or SessionForm(initial=initial),
        "action_form": action_form or ActionForm(),
        "status_form": StatusForm(),
    }
    return render(request, "trajectories/session.html", context, status=status)


@coordinator_required
@require_http_methods(["GET", "POST"])
def session(request: StaffRequest, session_id: int) -> HttpResponse:
    """A session: its date, place, themes and learning notes, and its actions."""
    session = _session(session_id)
    if request.method == "GET":
        return _session_page(request, session)
    form = SessionForm(request.POST)
    write = lambda d: services.save_session(  # noqa: E731
        trajectory=session.trajectory, session=session, **d, actor=request.user
    )
    if _saved(form, write):
        messages.success(request, _("The session is saved."))
        return redirect("web:trajectory-session", session_id=session.pk)
    return _session_page(request, session, session_form=form, status=400)


@coordinator_required
@require_POST
def action_add(request: StaffRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    form = ActionForm(request.POST)
    if _saved(form, lambda d: services.save_action(session=session, **d, actor=request.user)):
        return redirect("web:trajectory-session", session_id=session.pk)
    return _session_page(request, session, action_form=form, status=400)


@coordinator_required
@require_http_methods(["GET", "POST"])
def action_edit(request: StaffRequest, action_id: int) -> HttpResponse:
    """Change what an action says: the description, owner, due date and status."""
    action = get_object_or_404(Action.objects.select_related("session__trajectory"), pk=action_id)
    initial = {
        "description": action.description,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
    }
    form = ActionForm(request.POST or None, initial=initial)
    write = lambda d: services.save_action(  # noqa: E731
        session=action.session, action=action, **d, actor=request.user
    )
    if request.method == "POST" and _saved(form, write):
        return redirect("web:trajectory-session", session_id=action.session_id)
    status = 400 if request.method == "POST" else 200
    context = {"action": action, "session": action.session, "form": form}
    return render(request, "trajectories/action_edit.html", context, status=status)


@coordinator_required
@require_POST
def action_status(request: StaffRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=action_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    return redirect("web:trajectory-session", session_id=action.session_id)


@coordinator_required
def export_pdf(request: StaffRequest, trajectory_id: int) -> HttpResponse:
    trajectory = _trajectory(trajectory_id)
    content = trajectory_pdf(
        trajectory, today=timezone.localdate(), language=get_language(), actor=request.user
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="trajectory-{trajectory.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@coordinator_required
def export_xlsx(request: StaffRequest, trajectory_id: int) -> HttpResponse:
    trajectory = _trajectory(trajectory_id)
    content = trajectory_xlsx(
        trajectory, today=timezone.localdate(), language=get_language(), actor=request.user
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="trajectory-{trajectory.pk}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
