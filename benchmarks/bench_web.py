"""Server time per page with the demo history (18 editions), p50 and p95, on SQLite and PostgreSQL.

Each database runs in its own process: a fresh database is migrated, the demo history is built,
the current edition is planned, then every staff page is requested through Django's test client
(the full request/response cycle of the server, without network) by a logged-in coordinator.
The anchor is the login page in the same run. Target: p95 under 150 ms on every page.

Run: ``uv run python -m benchmarks.bench_web`` (PostgreSQL at 127.0.0.1:5432, user postgres).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from benchmarks._django_env import PG_URL, fresh_database, recreate_pg_database
from benchmarks._results import write_section

REQUESTS = 30
TARGET_MS = 150.0


def _pages(edition, plan, participant) -> list[tuple[str, str]]:
    """(label, url) of every staff page that exists in this build, with real ids."""
    from django.urls import NoReverseMatch, reverse

    candidates = [
        ("login (anchor)", "web:login", {}),
        ("home", "web:home", {}),
        ("editions", "web:edition-list", {}),
        ("dashboard", "web:edition-dashboard", {"edition_id": edition.pk}),
        ("participants", "web:participant-list", {"edition_id": edition.pk}),
        ("participants (filtered)", "web:participant-list", {"edition_id": edition.pk}),
        (
            "person",
            "web:participant-detail",
            {"edition_id": edition.pk, "participant_id": participant.pk},
        ),
        ("programme", "web:block-list", {"edition_id": edition.pk}),
        ("venue", "web:venue-detail", {"edition_id": edition.pk}),
        ("roster upload", "web:roster-upload", {"edition_id": edition.pk}),
        ("plan versions", "web:plan-list", {"edition_id": edition.pk}),
        ("plan", "web:plan-detail", {"edition_id": edition.pk, "version": plan.version}),
        ("documents", "web:documents", {"edition_id": edition.pk}),
        ("outbox", "web:messages", {"edition_id": edition.pk}),
        ("research", "web:research-home", {}),
        ("survey waves", "web:survey-waves", {"edition_id": edition.pk}),
        ("invitations", "web:invitations", {"edition_id": edition.pk}),
        ("staff accounts", "web:staff", {}),
    ]
    pages = []
    for label, name, kwargs in candidates:
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        if label == "participants (filtered)":
            url += "?role=expert&q=an"
        pages.append((label, url))
    return pages


def measure(database_url: str) -> dict:
    """Run inside a child process: set up the database and time every page."""
    fresh_database(database_url)
    import django
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ontmoeting.demo.builder import build_demo, set_up_staff
    from ontmoeting.editions.models import Edition
    from ontmoeting.planning.services import plan_edition

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    build_demo(2009)
    set_up_staff()
    edition = Edition.objects.get(year=2026, format="encounter_day")
    plan, _ = plan_edition(edition, actor="bench", seed=0, time_limit=3)
    participant = edition.participants.filter(role="expert").order_by("ref").first()
    client = Client()
    user = get_user_model().objects.get(username="coordinator")
    admin = get_user_model().objects.get(username="admin")
    rows = []
    for label, url in _pages(edition, plan, participant):
        client.force_login(admin if label == "staff accounts" else user)
        if label == "login (anchor)":
            client.logout()
        status = client.get(url).status_code  # warm-up (templates, caches)
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        rows.append(
            {
                "page": label,
                "url": url,
                "status": status,
                "p50": statistics.median(times),
                "p95": times[int(0.95 * (len(times) - 1))],
            }
        )
    return {"vendor": django.db.connection.vendor, "rows": rows}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2] if sys.argv[2] != "sqlite" else "")))
        return
    results = []
    for url in ["sqlite", PG_URL if recreate_pg_database() else None]:
        if url is None:
            continue
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_web", "--child", url],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.exit(f"bench_web child for {url} failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    lines = [
        f"Demo history (18 editions, {REQUESTS} requests per page after one warm-up, Django test "
        "client: full server cycle without network), logged in as the coordinator. Ratio = page "
        f"p95 / login-page p95 in the same run. Target: p95 < {TARGET_MS:.0f} ms.",
        "",
    ]
    for result in results:
        anchor = next(r["p95"] for r in result["rows"] if r["page"] == "login (anchor)")
        lines += [
            f"### {result['vendor']}",
            "",
            "| page | status | p50 ms | p95 ms | ratio to anchor | target met |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for r in result["rows"]:
            lines.append(
                f"| {r['page']} | {r['status']} | {r['p50']:.1f} | {r['p95']:.1f} "
                f"| {r['p95'] / anchor:.1f} | {'yes' if r['p95'] < TARGET_MS else 'NO'} |"
            )
        lines.append("")
    write_section("web", "Web pages: server time per page", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
