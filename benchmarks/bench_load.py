"""Load on a real server: gunicorn + PostgreSQL against Django's ``runserver`` (the anchor).

Bounded and on the loopback only: a scratch PostgreSQL database is created, migrated and filled
by ``ontmoeting demo`` (the demo history, 18 editions), the current edition is planned, then each
server in turn is started on that same database and four endpoints are driven by 1, 10 and 50
concurrent clients for ``--seconds`` each (a closed loop: a client sends its next request as soon
as the answer is in; a short warm-up is not counted):

- dashboard: the coordinator's page of the current edition (a signed-in coordinator);
- personal page: ``/me/`` of a participant signed in through their magic link;
- check-in scan: the desk's own endpoint (POST JSON with the CSRF token, as ``desk.js`` sends
  it), one badge token per request; each client scans its own participants, arrive then undo;
- plan: the current edition's plan page.

Every client has its own session (50 coordinators signed in through the login form, 50
participants through their links, before the timed runs). The clients are threads in several
processes (10 a process). The database is dropped at the end. Goals (issue 19): no errors at 50
clients; check-in scan p95 < 200 ms and personal page p95 < 300 ms at 50 clients on gunicorn.

Run: ``python -m benchmarks.bench_load`` (about 25 min; ``--quick`` for a smoke run of a few
seconds per step; ``--seconds N``). PostgreSQL at 127.0.0.1:5432, user postgres.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._load_client import Session, portal_sign_in, run_clients, staff_login
from benchmarks._results import write_section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DB_NAME = "ontmoeting_load"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
LEVELS = (1, 10, 50)
CLIENTS_PER_PROCESS = 10
ENDPOINTS = ("dashboard", "personal page", "check-in scan", "plan")
#: (endpoint, p95 goal in ms at the highest level on gunicorn)
GOALS = {"check-in scan": 200.0, "personal page": 300.0}


# --- the data, in a child process with Django -------------------------------------------------


def prepare(clients: int) -> dict[str, Any]:
    """Inside Django: fresh staff passwords, a plan, personal links and badge tokens."""
    import django

    django.setup()
    from django.urls import reverse

    from ontmoeting.dayof.checkin import EXPECTED
    from ontmoeting.demo.builder import set_up_staff
    from ontmoeting.documents.checkin import checkin_token
    from ontmoeting.editions.models import Edition
    from ontmoeting.planning.models import Plan
    from ontmoeting.planning.services import plan_edition
    from ontmoeting.privacy.tokens import issue_link

    edition = Edition.objects.get(year=2026, format="encounter_day")
    plan = Plan.objects.filter(edition=edition).order_by("-version").first()
    if plan is None:
        plan, _result = plan_edition(edition, actor="bench_load", seed=0, time_limit=5)
    passwords = set_up_staff()
    expected = list(edition.participants.filter(status__in=EXPECTED).order_by("pk"))
    links = [
        issue_link(p.person, edition=edition, participant=p).split("://", 1)[1].split("/", 1)[1]
        for p in expected[:clients]
    ]
    return {
        "edition": edition.pk,
        "password": passwords["coordinator"],
        "paths": {
            "dashboard": reverse("web:edition-dashboard", kwargs={"edition_id": edition.pk}),
            "personal page": reverse("web:portal-me"),
            "check-in scan": reverse("web:day-desk-sync", kwargs={"edition_id": edition.pk}),
            "plan": reverse(
                "web:plan-detail", kwargs={"edition_id": edition.pk, "version": plan.version}
            ),
        },
        "links": ["/" + link for link in links],
        "tokens": [checkin_token(p) for p in expected],
        "participants": edition.participants.count(),
    }


def profile(data: dict[str, Any], requests: int) -> str:
    """Inside Django: each endpoint ``requests`` times through the test client under cProfile;
    the database queries of one request and the functions that take the most time."""
    import cProfile
    import io
    import pstats

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from ontmoeting.documents.checkin import read_checkin_token

    settings.ALLOWED_HOSTS = ["*"]
    staff, portal = Client(), Client()
    staff.force_login(get_user_model().objects.get(username="coordinator"))
    portal.post(data["links"][-1])
    out = io.StringIO()
    for endpoint, path in data["paths"].items():
        token = data["tokens"][-1]
        assert read_checkin_token(token) is not None

        def call(n: int, endpoint: str = endpoint, path: str = path, token: str = token) -> int:
            if endpoint == "check-in scan":
                tap = {
                    "key": secrets.token_hex(8),
                    "kind": "undo" if n % 2 else "arrive",
                    "token": token,
                }
                body = json.dumps({"taps": [tap]})
                return staff.post(path, body, content_type="application/json").status_code
            return (portal if endpoint == "personal page" else staff).get(path).status_code

        call(0), call(1)  # warm-up
        sqls: list[str] = []

        def count(
            execute: Any, sql: str, params: Any, many: bool, context: Any, sqls: list = sqls
        ) -> Any:
            sqls.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = call(0)
        call(1)
        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        for n in range(requests):
            call(n)
        profiler.disable()
        per = (time.perf_counter() - began) / requests * 1000
        tables: dict[str, int] = {}
        for sql in sqls:
            table = sql.split(" FROM ", 1)[1].split()[0] if " FROM " in sql else sql.split()[0:3]
            tables[str(table)] = tables.get(str(table), 0) + 1
        print(
            f"\n## {endpoint} {path}: status {status}, {per:.1f} ms a request in-process, "
            f"{len(sqls)} queries",
            file=out,
        )
        for table, count in sorted(tables.items(), key=lambda kv: -kv[1])[:8]:
            print(f"    {count:4d}  {table}", file=out)
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(r"ontmoeting|django/template|django/db/models", 25)
    return out.getvalue()


# --- database and servers ----------------------------------------------------------------------


def _pg(statement: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(statement)


def _environment(var: str, database: str = DB_NAME) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        ONTMOETING_VAR_DIR=var,
        DJANGO_SETTINGS_MODULE="ontmoeting.config.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # the same in every process
        DJANGO_DEBUG="0",
        ONTMOETING_STAFF_IDLE_MINUTES="600",  # the sessions live through the whole run
        ONTMOETING_LINK_HOURS_PERSONAL_PAGE="24",
        PYTHONPATH=os.pathsep.join(
            filter(None, [str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH")])
        ),
    )
    return env


def _run(command: list[str], env: dict[str, str]) -> str:
    out = subprocess.run(  # nosec B603: our own commands, no shell
        command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.exit(
            f"{' '.join(command)} failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}"
        )
    return out.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(name: str, port: int, workers: int, threads: int) -> list[str]:
    if name == "gunicorn":
        return [
            str(BIN / "gunicorn"),
            "ontmoeting.config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",  # a worker's first request on a busy machine may take long
        ]
    return [str(BIN / "ontmoeting"), "manage", "runserver", f"127.0.0.1:{port}", "--noreload"]


def _answers(port: int) -> bool:
    try:
        return Session(port).get("/login/")[0] == 200
    except OSError:
        return False


def start_server(
    command: list[str], env: dict[str, str], log: Path, port: int
) -> subprocess.Popen[bytes]:
    """Start the server and wait until it answers (and every worker has answered once)."""
    server = subprocess.Popen(  # nosec B603: our own server command, no shell
        command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    deadline = time.time() + 180
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"{command[0]} stopped at start:\n{log.read_text()[-3000:]}")
        if _answers(port):
            for _ in range(20):  # each worker loads its templates and translations
                _answers(port)
            return server
        time.sleep(0.3)
    server.kill()
    sys.exit(f"{command[0]} did not answer on {port} within 180 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its children (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if root in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# --- one run -----------------------------------------------------------------------------------


def _specs(
    endpoint: str, level: int, data: dict[str, Any], sessions: dict[str, list], pace: float = 0.0
) -> list:
    """One spec per client; with ``pace``, each sends a request every ``pace`` seconds, the
    clients spread evenly over one pace."""
    return [
        {**spec, "pace": pace, "offset": pace * i / level}
        for i, spec in enumerate(_closed_specs(endpoint, level, data, sessions))
    ]


def _closed_specs(
    endpoint: str, level: int, data: dict[str, Any], sessions: dict[str, list]
) -> list:
    path = data["paths"][endpoint]
    if endpoint == "personal page":
        return [
            {"kind": "get", "path": path, "cookies": sessions["portal"][i]} for i in range(level)
        ]
    if endpoint == "check-in scan":
        tokens = data["tokens"]
        return [
            {
                "kind": "scan",
                "path": path,
                "cookies": sessions["staff"][i],
                "tokens": tokens[i::level],
            }
            for i in range(level)
        ]
    return [{"kind": "get", "path": path, "cookies": sessions["staff"][i]} for i in range(level)]


def _percentile(values: list[float], q: int) -> float:
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def measure(
    port: int, server_pid: int, specs: list[dict], seconds: float, warmup: float
) -> dict[str, Any]:
    """Drive the clients for ``seconds`` after ``warmup``; one row of figures."""
    groups = [specs[i : i + CLIENTS_PER_PROCESS] for i in range(0, len(specs), CLIENTS_PER_PROCESS)]
    start = time.time() + warmup + 0.5
    stop = start + seconds
    server_cpu = None
    with multiprocessing.get_context("fork").Pool(len(groups)) as pool:
        pending = [pool.apply_async(run_clients, (port, group, start, stop)) for group in groups]
        time.sleep(max(0.0, start - time.time()))
        cpu_at_start, load_at_start = _tree_cpu(server_pid), os.getloadavg()[0]
        time.sleep(max(0.0, stop - time.time()))
        server_cpu = _tree_cpu(server_pid) - cpu_at_start
        parts = [p.get(timeout=seconds + warmup + 180) for p in pending]
    latencies = sorted(x for part in parts for x in part["latencies_ms"])
    errors: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for part in parts:
        for key, count in part["errors"].items():
            errors[key] = errors.get(key, 0) + count
        for key, count in part["statuses"].items():
            statuses[key] = statuses.get(key, 0) + count
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50": _percentile(latencies, 50),
        "p95": _percentile(latencies, 95),
        "p99": _percentile(latencies, 99),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "statuses": statuses,
        "client_cpu": sum(part["cpu_s"] for part in parts) / seconds,
        "server_cpu": server_cpu / seconds,
        "load": load_at_start,
    }


# --- the report --------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.0f}" if x >= 100 else f"{x:.1f}"


def report(rows: list[dict[str, Any]], setup: dict[str, Any], args: argparse.Namespace) -> str:
    by_key = {(r["server"], r["endpoint"], r["clients"]): r for r in rows}
    top = max(args.levels)
    lines = [
        f"Demo history on PostgreSQL ({setup['participants']} participants in the current "
        f"edition), the four endpoints at {', '.join(map(str, args.levels))} concurrent clients, "
        f"{args.seconds:.0f} s each after a {args.warmup:.0f} s warm-up (not counted), every "
        "client with its own session, a closed loop without think time; then the most clients again, "
        f"each sending one request every {args.pace:g} s (a desk scanning a badge every few "
        "seconds; the offered rate is clients / pace). gunicorn: "
        f"`-w {args.workers} --threads {args.threads}`; runserver: threaded, `--noreload`; both "
        "with `DJANGO_DEBUG=0` and the project's settings (the database cache; persistent "
        "database connections of 60 s on gunicorn, none on runserver, whose thread per connection "
        "would keep one each and exhaust PostgreSQL's 100 at 50 clients: a first run had 156 "
        "HTTP 500 'too many clients' there). *errors*: answers other than 200 (and a scan not "
        "recorded as `done`) plus failed connections, counted in the warm-up too. *CPU* "
        "columns: cores used on average by the server (all its processes) and by the load "
        "client (all its processes), on this "
        f"{os.cpu_count()}-core machine where both run. *gunicorn / runserver*: requests/s "
        "ratio and p95 ratio (lower is better) at the same level. Setup: migrate "
        f"{setup['migrate_s']:.0f} s, `ontmoeting demo` {setup['demo_s']:.0f} s, "
        f"{setup['logins']} sign-ins {setup['login_s']:.0f} s; load average before the runs "
        f"{setup['load_before']:.2f}.",
        "",
        "| server | endpoint | clients | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU "
        "| client CPU | load avg | gunicorn / runserver req/s | p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        anchor = by_key.get(("runserver", r["endpoint"], r["clients"]))
        ratio = p95_ratio = "-"
        if r["server"] == "gunicorn" and anchor and anchor["rps"]:
            ratio = f"{r['rps'] / anchor['rps']:.2f}"
            p95_ratio = f"{r['p95'] / anchor['p95']:.2f}"
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r["error_kinds"].items()))
        lines.append(
            f"| {r['server']} | {r['endpoint']} | {r['clients']} | {r['rps']:.1f} "
            f"| {_fmt(r['p50'])} | {_fmt(r['p95'])} | {_fmt(r['p99'])} "
            f"| {r['errors']}{f' ({kinds})' if kinds else ''} | {r['server_cpu']:.2f} "
            f"| {r['client_cpu']:.2f} | {r['load']:.2f} | {ratio} | {p95_ratio} |"
        )
    lines += ["", f"Goals at {top} clients on gunicorn + PostgreSQL:", ""]
    paced = f"{top}, one request every {args.pace:g} s each"
    for endpoint, clients in [(e, c) for e in ENDPOINTS for c in (top, paced)]:
        r = by_key.get(("gunicorn", endpoint, clients))
        if r is None:
            continue
        title = f"{endpoint} ({'closed loop' if clients == top else clients})"
        goal = GOALS.get(endpoint)
        verdicts = [f"errors {r['errors']} ({'met' if r['errors'] == 0 else 'NOT met'})"]
        if goal is not None:
            met = r["p95"] < goal
            verdicts.append(
                f"p95 {_fmt(r['p95'])} ms < {goal:.0f} ms ({'met' if met else 'NOT met'})"
            )
        lines.append(f"- {title}: " + "; ".join(verdicts))
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------


def _profile_kept(requests: int, database: str) -> None:
    """Profile on the database a run with --keep-db left (a child process with Django)."""
    var = tempfile.mkdtemp(prefix="ontmoeting-load-")
    env = _environment(var, database)
    out = _run([sys.executable, "-m", "benchmarks.bench_load", "--prepare", "1"], env)
    data = out.strip().splitlines()[-1]
    code = (
        "import json, sys; from benchmarks.bench_load import profile; "
        f"print(profile(json.loads(sys.argv[1]), {requests}))"
    )
    print(_run([sys.executable, "-c", code, data], env))


def _sign_in_all(port: int, data: dict[str, Any], clients: int) -> dict[str, list]:
    staff = [staff_login(port, "coordinator", data["password"]) for _ in range(clients)]
    portal = [portal_sign_in(port, link) for link in data["links"][:clients]]
    return {"staff": staff, "portal": portal}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="timed seconds per step")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed seconds per step")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 s per step")
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS))
    parser.add_argument("--endpoints", nargs="+", default=list(ENDPOINTS), choices=ENDPOINTS)
    parser.add_argument("--servers", nargs="+", default=["runserver", "gunicorn"])
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--pace",
        type=float,
        default=2.0,
        help="after the closed loops, the most clients again, each sending one request every "
        "PACE seconds (a desk scanning a badge every few seconds); 0: no such step",
    )
    parser.add_argument(
        "--section",
        default="load",
        help="the section of RESULTS.md to write (a run of some endpoints keeps the full table)",
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="instead of the load: profile each endpoint N times in-process (cProfile) on a "
        "database left by --keep-db (it resets the staff passwords: not during a run)",
    )
    parser.add_argument("--database", default=DB_NAME, help="the database --profile uses")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.warmup = 3.0, 1.0
    return args


def _fill_database(env: dict[str, str], clients: int, setup: dict[str, Any]) -> dict[str, Any]:
    """Migrate, ``ontmoeting demo``, then the plan, links and tokens (``prepare``)."""
    began = time.time()
    _run([str(BIN / "ontmoeting"), "manage", "migrate", "-v0"], env)
    setup["migrate_s"] = time.time() - began
    began = time.time()
    _run([str(BIN / "ontmoeting"), "demo"], env)
    setup["demo_s"] = time.time() - began
    out = _run([sys.executable, "-m", "benchmarks.bench_load", "--prepare", str(clients)], env)
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    setup["participants"] = data["participants"]
    return data


def _run_server(
    name: str,
    args: argparse.Namespace,
    env: dict[str, str],
    data: dict[str, Any],
    sessions: dict[str, list],
    setup: dict[str, Any],
) -> list[dict[str, Any]]:
    """Start one server, sign the clients in (once, for both servers), drive every step."""
    port = _free_port()
    # runserver starts a thread per connection and each keeps its own database connection:
    # with persistent connections they pile up past PostgreSQL's limit (shared with others on
    # this machine), so the anchor closes them after each request.
    server_env = {**env, "DATABASE_CONN_MAX_AGE": "0"} if name == "runserver" else env
    command = server_command(name, port, args.workers, args.threads)
    server = start_server(command, server_env, Path(env["ONTMOETING_VAR_DIR"], f"{name}.log"), port)
    rows = []
    try:
        if not sessions:  # the sessions live in the database: valid on both servers
            began = time.time()
            sessions.update(_sign_in_all(port, data, max(args.levels)))
            setup["login_s"], setup["logins"] = time.time() - began, 2 * max(args.levels)
            time.sleep(5)
            setup["load_before"] = os.getloadavg()[0]
        for endpoint in args.endpoints:
            steps = [(level, 0.0) for level in args.levels]
            if args.pace:
                steps.append((max(args.levels), args.pace))
            for level, pace in steps:
                specs = _specs(endpoint, level, data, sessions, pace)
                row = measure(port, server.pid, specs, args.seconds, args.warmup)
                label = f"{level}, one request every {pace:g} s each" if pace else level
                row.update(server=name, endpoint=endpoint, clients=label)
                rows.append(row)
                print(
                    f"{name:9} {endpoint:14} {level:3}: {row['rps']:7.1f} req/s  p50 "
                    f"{_fmt(row['p50'])}  p95 {_fmt(row['p95'])}  p99 {_fmt(row['p99'])} ms"
                    f"  errors {row['errors']} {row['error_kinds'] or ''}  server CPU "
                    f"{row['server_cpu']:.2f}  client CPU {row['client_cpu']:.2f}",
                    flush=True,
                )
    finally:
        stop_server(server)
    return rows


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    if args.prepare is not None:
        print(json.dumps(prepare(args.prepare)))
        return
    if args.profile is not None:
        _profile_kept(args.profile, args.database)
        return
    var = tempfile.mkdtemp(prefix="ontmoeting-load-")
    print(f"logs and figures in {var}", flush=True)
    env = _environment(var)
    setup: dict[str, Any] = {"load_before": 0.0}
    rows: list[dict[str, Any]] = []
    _pg(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _pg(f"CREATE DATABASE {DB_NAME}")
    try:
        data = _fill_database(env, max(args.levels), setup)
        sessions: dict[str, list] = {}
        for name in args.servers:
            rows += _run_server(name, args, env, data, sessions, setup)
    finally:
        if not args.keep_db:
            time.sleep(1)
            _pg(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    text = report(rows, setup, args)
    print(text)
    Path(var, "rows.json").write_text(json.dumps(rows))
    if not args.no_write:
        title = "Load (issue 19): gunicorn + PostgreSQL against runserver"
        if args.section != "load":
            title += f" ({', '.join(args.endpoints)})"
        write_section(args.section, title, text)


if __name__ == "__main__":
    main()
