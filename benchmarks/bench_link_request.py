""" "Send me my link": server time for known vs unknown addresses in the same run.

A fresh SQLite database gets an open edition with ``N`` experts who have an email address. Then
``N`` requests for their (known) addresses and ``N`` for unknown ones are sent in a shuffled
order (fixed seed) through Django's test client (the full request/response cycle of the server,
without network), each from its own client address so no rate limit answers instead. Reported:
median and p95 per group, and a two-sided Mann-Whitney U test: the groups count as separable
when p < 0.01. The issue measured 111 ms (known) vs 52 ms (unknown), separable, before the
request was made to do the same work for every address (store a request; the outbox worker
resolves it).

Run: ``uv run python -m benchmarks.bench_link_request [N]`` (default N = 200).
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time

from benchmarks._django_env import fresh_database
from benchmarks._results import write_section

DEFAULT_N = 200
ALPHA = 0.01


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _control(requests: list[tuple[str, str]]) -> dict[str, list[float]]:
    """The control: the lookup and queueing done inline, as the page did before (the same
    addresses, the same order): shows that this run can tell the two groups apart."""
    from ontmoeting.editions.invitations import send_new_link

    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for group, email in requests:
        start = time.perf_counter()
        send_new_link(email, actor="bench")
        times[group].append((time.perf_counter() - start) * 1000)
    return times


def measure(n: int) -> dict:
    """Run inside a child process: set up the database and time the requests."""
    fresh_database("")
    import datetime as dt

    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from ontmoeting.editions.models import Edition, Participant
    from ontmoeting.messaging.link_requests import resolve_link_requests
    from ontmoeting.messaging.models import OutboxMessage
    from ontmoeting.messaging.services import ensure_default_templates
    from ontmoeting.people.models import Person

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    ensure_default_templates()
    day = timezone.localdate() + dt.timedelta(days=30)
    edition = Edition.objects.create(
        year=day.year,
        date=day,
        window_start=day - dt.timedelta(days=40),
        window_end=day + dt.timedelta(days=10),
        status="recruiting",
    )
    for i in range(n):
        person = Person.objects.create(
            first_name=f"Expert{i}", last_name="Bench", email=f"known{i}@example.org"
        )
        Participant.objects.create(edition=edition, person=person, role="expert", ref=f"E{i:03d}")
    requests = [("known", f"known{i}@example.org") for i in range(n)]
    requests += [("unknown", f"nobody{i}@example.org") for i in range(n)]
    random.Random(12).shuffle(requests)
    client = Client()
    client.post("/me/new-link/", {"email": "warm-up@example.org"}, REMOTE_ADDR="192.0.2.250")
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for i, (group, email) in enumerate(requests):
        address = f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"
        start = time.perf_counter()
        response = client.post("/me/new-link/", {"email": email}, REMOTE_ADDR=address)
        times[group].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    start = time.perf_counter()
    resolved = resolve_link_requests(limit=10 * n)
    worker_ms = (time.perf_counter() - start) * 1000
    queued = OutboxMessage.objects.filter(kind="magic_link").count()
    return {
        "times": times,
        "control": _control(requests),
        "queued": queued,
        "resolved": resolved,
        "worker_ms": worker_ms,
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    from scipy.stats import mannwhitneyu

    n = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_N
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_link_request", "--child", str(n)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        sys.exit(f"bench_link_request child failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    known, unknown = result["times"]["known"], result["times"]["unknown"]
    test = mannwhitneyu(known, unknown, alternative="two-sided")
    separable = test.pvalue < ALPHA
    c_known, c_unknown = result["control"]["known"], result["control"]["unknown"]
    control = mannwhitneyu(c_known, c_unknown, alternative="two-sided")
    lines = [
        f"{n} requests for known and {n} for unknown addresses, shuffled (seed 12), one run, "
        "SQLite, Django test client (full server cycle without network), each request from its "
        "own client address.",
        "",
        "| addresses | requests | median ms | p95 ms |",
        "|---|---:|---:|---:|",
        f"| known | {len(known)} | {statistics.median(known):.2f} | {_p95(known):.2f} |",
        f"| unknown | {len(unknown)} | {statistics.median(unknown):.2f} | {_p95(unknown):.2f} |",
        "",
        f"Mann-Whitney U (two-sided): U = {test.statistic:.0f}, p = {test.pvalue:.3g}: "
        + ("**separable** (p < 0.01)." if separable else "not separable (p >= 0.01)."),
        "",
        "Control in the same run: the old inline work (`send_new_link` looked up and queued "
        "during the request), same addresses and order:",
        "",
        "| addresses | calls | median ms | p95 ms |",
        "|---|---:|---:|---:|",
        f"| known | {len(c_known)} | {statistics.median(c_known):.2f} | {_p95(c_known):.2f} |",
        f"| unknown | {len(c_unknown)} | {statistics.median(c_unknown):.2f} | "
        f"{_p95(c_unknown):.2f} |",
        "",
        f"Mann-Whitney U (two-sided): U = {control.statistic:.0f}, p = {control.pvalue:.3g}: "
        + ("**separable**." if control.pvalue < ALPHA else "not separable."),
        "",
        f"Afterwards the outbox worker resolved {result['resolved']} requests in "
        f"{result['worker_ms']:.0f} ms and queued {result['queued']} links (one per known "
        "address). Before this change (issue 12): median 111 ms known vs 52 ms unknown, "
        "separable.",
    ]
    write_section("link-request", '"Send me my link": known vs unknown addresses', "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
