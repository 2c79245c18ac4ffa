"""Reading team trajectories: the teams overview, a trajectory's progress over time, and the
actions a team's contact may see.

An action counts as **overdue** when it is still to do or in progress and its due date lies
before today; "open" counts every action still to do or in progress (overdue ones included);
"done" counts done actions; dropped actions count in neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from ontmoeting.cocreation.enums import ACTION_OPEN, ActionStatus
from ontmoeting.cocreation.models import Action, Team, Trajectory, TrajectorySession
from ontmoeting.people.models import Person

#: Colours of the statuses in the chart (at least 3:1 against white), in the order drawn.
STATUS_COLOURS: dict[str, str] = {
    ActionStatus.DONE: "#2e7d32",
    ActionStatus.IN_PROGRESS: "#1f4e79",
    ActionStatus.OPEN: "#a0410d",
    ActionStatus.DROPPED: "#757575",
}
#: Geometry of the progress chart (SVG user units).
BAR_HEIGHT = 22
ROW_GAP = 12
LABEL_WIDTH = 110
BAR_WIDTH = 360


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.status in ACTION_OPEN and action.due is not None and action.due < today


@dataclass(frozen=True)
class TeamRow:
    team: Team
    trajectories: int
    open_actions: int
    overdue_actions: int


def teams_overview(today: dt.date) -> list[TeamRow]:
    """Every team with its number of trajectories, open and overdue actions (one query)."""
    open_q = Q(trajectories__sessions__actions__status__in=ACTION_OPEN)
    teams = Team.objects.select_related("sector", "contact").annotate(
        n_trajectories=Count("trajectories", distinct=True),
        n_open=Count("trajectories__sessions__actions", filter=open_q, distinct=True),
        n_overdue=Count(
            "trajectories__sessions__actions",
            filter=open_q & Q(trajectories__sessions__actions__due__lt=today),
            distinct=True,
        ),
    )
    return [TeamRow(t, t.n_trajectories, t.n_open, t.n_overdue) for t in teams]


def team_with_members(team_id: int) -> Team | None:
    return (
        Team.objects.select_related("sector", "contact")
        .prefetch_related("members__person", "trajectories")
        .filter(pk=team_id)
        .first()
    )


@dataclass(frozen=True)
class Segment:
    """One status's part of a session's bar in the chart."""

    status: str
    label: str
    count: int
    x: int
    width: int
    colour: str


@dataclass
class SessionProgress:
    session: TrajectorySession
    actions: list[Action]
    counts: dict[str, int]
    overdue: int
    y: int = 0
    segments: list[Segment] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(self.counts[s] for s in ACTION_OPEN)

    @property
    def done(self) -> int:
        return self.counts[ActionStatus.DONE]


@dataclass(frozen=True)
class Progress:
    """A trajectory's sessions in date order with their actions, and the counts over time."""

    trajectory: Trajectory
    sessions: list[SessionProgress]
    done: int
    open: int
    overdue: int
    dropped: int
    total: int
    chart_height: int
    chart_width: int = LABEL_WIDTH + BAR_WIDTH + 40
    legend: Sequence[tuple[str, str]] = ()

    @property
    def done_percent(self) -> int:
        counted = self.total - self.dropped
        return round(100 * self.done / counted) if counted else 0


def _segments(counts: dict[str, int], widest: int) -> list[Segment]:
    done, segments = 0, []
    for status, colour in STATUS_COLOURS.items():
        count = counts[status]
        if not count:
            continue
        # Edges rounded from the running total, so the bars of equal counts end alike.
        x = LABEL_WIDTH + round(BAR_WIDTH * done / widest)
        end = LABEL_WIDTH + round(BAR_WIDTH * (done + count) / widest)
        label = str(ActionStatus(status).label)
        segments.append(Segment(status, label, count, x, end - x, colour))
        done += count
    return segments


def trajectory_progress(trajectory: Trajectory, *, today: dt.date) -> Progress:
    """The progress of ``trajectory`` on ``today``: per session its actions per status and
    overdue count, the totals, and the geometry of the stacked bars (one per session)."""
    sessions = list(
        TrajectorySession.objects.filter(trajectory=trajectory)
        .order_by("date", "pk")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("due", "pk")))
    )
    rows = []
    for session in sessions:
        actions = list(session.actions.all())
        counts = dict.fromkeys(ActionStatus.values, 0)
        for action in actions:
            counts[action.status] += 1
        overdue = sum(is_overdue(a, today) for a in actions)
        rows.append(SessionProgress(session, actions, counts, overdue))
    widest = max((len(r.actions) for r in rows), default=0) or 1
    for number, row in enumerate(rows):
        row.y = ROW_GAP + number * (BAR_HEIGHT + ROW_GAP)
        row.segments = _segments(row.counts, widest)
    every = [a for r in rows for a in r.actions]
    return Progress(
        trajectory=trajectory,
        sessions=rows,
        done=sum(r.done for r in rows),
        open=sum(r.open for r in rows),
        overdue=sum(r.overdue for r in rows),
        dropped=sum(r.counts[ActionStatus.DROPPED] for r in rows),
        total=len(every),
        chart_height=ROW_GAP + len(rows) * (BAR_HEIGHT + ROW_GAP),
        legend=[(str(ActionStatus(s).label), c) for s, c in STATUS_COLOURS.items()],
    )


@dataclass(frozen=True)
class ContactTeam:
    """A team of which the person is the contact, with its actions still to see."""

    team: Team
    actions: list[Action]


def contact_actions(person: Person) -> list[ContactTeam]:
    """The actions of every team ``person`` is the contact of — and of no other team."""
    actions: QuerySet[Action] = Action.objects.select_related("session__trajectory").order_by(
        "session__trajectory__title", "session__date", "due", "pk"
    )
    teams = Team.objects.filter(contact=person).order_by("organisation", "name")
    return [
        ContactTeam(team, list(actions.filter(session__trajectory__team=team))) for team in teams
    ]
