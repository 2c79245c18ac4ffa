"""Reminders of due actions: the right actions, one email per contact with their link, through
the outbox and a real SMTP server, once per action per day; the command and its dry run."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from ontmoeting.cli import main
from ontmoeting.cocreation.models import Action
from ontmoeting.cocreation.reminders import due_for_reminder, send_reminders
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.sending import send_pending
from ontmoeting.privacy.models import AuditEntry
from tests.cocreation.trajectory_factories import TODAY, ActionFactory, SessionFactory, two_teams
from tests.messaging.smtp import smtp_server

__all__ = ["smtp_server"]
pytestmark = pytest.mark.django_db


def _world():
    """Team A's actions: due in 2 days (A-actie 1), overdue (A-actie 2), done and overdue,
    due in 10 days; team B: due in 1 day and 'dropped'; a team without contact: due today."""
    world = two_teams()
    a1, a2 = world.actions_a
    Action.objects.filter(pk=a1.pk).update(due=TODAY + dt.timedelta(days=2))
    Action.objects.filter(pk=a2.pk).update(due=TODAY - dt.timedelta(days=5), status="in_progress")
    ActionFactory(session=a1.session, status="done", due=TODAY - dt.timedelta(days=9))
    ActionFactory(session=a1.session, due=TODAY + dt.timedelta(days=10))
    b1, b2 = world.actions_b
    Action.objects.filter(pk=b1.pk).update(due=TODAY + dt.timedelta(days=1))
    Action.objects.filter(pk=b2.pk).update(due=TODAY, status="dropped")
    orphan = SessionFactory(trajectory__team__contact=None, trajectory__team__name="Zonder")
    ActionFactory(session=orphan, due=TODAY)
    return world


def test_only_open_actions_due_soon_or_overdue_of_teams_with_a_contact():
    world = _world()
    due = {a.description for a in due_for_reminder(today=TODAY, within_days=3)}
    assert due == {"A-actie 1", "A-actie 2", "B-actie 1"}
    assert {a.description for a in due_for_reminder(today=TODAY, within_days=0)} == {"A-actie 2"}
    assert world.a.contact is not None


def test_one_email_per_contact_with_the_link_once_a_day(smtp_server, client):
    world = _world()
    reminders = send_reminders(today=TODAY, actor="cli")
    assert sorted((r.person.first_name, len(r.actions)) for r in reminders) == [
        ("Anna", 2),
        ("Bert", 1),
    ]
    # Their own kind, so the outbox names them and a coordinator may reword the text.
    assert set(OutboxMessage.objects.values_list("kind", flat=True)) == {"action_reminder"}
    # Run again the same day: nothing new is queued.
    assert send_reminders(today=TODAY, actor="cli") == []
    assert OutboxMessage.objects.count() == 2
    report = send_pending()
    assert report.sent == 2
    by_recipient = {m["To"]: m for m in smtp_server.messages}
    assert set(by_recipient) == {world.a.contact.email, world.b.contact.email}
    body = by_recipient[world.a.contact.email].get_body(("plain",)).get_content()
    assert "A-actie 1" in body
    assert "A-actie 2" in body
    assert "B-actie" not in body
    link = re.search(r"https?://\S+/team/[A-Za-z0-9_-]{43}/", body).group(0)
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    shown = {a.pk for entry in page.context["teams"] for a in entry.actions}
    assert shown == set(
        Action.objects.filter(session__trajectory__team=world.a).values_list("pk", flat=True)
    )
    # The next day, the still-due actions are reminded again.
    assert len(send_reminders(today=TODAY + dt.timedelta(days=1), actor="cli")) == 2
    assert AuditEntry.objects.filter(action="trajectory.actions.reminded").count() == 4


def test_the_command_dry_run_queues_nothing_and_the_run_queues(capsys):
    _world()
    assert main(["trajectories", "remind", "--dry-run", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Anna" in out
    assert "Bert" in out
    assert OutboxMessage.objects.count() == 0
    assert Action.objects.filter(reminded__isnull=False).count() == 0
    assert main(["trajectories", "remind", "--today", TODAY.isoformat()]) == 0
    assert OutboxMessage.objects.count() == 2
    assert main(["trajectories", "remind", "--today", "16-03-2026"]) == 2
