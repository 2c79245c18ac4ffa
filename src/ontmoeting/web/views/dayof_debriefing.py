"""The students' debriefing after the day: a session per class group and who attended it.

For coordinators. The pages call ``dayof.debriefing``; they never write themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ontmoeting.dayof.debriefing import (
    attendance_sheet,
    class_groups,
    delete_session,
    record_attendance,
    schedule_session,
)
from ontmoeting.dayof.models import DebriefingSession
from ontmoeting.editions.enums import Format
from ontmoeting.editions.models import Edition
from ontmoeting.editions.selectors import venue_rooms
from ontmoeting.web.forms.debriefing import SessionForm
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import StaffRequest, coordinator_required


def _edition(edition_id: int) -> Edition:
    """An encounter day: a co-creation meeting has no students, so no debriefing (404)."""
    return get_object_or_404(Edition.objects.exclude(format=Format.CO_CREATION), pk=edition_id)


@coordinator_required
def debriefing_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Every class group with its session (date, time, place, attendance) or none yet."""
    edition = _edition(edition_id)
    rows = class_groups(edition)
    return render(
        request,
        "web/dayof/debriefing.html",
        {
            "edition": edition,
            "rows": rows,
            "without": [r.class_group for r in rows if r.session is None],
        },
    )


@coordinator_required
def debriefing_edit(
    request: StaffRequest, edition_id: int, session_id: int | None = None
) -> HttpResponse:
    """Schedule a class group's session (``?class_group=`` chooses it), or change one."""
    edition = _edition(edition_id)
    session = (
        get_object_or_404(DebriefingSession, pk=session_id, edition=edition) if session_id else None
    )
    initial: dict[str, object] = (
        {
            "class_group": session.class_group,
            "date": session.date,
            "starts": session.starts,
            "ends": session.ends,
            "room": str(session.room_id or ""),
            "place": session.place,
            "lecturer": session.lecturer,
            "note": session.note,
        }
        if session
        else {"class_group": request.GET.get("class_group", "")[:50]}
    )
    form = SessionForm(
        request.POST or None,
        initial=initial,
        class_groups=[r.class_group for r in class_groups(edition)],
        rooms=venue_rooms(edition),
    )
    if request.method == "POST" and form.is_valid():
        try:
            schedule_session(
                edition=edition, actor=request.user, session=session, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Debriefing session saved."))
            return redirect("web:day-debriefing", edition.pk)
    return render(
        request,
        "web/dayof/debriefing_form.html",
        {"edition": edition, "session": session, "form": form},
    )


@require_POST
@coordinator_required
def debriefing_delete(request: StaffRequest, edition_id: int, session_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    session = get_object_or_404(DebriefingSession, pk=session_id, edition=edition)
    delete_session(session, actor=request.user)
    messages.success(
        request,
        _("The debriefing session of class group %(group)s is deleted.")
        % {"group": session.class_group},
    )
    return redirect("web:day-debriefing", edition.pk)


@coordinator_required
def debriefing_attendance(request: StaffRequest, edition_id: int, session_id: int) -> HttpResponse:
    """The class group's students with a big checkbox each: ticked came, unticked did not."""
    edition = _edition(edition_id)
    session = get_object_or_404(
        DebriefingSession.objects.select_related("room"), pk=session_id, edition=edition
    )
    if request.method == "POST":
        ticked = [int(v) for v in request.POST.getlist("attended") if v.isdigit() and len(v) < 19]
        try:
            changed = record_attendance(session, attended=ticked, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Attendance saved (%(n)s changed).") % {"n": changed}
                if changed
                else _("Attendance saved; nothing changed."),
            )
            return redirect("web:day-debriefing", edition.pk)
    return render(
        request,
        "web/dayof/debriefing_attendance.html",
        {"edition": edition, "session": session, "sheet": attendance_sheet(session)},
    )
