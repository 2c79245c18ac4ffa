"""Set up Django on a fresh, migrated database in a child process (SQLite file or PostgreSQL)."""

from __future__ import annotations

import os
import sys
import tempfile

PG_URL = "postgres://postgres@127.0.0.1:5432/ontmoeting_bench"


def fresh_database(database_url: str) -> None:
    """Point Django at ``database_url`` ('' = a new SQLite file), set it up and migrate."""
    var = tempfile.mkdtemp(prefix="ontmoeting-bench-")
    os.environ.update(
        DATABASE_URL=database_url or f"sqlite:///{var}/bench.sqlite3",
        ONTMOETING_VAR_DIR=var,
        DJANGO_SETTINGS_MODULE="ontmoeting.config.settings",
        ONTMOETING_PLAN_JOBS="sync",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def recreate_pg_database() -> bool:
    """Drop and create the benchmark database on the local PostgreSQL; False when unreachable."""
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS ontmoeting_bench")
            c.execute("CREATE DATABASE ontmoeting_bench")
        return True
    except Exception as error:
        print(f"PostgreSQL not available: {error}", file=sys.stderr)
        return False


def measure_per_database(module: str) -> list[dict]:
    """Run ``python -m module --child URL`` once on SQLite and once on PostgreSQL (when it is
    there), each in a fresh process, and return what each printed as JSON on its last line."""
    import json
    import subprocess

    results = []
    for url in ["sqlite", PG_URL if recreate_pg_database() else None]:
        if url is None:
            continue
        out = subprocess.run(
            [sys.executable, "-m", module, "--child", url],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.exit(f"{module} child for {url} failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results
