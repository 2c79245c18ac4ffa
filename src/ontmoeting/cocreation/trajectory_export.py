"""A trajectory exported: a PDF (through the one renderer) and an XLSX (through the one
spreadsheet writer), each with the team, the sessions, their themes, actions and learning notes.
Every export is audited (it holds the names of team members)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from ontmoeting.cocreation.models import Trajectory
from ontmoeting.cocreation.trajectory_selectors import Progress, is_overdue, trajectory_progress
from ontmoeting.documents.pdf import render_pdf
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tabular import Sheet, xlsx_bytes


def trajectory_pdf(trajectory: Trajectory, *, today: dt.date, language: str, actor: Actor) -> bytes:
    """The trajectory as a PDF in ``language``."""
    progress = trajectory_progress(trajectory, today=today)
    members = list(trajectory.team.members.all())
    with translation.override(language):
        title = _("Trajectory %(title)s") % {"title": trajectory.title}
    record("trajectory.export", actor=actor, obj=trajectory, format="pdf")
    return render_pdf(
        "trajectories/trajectory_pdf.html",
        {
            "title": title,
            "progress": progress,
            "team": trajectory.team,
            "members": members,
            "today": today,
        },
        language=language,
    )


def _session_rows(progress: Progress) -> list[list[object]]:
    return [
        [
            number,
            row.session.date,
            row.session.place,
            row.session.facilitators,
            row.session.themes,
            row.session.learning_notes,
            row.done,
            row.open,
            row.overdue,
        ]
        for number, row in enumerate(progress.sessions, start=1)
    ]


def _action_rows(progress: Progress, today: dt.date) -> list[list[object]]:
    return [
        [
            number,
            row.session.date,
            action.description,
            action.owner,
            action.due,
            str(action.get_status_display()),
            _("yes") if is_overdue(action, today) else "",
            action.status_note,
        ]
        for number, row in enumerate(progress.sessions, start=1)
        for action in row.actions
    ]


def trajectory_xlsx(
    trajectory: Trajectory, *, today: dt.date, language: str, actor: Actor
) -> bytes:
    """The trajectory as a workbook in ``language``: a sheet of sessions, one of actions, one of
    members."""
    progress = trajectory_progress(trajectory, today=today)
    with translation.override(language):
        sheets = [
            Sheet(
                title=_("Sessions"),
                header=[
                    _("Session"),
                    _("Date"),
                    _("Place"),
                    _("Facilitators"),
                    _("Themes"),
                    _("Learning notes"),
                    _("Done"),
                    _("Open"),
                    _("Overdue"),
                ],
                rows=_session_rows(progress),
                formats={1: "DD/MM/YYYY"},
                widths={3: 24, 4: 40, 5: 60},
                wrap=frozenset({4, 5}),
            ),
            Sheet(
                title=_("Actions"),
                header=[
                    _("Session"),
                    _("Session date"),
                    _("Action"),
                    _("Owner"),
                    _("Due date"),
                    _("Status"),
                    _("Overdue"),
                    _("Note on the status"),
                ],
                rows=_action_rows(progress, today),
                formats={1: "DD/MM/YYYY", 4: "DD/MM/YYYY"},
                widths={2: 50, 3: 24, 7: 40},
                wrap=frozenset({2, 7}),
            ),
            Sheet(
                title=_("Team"),
                header=[_("Name"), _("Function")],
                rows=[
                    [m.name, str(m.get_function_display())] for m in trajectory.team.members.all()
                ],
                widths={0: 30, 1: 24},
            ),
        ]
    record("trajectory.export", actor=actor, obj=trajectory, format="xlsx")
    return xlsx_bytes(sheets)
