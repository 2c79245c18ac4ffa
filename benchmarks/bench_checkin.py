"""Check-in desk: server time per scan, and two desks scanning the same 300 badges at once.

1. **Time per scan** (SQLite and PostgreSQL): the badges of 300 people (half students, half
   experts) are scanned one after the other through the desk's
   form (Django's test client: the whole request, middleware and template included, no network),
   each with its own desk key, the way the page sends them. Anchor: the desk page for an empty
   search in the same run (the page without any work of the check-in).
2. **Two desks at once** (PostgreSQL): two threads, each with its own database connection, scan
   the same 300 badges in opposite orders at the same time through the check-in service. Counted:
   arrivals recorded, people marked present, "already" answers — nothing may be lost or doubled.

Target (issue 14): p95 under 50 ms per scan; 2 x 300 scans lose and double nothing.

Run: ``uv run python -m benchmarks.bench_checkin``
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import uuid

from benchmarks._django_env import fresh_database, measure_per_database
from benchmarks._results import write_section

PEOPLE = 300


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _edition():  # type: ignore[no-untyped-def]
    import datetime as dt

    from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
    from ontmoeting.editions.models import Participant
    from ontmoeting.editions.services import create_edition
    from ontmoeting.people.models import Person

    edition = create_edition(
        year=2026,
        date=dt.date(2026, 12, 10),
        window_start=dt.date(2026, 11, 30),
        window_end=dt.date(2026, 12, 18),
        actor="bench",
    )
    people = Person.objects.bulk_create(
        Person(first_name=f"Voornaam{i}", last_name=f"Achternaam{i}") for i in range(PEOPLE)
    )
    Participant.objects.bulk_create(
        Participant(
            edition=edition,
            person=person,
            ref=f"{'SE'[i % 2]}{i:03d}",
            role=ParticipantRole.STUDENT if i % 2 == 0 else ParticipantRole.EXPERT,
            status=ParticipantStatus.CONFIRMED,
        )
        for i, person in enumerate(people)
    )
    return edition


def _per_scan(edition) -> dict:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ontmoeting.privacy.roles import sync_roles

    setup_test_environment()
    sync_roles()
    helper = User.objects.create_user("helper", password="x")
    helper.groups.add(Group.objects.get(name="helper"))
    client = Client()
    client.force_login(helper)
    desk = f"/day/{edition.pk}/desk/"
    for _ in range(5):  # warm up: templates, translations, the first queries
        client.get(desk)
    anchor = []
    for _ in range(100):
        start = time.perf_counter()
        client.get(desk)
        anchor.append((time.perf_counter() - start) * 1000)
    scans = []
    for participant in edition.participants.order_by("pk"):
        start = time.perf_counter()
        response = client.post(
            f"{desk}tap/",
            {"participant": participant.pk, "kind": "arrive", "key": uuid.uuid4().hex},
        )
        scans.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302
    present = edition.participants.filter(status="present").count()
    return {
        "scan_median": statistics.median(scans),
        "scan_p95": _p95(scans),
        "anchor_median": statistics.median(anchor),
        "present": present,
    }


def _two_desks(edition) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connections

    from ontmoeting.dayof.checkin import tap
    from ontmoeting.dayof.models import Attendance, DeskAction

    ids = list(edition.participants.order_by("pk").values_list("pk", flat=True))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def desk(name: str, order: list[int]) -> None:
        try:
            barrier.wait()
            for pk in order:
                result = tap(edition, participant_id=pk, kind="arrive", actor=name)
                with lock:
                    outcomes.append(result.outcome)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=desk, args=("desk 1", ids)),
        threading.Thread(target=desk, args=("desk 2", ids[::-1])),
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    return {
        "scans": len(outcomes),
        "done": outcomes.count("done"),
        "already": outcomes.count("already"),
        "actions": DeskAction.objects.filter(edition=edition).count(),
        "arrived": Attendance.objects.filter(
            participant__edition=edition, arrived__isnull=False
        ).count(),
        "seconds": seconds,
    }


def measure(database_url: str) -> dict:
    fresh_database(database_url)
    from django.db import connection

    result = {"vendor": connection.vendor, "scan": _per_scan(_edition())}
    if connection.vendor == "postgresql":
        from ontmoeting.editions.models import Edition

        Edition.objects.all().delete()
        result["desks"] = _two_desks(_edition())
    return result


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2] if sys.argv[2] != "sqlite" else "")))
        return
    results = measure_per_database("benchmarks.bench_checkin")
    lines = [
        f"{PEOPLE} badges scanned one after the other through the desk's form (test client, "
        "whole request). Anchor: the desk page with an empty search, same run. Target: p95 "
        "under 50 ms.",
        "",
        "| database | scan median ms | scan p95 ms | anchor median ms | ratio p95/anchor "
        "| present after |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r["scan"]
        lines.append(
            f"| {r['vendor']} | {s['scan_median']:.1f} | {s['scan_p95']:.1f} "
            f"| {s['anchor_median']:.1f} | {s['scan_p95'] / s['anchor_median']:.1f} "
            f"| {s['present']} / {PEOPLE} |"
        )
    for r in results:
        if "desks" in r:
            d = r["desks"]
            lines += [
                "",
                f"Two desks at once on {r['vendor']} (threads with their own connections, the "
                f"same {PEOPLE} badges in opposite orders): {d['scans']} scans in "
                f"{d['seconds']:.2f} s; arrivals recorded {d['done']}, 'already present' "
                f"answers {d['already']}, desk actions {d['actions']}, people arrived "
                f"{d['arrived']} — nothing lost, nothing doubled: "
                f"{'yes' if d['done'] == d['actions'] == d['arrived'] == PEOPLE else 'NO'}.",
            ]
    write_section("checkin", "Check-in desk: time per scan, two desks at once", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
