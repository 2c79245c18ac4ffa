"""Each app's background task does what its command does, and the worker runs them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.schedule import enqueue_due
from ontmoeting.background.worker import WorkerOptions, run
from ontmoeting.cli import main
from ontmoeting.cocreation.tasks import remind_trajectories
from ontmoeting.messaging.enums import MessageStatus
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.messaging.services import queue_message
from ontmoeting.messaging.tasks import send_outbox
from ontmoeting.people.models import Person
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.privacy.retention import purge
from ontmoeting.privacy.tasks import purge_retention
from ontmoeting.surveys import services, vault
from ontmoeting.surveys.models import WaveInvite
from tests.cocreation.trajectory_factories import TODAY, two_teams
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.messaging.smtp import smtp_server, unreachable_smtp
from tests.surveys.helpers import edition_with_debriefing, open_wave, students

__all__ = ["smtp_server", "unreachable_smtp"]


def _queue_confirmation() -> OutboxMessage:
    participant = ParticipantFactory()
    return queue_message(
        kind="confirmation",
        person=participant.person,
        participant=participant,
        context={},
        actor="test",
    )


@pytest.mark.django_db
def test_the_outbox_task_sends_queued_mail_and_returns_the_counts(smtp_server):
    message = _queue_confirmation()
    assert send_outbox.call() == {
        "sent": 1,
        "deferred": 0,
        "failed": 0,
        "requeued": 0,
        "uncertain": 0,
        "stopped_early": "",
    }
    assert [m["To"] for m in smtp_server.messages] == [message.recipient]
    assert OutboxMessage.objects.get().status == MessageStatus.SENT


@pytest.mark.django_db
def test_the_outbox_task_leaves_mail_queued_when_the_server_is_down(unreachable_smtp):
    _queue_confirmation()
    counts = send_outbox.call()
    assert (counts["sent"], counts["deferred"]) == (0, 1)
    assert counts["stopped_early"]
    assert OutboxMessage.objects.get().status == MessageStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_outbox_on_its_schedule(smtp_server, settings):
    settings.ONTMOETING_SCHEDULE = {
        "outbox": {"task": "ontmoeting.messaging.tasks.send_outbox", "every": 60}
    }
    _queue_confirmation()
    run(WorkerOptions(batch=True))  # schedule on: the worker enqueues the due job, then runs it
    assert len(smtp_server.messages) == 1
    (result,) = DBTaskResult.objects.all()
    assert (result.status, result.return_value["sent"]) == ("SUCCESSFUL", 1)
    assert enqueue_due() == []  # the next pass comes a minute later


@pytest.mark.django_db
def test_the_purge_task_removes_what_the_command_would_and_the_command_then_finds_nothing(
    capsys,
):
    gone = PersonFactory(first_name="Jan", email="jan@example.org")
    ParticipantFactory(edition=EditionFactory(year=2009, status="archived"), person=gone)
    expected = purge(actor="test", dry_run=True).counts
    assert expected["contact"] == 1
    assert purge_retention.call() == expected
    assert Person.objects.get(pk=gone.pk).first_name == ""
    assert AuditEntry.objects.filter(actor_label="worker", action__startswith="privacy").exists()
    assert main(["privacy", "purge", "--dry-run"]) == 0
    assert "contact: 0" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_remind_task_queues_what_the_command_would_once_a_day(capsys):
    two_teams()
    main(["trajectories", "remind", "--dry-run", "--today", TODAY.isoformat(), "--days", "400"])
    would = capsys.readouterr().out
    counts = remind_trajectories.call(days=400, today=TODAY.isoformat())
    assert counts["contacts"] == 2
    assert f"{counts['contacts']} contactpersonen" in would
    assert OutboxMessage.objects.filter(kind="action_reminder").count() == 2
    # The command the same day finds everything reminded already.
    main(["trajectories", "remind", "--today", TODAY.isoformat(), "--days", "400"])
    assert "0 contactpersonen" in capsys.readouterr().out
    assert remind_trajectories.call(days=400, today=TODAY.isoformat()) == {
        "contacts": 0,
        "actions": 0,
    }


@pytest.mark.django_db
def test_the_remind_button_queues_a_task_that_reminds_those_who_did_not_answer(client, make_staff):
    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    before = OutboxMessage.objects.count()
    client.force_login(make_staff("coordinator"))
    response = client.post(
        f"/research/editions/{edition.pk}/waves/{wave.pk}/do/remind/", follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        gettext(
            "The reminders are queued: the background worker sends them in a moment "
            "(see Background tasks)."
        )
    ]
    assert OutboxMessage.objects.count() == before  # nothing sent in the request
    (queued,) = DBTaskResult.objects.filter(task_path="ontmoeting.surveys.tasks.remind_wave")
    assert queued.status == "READY"
    # The worker runs it (here its function, in this test's transaction).
    args, kwargs = queued.args_kwargs["args"], queued.args_kwargs["kwargs"]
    task = queued.task
    assert task.call(*args, **kwargs) == {"reminded": 2}
    assert OutboxMessage.objects.count() == before + 2
    assert all(i.invite.reminder_count == 1 for i in vault.invitees(wave))
    # The same request run again (a retry, or taken back from a dead worker) sends nothing.
    assert task.call(*args, **kwargs) == {"reminded": 0, "already_done": True}
    assert OutboxMessage.objects.count() == before + 2


@pytest.mark.django_db
def test_a_wave_closed_before_its_reminders_ran_sends_none():
    from ontmoeting.surveys.tasks import remind_wave

    edition = edition_with_debriefing()
    students(edition, 2)
    wave = open_wave(edition, "pre")
    services.invite_wave(wave=wave, actor="t")
    services.set_wave_status(wave=wave, status="closed", actor="t")
    asked = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat()
    assert remind_wave.call(wave.pk, asked) == {"reminded": 0, "refused": "closed"}
    assert not WaveInvite.objects.filter(wave=wave, reminder_count__gt=0).exists()
