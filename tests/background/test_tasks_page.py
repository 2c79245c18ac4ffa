"""The coordinators' page of background tasks: workers, schedule, recent tasks in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from ontmoeting.background.heartbeat import beat
from ontmoeting.background.overview import error_line, task_name
from ontmoeting.messaging.tasks import send_outbox
from tests.background import sample_tasks

pytestmark = pytest.mark.django_db

URL = "/background/"
TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "x.py", line 1, in f\n'
    "    raise ValueError(...)\n"
    "builtins.ValueError: could not reach Jan Peeters\n"
    "second line with more detail\n"
)


def _failed(task, attempt: int, *args) -> DBTaskResult:
    kwargs = {"_attempt": attempt} if attempt > 1 else {}
    result = task.enqueue(*args, **kwargs)
    now = timezone.now()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED",
        started_at=now,
        finished_at=now,
        exception_class_path="builtins.ValueError",
        traceback=TRACEBACK,
    )
    return DBTaskResult.objects.get(pk=result.id)


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_error_line_is_the_first_line_of_the_message():
    assert error_line("builtins.ValueError", TRACEBACK) == "could not reach Jan Peeters"
    assert error_line("builtins.KeyError", TRACEBACK) == ""


def test_a_task_has_a_name_in_words_even_without_one_given():
    assert task_name("ontmoeting.x.tasks.send_outbox", {}) == "Send outbox"
    assert task_name("a.b", {"a.b": "Iets doen"}) == "Iets doen"


def test_coordinators_see_workers_tasks_in_words_and_which_failures_come_back(client, make_staff):
    beat("worker-1")
    send_outbox.enqueue()
    _failed(sample_tasks.always_fails, 3)  # its last attempt (retries=2): failed for good
    _failed(sample_tasks.slow_write, 1, "k", 0.0)  # tried again: attempt 2 waits
    sample_tasks.slow_write.using(run_after=timezone.now() + dt.timedelta(minutes=5)).enqueue(
        "k", 0.0, _attempt=2
    )
    page = _page(client, make_staff("coordinator"))
    assert 'data-testid="no-worker"' not in page
    assert escape(gettext("Sending e-mails")) in page
    assert page.count('data-testid="failed-for-good"') == 1
    assert page.count('data-testid="tried-again"') == 1
    assert "<code>ValueError</code>: could not reach Jan Peeters" in page
    assert "second line with more detail" not in page
    assert "Traceback" not in page
    # Only the failed ones.
    client.force_login(make_staff("coordinator", "coordinator2"))
    only_failed = client.get(URL, {"status": "FAILED"}).content.decode()
    assert only_failed.count('data-status="FAILED"') == 2
    assert 'data-status="READY"' not in only_failed


def test_admins_see_the_error_class_but_not_its_message(client, make_staff):
    _failed(sample_tasks.always_fails, 3)
    page = _page(client, make_staff("admin"))
    assert "<code>ValueError</code>" in page
    assert "Jan Peeters" not in page


def test_without_a_live_worker_the_page_says_so(client, make_staff):
    page = _page(client, make_staff("coordinator"))
    assert 'data-testid="no-worker"' in page


@pytest.mark.parametrize("role", ["researcher", "helper", "finance"])
def test_other_roles_may_not_open_the_page(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(("role", "linked"), [("coordinator", True), ("researcher", False)])
def test_the_staff_menu_links_to_the_page_for_coordinators(client, make_staff, role, linked):
    client.force_login(make_staff(role))
    assert (f'href="{URL}"' in client.get(reverse("web:account")).content.decode()) is linked
