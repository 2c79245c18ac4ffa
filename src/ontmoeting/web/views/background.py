"""The coordinators' page of background tasks: the workers, the schedule and recent tasks."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ontmoeting.background import overview
from ontmoeting.background.compat import TaskResultStatus
from ontmoeting.privacy.roles import StaffRole, has_role
from ontmoeting.web.permissions import StaffRequest, role_required

PER_PAGE = 50

#: The tasks in words, by task path (module.function); an unknown one shows its function name.
TASK_NAMES = {
    "ontmoeting.planning.tasks.run_plan_job": _("Making a plan"),
    "ontmoeting.messaging.tasks.send_outbox": _("Sending e-mails"),
    "ontmoeting.privacy.tasks.purge_retention": _("Removing personal data past its retention"),
    "ontmoeting.cocreation.tasks.remind_trajectories": _("Reminding teams of their actions"),
    "ontmoeting.surveys.tasks.remind_wave": _("Sending survey reminders"),
    "ontmoeting.background.tasks.prune_results": _("Clearing old task results"),
    "ontmoeting.documents.tasks.build_document_pack": _("Making the document pack"),
}

#: A task's status in words.
STATUS_WORDS = {
    TaskResultStatus.READY: _("Waiting"),
    TaskResultStatus.RUNNING: _("Running"),
    TaskResultStatus.SUCCESSFUL: _("Done"),
    TaskResultStatus.FAILED: _("Failed"),
}

tasks_page_required = role_required(StaffRole.COORDINATOR, StaffRole.ADMIN)


@tasks_page_required
def background_tasks(request: StaffRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in STATUS_WORDS:
        status = ""
    page = Paginator(overview.recent_results(status or None), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "web/background/tasks.html",
        {
            "workers": overview.worker_rows(TASK_NAMES),
            "schedule": overview.schedule_rows(TASK_NAMES),
            "page": page,
            "rows": overview.task_rows(page, TASK_NAMES),
            "status": status,
            "statuses": list(STATUS_WORDS.items()),
            "status_words": STATUS_WORDS,
            # The first line of an error may name a participant: coordinators only.
            "show_error_line": has_role(request.user, StaffRole.COORDINATOR),
        },
    )
