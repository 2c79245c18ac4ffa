"""Writing team trajectories: teams and their members, trajectories, sessions, actions.

Every function takes keyword-only options, runs in one transaction and writes one audit entry
per change. An action's status is changed by staff (``set_action_status``) or by the team's
contact through their link (``set_action_status_as_contact``), which only reaches actions of a
team the person is the contact of: an action of another team is "not found", never changed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.cocreation.models import (
    Action,
    Team,
    TeamMember,
    Trajectory,
    TrajectorySession,
)
from ontmoeting.people.enums import ProfessionalFunction
from ontmoeting.people.models import Person, Sector
from ontmoeting.privacy.audit import Actor, actor_user, record

#: The label an action carries when the team's contact changed it through their link.
CONTACT_LABEL = "team-link"


class ActionNotFound(ObjectDoesNotExist):
    """No action with that id among the actions the person may change."""


def _label(actor: Actor) -> str:
    user = actor_user(actor)
    if user is not None:
        return user.get_full_name() or user.get_username()
    return actor if isinstance(actor, str) else ""


@transaction.atomic
def save_team(
    *,
    name: str,
    organisation: str,
    sector: Sector,
    actor: Actor,
    team: Team | None = None,
) -> Team:
    """Create a team (or change ``team``); a second team of one name in one organisation is
    refused."""
    name, organisation = name.strip(), organisation.strip()
    clash = Team.objects.filter(name__iexact=name, organisation__iexact=organisation)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ValidationError({"name": _("This organisation already has a team of this name.")})
    created = team is None
    team = team or Team()
    team.name, team.organisation, team.sector = name, organisation, sector
    team.save()
    record("team.create" if created else "team.edit", actor=actor, obj=team, name=team.name)
    return team


@transaction.atomic
def set_team_contact(
    *, team: Team, first_name: str, last_name: str, email: str, actor: Actor
) -> Person:
    """Make the person with ``email`` the team's contact (a new person when nobody has it)."""
    email = email.strip().lower()
    if not email:
        raise ValidationError({"email": _("The contact needs an email address for the link.")})
    person = Person.objects.filter(email__iexact=email).order_by("pk").first()
    if person is None:
        person = Person.objects.create(
            first_name=first_name.strip(), last_name=last_name.strip(), email=email
        )
        record("person.create", actor=actor, obj=person, source="team_contact")
    team.contact = person
    team.save(update_fields=["contact"])
    record("team.contact", actor=actor, obj=team, person=person.pk)
    return person


@transaction.atomic
def add_member(
    *,
    team: Team,
    name: str,
    function: str,
    actor: Actor,
    person: Person | None = None,
) -> TeamMember:
    """Add a member; an experience worker is linked to the person record of an expert by
    experience (and takes its name when none is given)."""
    if function not in ProfessionalFunction.values:
        raise ValidationError({"function": _("Choose a function from the list.")})
    if function == ProfessionalFunction.EXPERIENCE_WORKER and person is None:
        raise ValidationError({"person": _("Link the experience worker to their person record.")})
    if person is not None and not hasattr(person, "expert_profile"):
        raise ValidationError({"person": _("Only an expert by experience can be linked here.")})
    name = name.strip() or (person.full_name if person is not None else "")
    if not name:
        raise ValidationError({"name": _("Fill in the member's name.")})
    member = TeamMember.objects.create(team=team, name=name, function=function, person=person)
    record("team.member.add", actor=actor, obj=team, member=member.pk, function=function)
    return member


@transaction.atomic
def remove_member(*, member: TeamMember, actor: Actor) -> None:
    """Take a member off their team."""
    team, pk = member.team, member.pk
    member.delete()
    record("team.member.remove", actor=actor, obj=team, member=pk)


@transaction.atomic
def save_trajectory(
    *,
    team: Team,
    title: str,
    actor: Actor,
    goal: str = "",
    facilitators: str = "",
    trajectory: Trajectory | None = None,
) -> Trajectory:
    """Create a trajectory of ``team`` (or change ``trajectory``)."""
    if not title.strip():
        raise ValidationError({"title": _("Give the trajectory a title.")})
    created = trajectory is None
    trajectory = trajectory or Trajectory(team=team)
    trajectory.title, trajectory.goal = title.strip(), goal.strip()
    trajectory.facilitators = facilitators.strip()
    trajectory.save()
    record("trajectory.create" if created else "trajectory.edit", actor=actor, obj=trajectory)
    return trajectory


@transaction.atomic
def save_session(
    *,
    trajectory: Trajectory,
    date: dt.date,
    actor: Actor,
    place: str = "",
    facilitators: str = "",
    themes: str = "",
    learning_notes: str = "",
    session: TrajectorySession | None = None,
) -> TrajectorySession:
    """Create a session of ``trajectory`` (or change ``session``): date, place, facilitators,
    themes and learning notes."""
    created = session is None
    session = session or TrajectorySession(trajectory=trajectory)
    session.date, session.place = date, place.strip()
    session.facilitators, session.themes = facilitators.strip(), themes.strip()
    session.learning_notes = learning_notes.strip()
    session.save()
    record(
        "trajectory.session.create" if created else "trajectory.session.edit",
        actor=actor,
        obj=session,
        date=date.isoformat(),
    )
    return session


@transaction.atomic
def save_action(
    *,
    session: TrajectorySession,
    description: str,
    owner: str,
    actor: Actor,
    due: dt.date | None = None,
    status: str = ActionStatus.OPEN,
    action: Action | None = None,
) -> Action:
    """Record an action a session agreed on (or change ``action``): what, who, by when."""
    if not description.strip():
        raise ValidationError({"description": _("Describe the action.")})
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    created = action is None
    action = action or Action(session=session)
    action.description, action.owner = description.strip(), owner.strip()
    action.due, action.status = due, status
    action.updated_by_label = _label(actor)
    action.save()
    record(
        "trajectory.action.create" if created else "trajectory.action.edit",
        actor=actor,
        obj=action,
        status=status,
    )
    return action


def _set_status(action: Action, *, status: str, note: str, actor: Actor, label: str) -> Action:
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    before = action.status
    action.status, action.status_note = status, note.strip()
    action.updated_by_label = label
    action.save(update_fields=["status", "status_note", "updated", "updated_by_label"])
    record(
        "trajectory.action.status",
        actor=actor,
        obj=action,
        before=before,
        after=status,
        by=label,
    )
    return action


@transaction.atomic
def set_action_status(*, action: Action, status: str, actor: Actor, note: str = "") -> Action:
    """Staff set an action's status (and a note on it)."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    return _set_status(locked, status=status, note=note, actor=actor, label=_label(actor))


@transaction.atomic
def set_action_status_as_contact(
    *, person: Person, action_id: int, status: str, note: str = ""
) -> Action:
    """The team's contact sets the status of one of their team's actions; any other id raises
    ActionNotFound (the same whether it exists in another team or not at all)."""
    action = (
        Action.objects.select_for_update()
        .filter(pk=action_id, session__trajectory__team__contact=person)
        .first()
    )
    if action is None:
        raise ActionNotFound
    label = f"{person.full_name} ({_('team contact')})"
    return _set_status(action, status=status, note=note, actor=CONTACT_LABEL, label=label)
