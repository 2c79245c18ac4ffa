"""The team contact's page: their team's actions, opened by their personal link.

The token in the URL is checked on every request (no session is opened): a GET only shows the
actions, a POST changes the status of one of them. Which actions the page shows and which it
may change both come from ``Team.contact`` of the link's person, never from an id in the URL.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.cocreation.team_links import check_team_link
from ontmoeting.cocreation.trajectories import ActionNotFound, set_action_status_as_contact
from ontmoeting.cocreation.trajectory_selectors import contact_actions
from ontmoeting.privacy.tokens import mark_used
from ontmoeting.web.forms.trajectories import StatusForm
from ontmoeting.web.views.portal.common import LINK_PROBLEMS, private

#: The pages of a link that does not work (a team link cannot be asked for by email).
TEAM_LINK_PROBLEMS = {
    state: ("trajectories/portal_link_problem.html", status)
    for state, (_template, status) in LINK_PROBLEMS.items()
}


@private
@require_http_methods(["GET", "POST"])
def team_actions(request: HttpRequest, token: str) -> HttpResponse:
    check = check_team_link(token)
    if not check.ok or check.token is None:
        template, status = TEAM_LINK_PROBLEMS[check.state]
        return render(request, template, {"state": check.state}, status=status)
    person = check.token.person
    mark_used(check.token)
    note = ""
    status = 200
    if request.method == "POST":
        form = StatusForm(request.POST)
        action_id = request.POST.get("action", "")
        if form.is_valid() and action_id.isdigit():
            try:
                set_action_status_as_contact(
                    person=person,
                    action_id=int(action_id),
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except ActionNotFound:
                status = 404
                note = _("This action is not one of your team's actions.")
            else:
                return redirect("web:team-actions", token=token)
        else:
            status, note = 400, _("Choose a status and try again.")
    context = {
        "person": person,
        "teams": contact_actions(person),
        "note": note,
        "status_choices": ActionStatus.choices,
    }
    return render(request, "trajectories/portal_actions.html", context, status=status)
