"""The staff login under password guessing: how many tries are accepted, what happens next, how
long the lockout lasts, and how fast a locked login is answered (django-axes, in the database).

One process on a fresh SQLite database; requests go through Django's test client (the whole
middleware stack, without network) from one client address, then from a second one.

- before: the same run with axes switched off (``AXES_ENABLED = False``), as the app was;
- after: the product's defaults (5 failures, 15 minutes per account and address). The lockout's
  length is measured on the real clock with a 3 s cool-off, and the 15 minutes of the default
  are checked by moving the failures back in time (locked at 14:59, open at 15:01).

Run: ``uv run python -m benchmarks.bench_login``
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from benchmarks._django_env import fresh_database
from benchmarks._results import write_section

PASSWORD = "correct horse battery staple"
GUESSES = 30


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.1f} / {p95 * 1000:.1f}"


def _post(client, password: str, address: str = "127.0.0.1") -> tuple[int, float]:
    start = time.perf_counter()
    response = client.post(
        "/login/", {"username": "coordinator", "password": password}, REMOTE_ADDR=address
    )
    return response.status_code, time.perf_counter() - start


def _guess(client, address: str = "127.0.0.1") -> dict:
    """30 wrong passwords, then the right one."""
    wrong, locked, accepted, first_lock = [], [], 0, None
    for attempt in range(1, GUESSES + 1):
        status, seconds = _post(client, "wrong", address)
        if status == 429:
            first_lock = first_lock or attempt
            locked.append(seconds)
        else:
            accepted += 1
            wrong.append(seconds)
    right_status, right_seconds = _post(client, PASSWORD, address)
    return {
        "accepted": accepted,
        "first_lock": first_lock,
        "wrong": wrong,
        "locked": locked,
        "right": (right_status, right_seconds),
    }


def _reset(client) -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    client.post("/logout/")


def _real_lockout_seconds(client, settings) -> float:
    """With a 3 s cool-off: from the locking failure until the right password works again."""
    settings.AXES_COOLOFF_TIME = dt.timedelta(seconds=3)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked_at = time.perf_counter()  # the failure's time is when its request came in
        _post(client, "wrong")
    while True:
        sent = time.perf_counter()
        if _post(client, PASSWORD)[0] != 429:
            return sent - locked_at  # when the accepted request was sent
        time.sleep(0.05)


def _default_lockout_holds(client, settings) -> tuple[int, int]:
    """Status of the right password 14:59 and 15:01 after the locking failure."""
    from axes.models import AccessAttempt

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "wrong")
    statuses = []
    for back in (14 * 60 + 59, 15 * 60 + 1):
        AccessAttempt.objects.update(
            attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=back)
        )
        statuses.append(_post(client, PASSWORD)[0])
        client.post("/logout/")
    return statuses[0], statuses[1]


def main() -> None:
    fresh_database("")
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ontmoeting.privacy.roles import sync_roles

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    sync_roles()
    user = get_user_model().objects.create_user(username="coordinator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    client = Client()

    settings.AXES_ENABLED = False
    before = _guess(client)
    _reset(client)
    settings.AXES_ENABLED = True
    after = _guess(client)
    elsewhere = _post(client, PASSWORD, "203.0.113.9")[0]
    _reset(client)
    real = _real_lockout_seconds(client, settings)
    _reset(client)
    at_1459, at_1501 = _default_lockout_holds(client, settings)

    def row(label: str, run: dict) -> str:
        status = run["right"][0]
        outcome = "signed in (302)" if status == 302 else f"refused ({status})"
        lock = f"locked from try {run['first_lock']}" if run["first_lock"] else "never locked"
        return (
            f"| {label} | {run['accepted']} of {GUESSES} | {lock} | {outcome} | "
            f"{_ms(run['wrong'])} | {_ms(run['locked']) if run['locked'] else '-'} |"
        )

    body = "\n".join(
        [
            f"{GUESSES} wrong passwords in a row from one address, then the right one "
            "(times: p50 / p95 ms per request).",
            "",
            "| run | wrong tries answered with the form | lockout | right password next | wrong try ms "
            "| locked try ms |",
            "|---|---|---|---|---|---|",
            row("before (axes off)", before),
            row("after (5 failures, 15 min)", after),
            "",
            f"- during that lockout, the right password from another address: "
            f"{'signed in (302)' if elsewhere == 302 else elsewhere} (per account and address);",
            f"- lockout length on the real clock with a 3 s cool-off: {real:.2f} s from the "
            "locking failure until the request with the right password that worked was sent "
            "(polled every 50 ms; the tries during the lockout did not extend it);",
            f"- the default 15 minutes: the right password 14:59 after the locking failure: "
            f"{at_1459}, 15:01 after: {at_1501};",
            "- a locked try is answered without checking the password (no PBKDF2 hash), "
            "so it is faster than a wrong one.",
        ]
    )
    write_section(
        "login",
        "Staff login throttle (bench_login)",
        body,
        command="uv run python -m benchmarks.bench_login",
    )
    print(body)


if __name__ == "__main__":
    main()
