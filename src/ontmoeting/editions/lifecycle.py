"""Guards on the lifecycle: conditions that higher apps set on entering a status.

The editions app sits below planning, so it cannot ask whether a plan is published. Instead a
higher app registers a guard for a status (planning does so in its ``AppConfig.ready()``);
``transition_edition`` runs the guards of the target status, inside its transaction and after
the lifecycle table allowed the step. A guard returns ``None`` to let the edition pass, or the
reason it may not, in the active language; the transition then raises ``InvalidTransition``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ontmoeting.editions.enums import EditionStatus
from ontmoeting.editions.models import Edition, InvalidTransition

#: A guard: ``None`` when ``edition`` may enter the status, else why not.
Guard = Callable[[Edition], str | None]

_GUARDS: dict[str, list[Guard]] = {}


def register_guard(status: str, guard: Guard) -> None:
    """Run ``guard`` before an edition enters ``status``; registering it twice changes nothing."""
    guards = _GUARDS.setdefault(str(status), [])
    if guard not in guards:
        guards.append(guard)


def unregister_guard(status: str, guard: Guard) -> None:
    """Remove ``guard`` from ``status`` (tests); nothing happens when it is not registered."""
    guards = _GUARDS.get(str(status), [])
    if guard in guards:
        guards.remove(guard)


def check_guards(edition: Edition, target: str) -> None:
    """Raise InvalidTransition with the reason of the first guard of ``target`` that refuses."""
    for guard in _GUARDS.get(str(target), []):
        reason = guard(edition)
        if reason:
            raise InvalidTransition(reason)


def not_before_the_day(edition: Edition, *, today: dt.date | None = None) -> str | None:
    """An edition is held on its date or after, never before (the editions app's own guard)."""
    today = today or timezone.localdate()
    if today < edition.date:
        return _(
            "The day is on %(date)s: the edition can be marked held from that day on, not before."
        ) % {"date": edition.date.isoformat()}
    return None


#: What entering each status changes, for the coordinator to read before confirming.
CONSEQUENCES: dict[str, tuple[Promise, ...]] = {
    EditionStatus.DRAFT: (
        gettext_lazy("The edition is prepared again; the dashboard leads back to recruiting."),
    ),
    EditionStatus.RECRUITING: (
        gettext_lazy("Invitation links and the group registration link can be used."),
        gettext_lazy("Rosters can be imported and plans made."),
    ),
    EditionStatus.PLANNED: (gettext_lazy("Plans can be checked, edited by hand and published."),),
    EditionStatus.PUBLISHED: (
        gettext_lazy("Each participant sees their own schedule on their personal page."),
        gettext_lazy("Schedules, letters and reminders can be sent."),
    ),
    EditionStatus.HELD: (
        gettext_lazy(
            "Participants can no longer register, cancel or change what they need on their "
            "personal page."
        ),
        gettext_lazy(
            "The edition counts in each expert's history (how often they took part, newcomer "
            "or veteran)."
        ),
        gettext_lazy("Next: the debriefing, the travel and lunch claims and the post survey."),
    ),
    EditionStatus.EVALUATED: (gettext_lazy("The evaluation is done: the report can be written."),),
    EditionStatus.ARCHIVED: (
        gettext_lazy("The edition is kept as history and can no longer change."),
        gettext_lazy("This step cannot be taken back."),
    ),
}
