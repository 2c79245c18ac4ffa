"""Co-creation meetings (table plans in rounds and the harvest) and team trajectories."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ontmoeting.cocreation.enums import ActionStatus, SeatRole
from ontmoeting.people.enums import ProfessionalFunction

# ------------------------------------------------------------------ co-creation meetings


class TablePlan(models.Model):
    """One saved version of the mixed tables of a co-creation meeting, every round at once.

    ``violations`` holds the engine's violations as data (rule code, parameters, people), so a
    page, a command and a document all word the same findings.
    """

    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="table_plans",
    )
    version = models.PositiveIntegerField(_("version"))
    rounds = models.PositiveSmallIntegerField(_("rounds"), default=2)
    min_size = models.PositiveSmallIntegerField(_("smallest table"), default=5)
    max_size = models.PositiveSmallIntegerField(_("largest table"), default=8)
    seed = models.IntegerField(_("seed"), default=1)
    options = models.JSONField(_("options"), default=dict, blank=True)
    violations = models.JSONField(_("violations"), default=list, blank=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["edition", "-version"]
        verbose_name = _("table plan")
        verbose_name_plural = _("table plans")
        constraints = [
            models.UniqueConstraint(fields=["edition", "version"], name="one_table_plan_version"),
            models.CheckConstraint(
                condition=Q(min_size__lte=models.F("max_size")), name="table_sizes_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"


class TableSeat(models.Model):
    """Where one participant sits in one round: ``round`` and ``table`` count from 1."""

    plan = models.ForeignKey(
        TablePlan, verbose_name=_("table plan"), on_delete=models.CASCADE, related_name="seats"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    table = models.PositiveSmallIntegerField(_("table"))
    participant = models.ForeignKey(
        "editions.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="table_seats",
    )
    role = models.CharField(
        _("role at the table"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )

    class Meta:
        ordering = ["plan", "round", "table", "role", "pk"]
        verbose_name = _("table seat")
        verbose_name_plural = _("table seats")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "round", "participant"], name="one_seat_per_round"
            ),
            models.CheckConstraint(
                condition=Q(round__gte=1) & Q(table__gte=1), name="seat_counts_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} r{self.round} t{self.table}: {self.participant_id}"


class TableNote(models.Model):
    """The harvest: what one table said in one round, written down on the day."""

    plan = models.ForeignKey(
        TablePlan, verbose_name=_("table plan"), on_delete=models.CASCADE, related_name="notes"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    table = models.PositiveSmallIntegerField(_("table"))
    text = models.TextField(_("notes"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("written"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["plan", "round", "table", "created"]
        verbose_name = _("table note")
        verbose_name_plural = _("table notes")

    def __str__(self) -> str:
        return f"{self.plan} r{self.round} t{self.table}"


# ------------------------------------------------------------------ team trajectories


class Team(models.Model):
    """A team of an organisation on a co-creative trajectory; ``contact`` holds its link."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.ForeignKey(
        "people.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="teams"
    )
    contact = models.ForeignKey(
        "people.Person",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_teams",
        help_text=_("Sees and updates this team's actions through a personal link."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class TeamMember(models.Model):
    """A member of a team; an experience worker is linked to their person record."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=30, choices=ProfessionalFunction.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
    )

    class Meta:
        ordering = ["team", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name


class Trajectory(models.Model):
    """A co-creative trajectory of one team: a series of sessions with facilitators."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="trajectories"
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)
    facilitators = models.CharField(_("facilitators"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["team", "title"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")

    def __str__(self) -> str:
        return self.title


class TrajectorySession(models.Model):
    """One session of a trajectory: when, where, who led it, its themes and what was learnt."""

    trajectory = models.ForeignKey(
        Trajectory, verbose_name=_("trajectory"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitators = models.CharField(_("facilitators"), max_length=300, blank=True)
    themes = models.TextField(_("themes"), blank=True)
    learning_notes = models.TextField(_("learning notes"), blank=True)

    class Meta:
        ordering = ["trajectory", "date", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.trajectory} {self.date}"


class Action(models.Model):
    """An action a session agreed on: who does it, by when, and how far it is."""

    session = models.ForeignKey(
        TrajectorySession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200)
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_note = models.TextField(_("note on the status"), blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by_label = models.CharField(
        _("updated by"),
        max_length=200,
        blank=True,
        help_text=_("The user, or the team's contact through their link."),
    )
    reminded = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["session", "due", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:60]
