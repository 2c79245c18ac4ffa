"""Several web processes and two outbox workers on one PostgreSQL database lose nothing.

A real gunicorn with three worker processes serves the test database; desks post check-ins,
coordinators queue messages through the send page and edit the plan, all at once from several
clients; two sender processes send the outbox to a local SMTP server meanwhile. Every check-in
is recorded once, every message is delivered once, every plan edit is its own version and the
versions follow each other without a gap. PostgreSQL only (SQLite has one writer at a time by
design); CI's second pass runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from benchmarks._load_client import Session
from django.conf import settings
from django.db import connection
from django.test import Client

from ontmoeting.dayof.models import Attendance, DeskAction
from ontmoeting.documents.checkin import checkin_token
from ontmoeting.messaging.models import OutboxMessage
from ontmoeting.planning.models import Plan
from ontmoeting.planning.services import plan_edition
from tests.messaging.smtp import SmtpServer, free_port
from tests.web.plans_factories import QUICK, plannable_edition

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several processes writing at once: PostgreSQL only",
    ),
]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: A task worker, twice: each enqueues and runs the outbox's send every second (the schedule's
#: ``ONTMOETING_OUTBOX_SECONDS``), one of them at a time.
SENDER = [str(BIN / "ontmoeting"), "worker", "--interval", "0.2"]
CLIENTS = 6


def _environment(smtp_port: int) -> dict[str, str]:
    """The test's database, keys and data directory, for the other processes."""
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{db['NAME']}",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "ONTMOETING_VAR_DIR": str(settings.VAR_DIR),
        "DJANGO_DEBUG": "0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "ONTMOETING_OUTBOX_SECONDS": "1",
        "ONTMOETING_SCHEDULE_SKIP": "privacy-purge,trajectories-remind,prune-task-results",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT)])),
    }


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:  # the child keeps its own copy of the file
        return subprocess.Popen(  # nosec B603: our own commands, no shell
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )


def _wait_until_served(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            if Session(port).get("/login/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"gunicorn did not answer within 120 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def processes(tmp_path):
    """gunicorn with 3 workers and two outbox senders on the test database; yields the port
    and the SMTP server the senders deliver to."""
    smtp = SmtpServer().start()
    port = free_port()
    env = _environment(smtp.port)
    web_log = tmp_path / "gunicorn.log"
    started = [
        _start(
            [
                str(BIN / "gunicorn"),
                "ontmoeting.config.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "3",
                "--timeout",
                "120",
            ],
            env,
            web_log,
        )
    ]
    started += [_start(SENDER, env, tmp_path / f"sender-{i}.log") for i in range(2)]
    try:
        _wait_until_served(port, started[0], web_log)
        yield port, smtp, started
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        smtp.stop()


def _staff_session(port: int, user, page: str) -> Session:
    """A coordinator's session made here, used against gunicorn (same database and key); the
    CSRF cookie comes with ``page``, as a browser gets it."""
    client = Client()
    client.force_login(user)
    session = Session(port, {"sessionid": client.cookies["sessionid"].value})
    status, _page, _headers = session.get(page)
    assert (status, "csrftoken" in session.cookies) == (200, True)
    return session


def _form(session: Session, path: str, fields: dict[str, str]) -> int:
    fields = {"csrfmiddlewaretoken": session.cookies["csrftoken"], **fields}
    return session.post_form(path, fields)[0]


def _scan(session: Session, path: str, token: str) -> dict:
    body = json.dumps({"taps": [{"key": uuid.uuid4().hex, "kind": "arrive", "token": token}]})
    headers = {"Content-Type": "application/json", "X-CSRFToken": session.cookies["csrftoken"]}
    status, answer, _headers = session.request("POST", path, body.encode(), headers)
    assert status == 200, answer[:500]
    return json.loads(answer)["results"][0]


def _wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.time() + seconds
    while not condition() and time.time() < deadline:
        time.sleep(0.2)


def test_web_processes_and_workers_lose_no_checkin_message_or_plan_edit(processes, make_staff):
    port, smtp, started = processes
    edition, students, experts = plannable_edition(n_pairs=12)
    plan, _result = plan_edition(edition, actor="test", seed=1, settings=QUICK)
    everyone = students + experts
    coordinator = make_staff("coordinator")
    sessions = [
        _staff_session(port, coordinator, f"/day/{edition.pk}/desk/") for _ in range(CLIENTS)
    ]
    scan_path = f"/day/{edition.pk}/desk/sync/"
    send_path = f"/editions/{edition.pk}/messages/send/"

    def client(i: int) -> list:
        """One client's share: check-ins, a message batch and plan edits, interleaved."""
        session = sessions[i]
        mine = everyone[i::CLIENTS]
        answers = [_scan(session, scan_path, checkin_token(p)) for p in mine]
        ids = ",".join(str(p.pk) for p in mine)
        answers.append(
            _form(
                session,
                send_path,
                {
                    "kind": "invitation",
                    "selection": "chosen",
                    "participants": ids,
                    "action": "confirm",
                },
            )
        )
        for student in students[i::CLIENTS]:
            edit = f"/editions/{edition.pk}/plans/{plan.version}/edit/lock-pair/"
            answers.append(_form(session, edit, {"a": str(student.pk), "locked": "1"}))
        return answers

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))

    # The send page and every edit answered with their redirect (no 500, no deadlock).
    assert {a for answers in results for a in answers if isinstance(a, int)} == {302}
    scans = [a for answers in results for a in answers if isinstance(a, dict)]
    assert [a["outcome"] for a in scans] == ["done"] * len(everyone)
    # Every check-in recorded exactly once.
    arrivals = Counter(
        DeskAction.objects.filter(kind="arrive").values_list("participant", flat=True)
    )
    assert arrivals == Counter(p.pk for p in everyone)
    assert Attendance.objects.filter(arrived__isnull=False).count() == len(everyone)
    # Every plan edit is its own version; the versions follow each other without a gap.
    versions = list(Plan.objects.filter(edition=edition).order_by("version"))
    assert [v.version for v in versions] == list(range(1, len(students) + 2))
    locked = Counter(v.change["student"] for v in versions[1:])
    assert locked == Counter(s.ref for s in students)
    assert all(v.based_on_id == plan.pk for v in versions[1:])
    # Every message queued once and delivered once, by one of the two senders.
    queued = OutboxMessage.objects.filter(edition=edition)
    assert Counter(queued.values_list("participant", flat=True)) == Counter(p.pk for p in everyone)
    _wait_for(lambda: len(smtp.messages) >= len(everyone) and not queued.exclude(status="sent"))
    delivered = Counter(m["Message-ID"] for m in smtp.messages)
    assert set(delivered.values()) == {1}
    assert set(delivered) == set(queued.values_list("message_id", flat=True))
    assert all(process.poll() is None for process in started)
    assert connection.vendor == "postgresql"
