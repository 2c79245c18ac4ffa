"""Reminders of team actions that are due: one email per team contact per day, in the outbox.

An action is **due for a reminder** on ``today`` when it is still to do or in progress, has a
due date no later than ``today + within_days`` (overdue ones included), its team has a contact,
and it was not reminded on ``today`` yet. Each contact gets one message listing their due
actions, with a fresh personal link (``team_links``), stored in the one outbox
under its own kind, ``action_reminder``, whose text coordinators may change (links sealed, the
worker sends it). The message carries a
duplicate guard per contact, day and set of actions, and every action reminded gets
``reminded`` set: running the command twice on one day queues nothing new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ontmoeting.cocreation.enums import ACTION_OPEN
from ontmoeting.cocreation.models import Action
from ontmoeting.cocreation.team_links import PURPOSE
from ontmoeting.messaging.enums import MessageKind
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import message_language, queue_message
from ontmoeting.people.models import Person
from ontmoeting.privacy.audit import Actor, record
from ontmoeting.privacy.tokens import issue_link

#: Days ahead of the due date the first reminder goes out.
DEFAULT_WITHIN_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    """One contact's message: the person and the actions it lists."""

    person: Person
    actions: tuple[Action, ...]
    message: OutboxMessage | None = None


def due_for_reminder(*, today: dt.date, within_days: int = DEFAULT_WITHIN_DAYS) -> list[Action]:
    """The actions a reminder goes out for on ``today`` (module docstring)."""
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return list(
        Action.objects.select_related("session__trajectory__team__contact")
        .filter(
            status__in=ACTION_OPEN,
            due__lte=today + dt.timedelta(days=within_days),
            session__trajectory__team__contact__isnull=False,
        )
        .exclude(reminded__gte=start)
        .order_by("due", "pk")
    )


def plan_reminders(*, today: dt.date, within_days: int = DEFAULT_WITHIN_DAYS) -> list[Reminder]:
    """The messages ``send_reminders`` would queue (nothing written)."""
    by_person: dict[int, list[Action]] = defaultdict(list)
    people: dict[int, Person] = {}
    for action in due_for_reminder(today=today, within_days=within_days):
        contact = action.session.trajectory.team.contact
        assert contact is not None  # filtered on
        by_person[contact.pk].append(action)
        people[contact.pk] = contact
    return [Reminder(people[pk], tuple(actions)) for pk, actions in by_person.items()]


def _dedupe_key(person: Person, today: dt.date, actions: tuple[Action, ...]) -> str:
    ids = ",".join(str(a.pk) for a in sorted(actions, key=lambda a: a.pk))
    digest = hashlib.sha256(ids.encode("ascii")).hexdigest()[:16]
    return f"team-actions:{person.pk}:{today.isoformat()}:{digest}"


def _action_lines(actions: tuple[Action, ...], *, today: dt.date, language: str) -> str:
    """The ``{{ actions }}`` of the message: one line per action, in the contact's language."""
    with translation.override(language):
        return render_to_string(
            "trajectories/reminder_actions.txt", {"actions": actions, "today": today}
        ).strip()


def _queue(reminder: Reminder, *, today: dt.date, actor: Actor) -> OutboxMessage:
    person, key = reminder.person, _dedupe_key(reminder.person, today, reminder.actions)
    existing = OutboxMessage.objects.filter(dedupe_key=key).first()
    if existing is not None:
        return existing
    language = message_language(person)
    context = {
        "link": issue_link(person, purpose=PURPOSE),
        "actions": _action_lines(reminder.actions, today=today, language=language),
    }
    return queue_message(
        kind=MessageKind.ACTION_REMINDER,
        person=person,
        context=context,
        actor=actor,
        language=language,
        dedupe_key=key,
    )


@transaction.atomic
def send_reminders(
    *,
    today: dt.date,
    actor: Actor,
    within_days: int = DEFAULT_WITHIN_DAYS,
    now: dt.datetime | None = None,
) -> list[Reminder]:
    """Queue today's reminders (one per contact) and mark their actions reminded; idempotent
    for a day."""
    # Stamped on ``today`` (at the time of day it runs), so a rerun that day finds it reminded.
    clock = timezone.localtime(now or timezone.now()).time()
    stamp = timezone.make_aware(dt.datetime.combine(today, clock))
    done = []
    for reminder in plan_reminders(today=today, within_days=within_days):
        message = _queue(reminder, today=today, actor=actor)
        Action.objects.filter(pk__in=[a.pk for a in reminder.actions]).update(reminded=stamp)
        record(
            "trajectory.actions.reminded",
            actor=actor,
            obj=reminder.person,
            actions=[a.pk for a in reminder.actions],
            message=message.pk,
        )
        done.append(Reminder(reminder.person, reminder.actions, message))
    return done
