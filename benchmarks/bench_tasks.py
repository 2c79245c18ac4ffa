"""Task queue benchmark (issue 19): how soon the worker starts a task, and the document pack
of the demo edition made through the worker.

(a) Latency from enqueue to start: one ``ontmoeting worker`` subprocess runs while this process
enqueues 200 no-op tasks at a steady pace (20 a second); latency = ``started_at - enqueued_at``
of each ``DBTaskResult`` (database backend, django_tasks_db). On SQLite (a scratch file) and on
PostgreSQL (a scratch database ``bench_tasks``, created and dropped), with the worker's default
``--interval 1`` and with ``--interval 0.1``.

(b) The document pack of the demo edition 2026 (``ontmoeting demo`` on a scratch SQLite var
directory, its 2026 plan made by the engine and published): enqueued as the documents page does
and made by an ``ontmoeting worker`` subprocess; enqueue→done, the making itself, pages and
size, against the same pack made in-process (the anchor).

Everything runs in child processes on scratch databases, stops by itself and cleans up.

Run: ``PYTHONPATH=src .venv/bin/python -m benchmarks.bench_tasks [--tasks N]``
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess  # nosec B404 - the benchmark starts the worker and its own children
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "bench_tasks"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
PACE = 20.0  # tasks enqueued per second
INTERVALS = (1.0, 0.1)


def _env(database_url: str, var_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{var_dir}/bench.sqlite3",
        ONTMOETING_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="ontmoeting.config.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    env.pop("ONTMOETING_TASKS", None)
    return env


def _setup_child() -> None:
    """In a child: Django on the database its environment names (migrated)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _start_worker(interval: float) -> subprocess.Popen[bytes]:
    """``ontmoeting worker`` beside this child, on the same database."""
    return subprocess.Popen(  # nosec B603 - our own CLI, fixed arguments
        [
            sys.executable,
            "-m",
            "ontmoeting.cli",
            "worker",
            "--no-schedule",
            "--interval",
            str(interval),
        ],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _wait_for_worker(timeout: float = 60.0) -> None:
    from ontmoeting.background.heartbeat import worker_alive

    deadline = time.monotonic() + timeout
    while not worker_alive():
        if time.monotonic() > deadline:
            raise RuntimeError("the worker did not start")
        time.sleep(0.1)
    time.sleep(1.2)  # past the worker's random start-up delay (up to 1 s)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_child(interval: float, count: int) -> dict[str, object]:
    """Enqueue ``count`` no-op tasks at :data:`PACE` while a worker runs; their latencies."""
    _setup_child()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from benchmarks._noop_task import noop
    from ontmoeting.background.compat import TaskResultStatus

    worker = _start_worker(interval)
    try:
        _wait_for_worker()
        started = time.monotonic()
        for i in range(count):
            noop.enqueue()
            pause = started + (i + 1) / PACE - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        deadline = time.monotonic() + 120
        while DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not finish the tasks")
            time.sleep(0.1)
    finally:
        _stop_worker(worker)
    rows = DBTaskResult.objects.values_list("enqueued_at", "started_at", "finished_at")
    latencies = [(s - e).total_seconds() * 1000 for e, s, _f in rows]
    runs = [(f - s).total_seconds() * 1000 for _e, s, f in rows]
    return {
        "database": connection.vendor,
        "interval": interval,
        "tasks": len(latencies),
        "p50": _percentile(latencies, 0.5),
        "p95": _percentile(latencies, 0.95),
        "max": max(latencies),
        "mean": statistics.fmean(latencies),
        "run_p50": _percentile(runs, 0.5),
    }


def _cpu_self() -> float:
    """CPU seconds of this process and its finished children (the layout processes)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cpu_of(pid: int) -> float:
    """CPU seconds of process ``pid`` and its finished children (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _pdf_pages(archive_bytes: bytes) -> int:
    import io
    import zipfile

    from pypdf import PdfReader

    pages = 0
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        for name in archive.namelist():
            if name.endswith(".pdf") and "/cards/" not in name:
                pages += len(PdfReader(io.BytesIO(archive.read(name))).pages)
    return pages


def _demo_with_published_plan() -> object:
    """``ontmoeting demo`` on this child's database, then 2026 planned and published."""
    from ontmoeting.cli import main

    with open(os.devnull, "w") as quiet:
        saved, sys.stdout = sys.stdout, quiet
        try:
            assert main(["demo"]) == 0
        finally:
            sys.stdout = saved
    from ontmoeting.editions.models import Edition
    from ontmoeting.planning.models import PlanStatus
    from ontmoeting.planning.services import plan_edition

    edition = Edition.objects.get(year=2026, format="encounter_day")
    plan, _result = plan_edition(edition, actor="bench", seed=0, time_limit=5.0)
    plan.status = PlanStatus.PUBLISHED
    plan.save(update_fields=["status"])
    return edition


def pack_child() -> dict[str, object]:
    """The demo's pack in-process (anchor), then through a worker subprocess."""
    _setup_child()
    from django.utils import translation
    from django_tasks_db.models import DBTaskResult

    from ontmoeting.documents import pack
    from ontmoeting.documents.builds import enqueue_pack, pack_path, pack_processes
    from ontmoeting.documents.models import BuildStatus, PackBuild
    from ontmoeting.documents.pdf import warm_up

    translation.activate("nl")
    edition = _demo_with_published_plan()
    warm_up()
    processes = pack_processes()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    cpu = _cpu_self()
    data = pack.load(edition)  # type: ignore[arg-type]
    files = pack.pack_files(data, language="nl", workers=processes)
    assert data.plan is not None
    in_process_zip = pack.zip_bytes(files, folder=pack.pack_folder(data.edition, data.plan))
    in_process = time.perf_counter() - started
    in_process_cpu = _cpu_self() - cpu

    worker = _start_worker(1.0)
    try:
        _wait_for_worker()
        worker_cpu = _cpu_of(worker.pid)
        started = time.perf_counter()
        build = enqueue_pack(edition, language="nl", actor="bench")  # type: ignore[arg-type]
        deadline = time.monotonic() + 600
        while build.status not in (BuildStatus.DONE, BuildStatus.FAILED):
            if time.monotonic() > deadline:
                raise RuntimeError("the pack was not made in time")
            time.sleep(0.02)
            build = PackBuild.objects.select_related("edition").get(pk=build.pk)
        through_worker = time.perf_counter() - started
        worker_cpu = _cpu_of(worker.pid) - worker_cpu
    finally:
        _stop_worker(worker)
    if build.status != BuildStatus.DONE:
        raise RuntimeError(build.error)
    task = DBTaskResult.objects.get(task_path="ontmoeting.documents.tasks.build_document_pack")
    assert build.started is not None
    assert build.finished is not None
    content = pack_path(build).read_bytes()
    return {
        "participants": len(data.participants),
        "processes": processes,
        "files": build.files,
        "pages": _pdf_pages(content),
        "size": build.size,
        "in_process": in_process,
        "in_process_cpu": in_process_cpu,
        "worker_cpu": worker_cpu,
        "load_before": load_before,
        "in_process_size": len(in_process_zip),
        "through_worker": through_worker,
        "making": (build.finished - build.started).total_seconds(),
        "queue_wait": (task.started_at - task.enqueued_at).total_seconds(),
    }


def _run_child(args: list[str], database_url: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="ontmoeting-bench-tasks-") as var_dir:
        out = subprocess.run(  # nosec B603 - this script again, fixed arguments
            [sys.executable, "-m", "benchmarks.bench_tasks", *args],
            cwd=ROOT,
            env=_env(database_url, var_dir),
            capture_output=True,
            text=True,
            check=False,
            timeout=1800,
        )
    if out.returncode != 0:
        sys.exit(f"child {args} failed:\n{out.stderr[-3000:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _pg(statement: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(statement)
        return True
    except Exception as error:
        print(f"PostgreSQL: {error}", file=sys.stderr)
        return False


def _latencies(count: int) -> list[dict[str, object]]:
    rows = []
    for interval in INTERVALS:
        rows.append(_run_child(["--latency", str(interval), "--tasks", str(count)], ""))
        print(rows[-1], flush=True)
    for interval in INTERVALS:
        if not _pg(f"DROP DATABASE IF EXISTS {PG_DB}") or not _pg(f"CREATE DATABASE {PG_DB}"):
            break
        try:
            rows.append(_run_child(["--latency", str(interval), "--tasks", str(count)], PG_URL))
            print(rows[-1], flush=True)
        finally:
            _pg(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    return rows


def _report(rows: list[dict[str, object]], packed: dict[str, object], count: int) -> str:
    lines = [
        f"### (a) Enqueue → start, {count} no-op tasks at {PACE:.0f} a second, one worker",
        "",
        "| database | worker --interval s | tasks | p50 ms | p95 ms | max ms | mean ms | run p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['database']} | {row['interval']} | {row['tasks']} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['max']:.0f} | {row['mean']:.0f} | {row['run_p50']:.1f} |"
        )
    lines += [
        "",
        "An idle worker looks for new tasks every `--interval` seconds, so the wait is about "
        "half the interval on average and at most the interval (plus the claim); "
        "`run p50` is the no-op's own time from start to finish as stored.",
        "",
        "### (b) The demo's document pack (2026) through the worker",
        "",
        "| way | layout processes | participants | files | PDF pages (without the per-person "
        "cards) | ZIP MB | seconds | CPU s (with layout processes) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| in-process (anchor) | {packed['processes']} | {packed['participants']} | "
        f"{packed['files']} | {packed['pages']} | {float(packed['in_process_size']) / 1e6:.1f} | "
        f"{float(packed['in_process']):.2f} | {float(packed['in_process_cpu']):.2f} |",
        f"| worker: enqueue → done | {packed['processes']} | {packed['participants']} | "
        f"{packed['files']} | {packed['pages']} | {float(packed['size']) / 1e6:.1f} | "
        f"{float(packed['through_worker']):.2f} | {float(packed['worker_cpu']):.2f} |",
        "",
        f"Through the worker (`ontmoeting worker`, default interval 1 s): waiting in the queue "
        f"{float(packed['queue_wait']):.2f} s, making (claimed → file written) "
        f"{float(packed['making']):.2f} s; enqueue → done is "
        f"{float(packed['through_worker']) / float(packed['in_process']):.2f}× the in-process "
        f"making. Demo seed 2009 on a scratch SQLite database; the plan of 2026 made by the "
        f"engine (5 s) and published. Load average before the pack "
        f"{float(packed['load_before']):.1f}, when finished {os.getloadavg()[0]:.1f} (other work "
        f"on the machine slows the seconds; the CPU seconds are steadier).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--latency", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--pack", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.latency is not None:
        print(json.dumps(latency_child(args.latency, args.tasks)))
        return
    if args.pack:
        print(json.dumps(pack_child()))
        return
    rows = _latencies(args.tasks)
    packed = _run_child(["--pack"], "")
    print(packed, flush=True)
    from benchmarks._results import write_section

    write_section(
        "tasks",
        "Task queue: enqueue → start, and the document pack through the worker",
        _report(rows, packed, args.tasks),
        command=f"PYTHONPATH=src python -m benchmarks.bench_tasks --tasks {args.tasks}",
    )


if __name__ == "__main__":
    main()
