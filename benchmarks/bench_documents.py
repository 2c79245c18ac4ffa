"""Documents benchmark: the whole document pack of the demo's 2026 edition (216+ participants:
schedule cards, badges, door signs, group sheets, attendance lists, calendars; one PDF per
kind plus a card and a calendar per person). Target: under 10 s.

Builds the demo in a temporary SQLite database (``ONTMOETING_VAR_DIR`` points at a temporary
folder), plans 2026 with the engine, publishes that plan, then times the pack.

Run: ``uv run python -m benchmarks.bench_documents``
"""

from __future__ import annotations

import os
import tempfile
import time

TARGET_SECONDS = 10.0


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the layout workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _setup(var_dir: str) -> None:
    os.environ["ONTMOETING_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from ontmoeting.commands.demo import DEFAULT_SEED
    from ontmoeting.demo.builder import build_demo

    build_demo(DEFAULT_SEED)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ontmoeting-bench-docs-") as var_dir:
        _setup(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import translation

        from benchmarks._results import write_section
        from ontmoeting.documents import pack
        from ontmoeting.editions.models import Edition
        from ontmoeting.planning.models import PlanStatus
        from ontmoeting.planning.services import plan_edition

        translation.activate("nl")
        edition = Edition.objects.get(year=2026, format="encounter_day")
        plan, _result = plan_edition(edition, actor="bench", seed=0, time_limit=5.0)
        plan.status = PlanStatus.PUBLISHED
        plan.save(update_fields=["status"])
        # warm-up: fonts and stylesheets are loaded once per process
        from ontmoeting.documents.pdf import warm_up

        warm_up()
        rows = []
        for workers in (pack.default_workers(), 1):
            started = time.perf_counter()
            cpu = _cpu()
            with CaptureQueriesContext(connection) as queries:
                data = pack.load(edition)
                files = pack.pack_files(data, language="nl", workers=workers)
            archive = pack.zip_bytes(files, folder=pack.pack_folder(edition, plan))
            seconds = time.perf_counter() - started
            rows.append(
                (
                    workers,
                    len(data.participants),
                    len(files),
                    len(archive),
                    seconds,
                    _cpu() - cpu,
                    len(queries),
                )
            )
            print(
                f"workers {workers}: {len(data.participants)} participants, {len(files)} files, "
                f"{len(archive) / 1e6:.1f} MB zip, {seconds:.2f} s, {len(queries)} queries"
            )
        load = os.getloadavg()[0]
        lines = [
            "| layout processes | participants | files | ZIP MB | seconds | CPU s (all "
            "processes) | queries | target s |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for workers, people, n_files, size, seconds, cpu, n_queries in rows:
            lines.append(
                f"| {workers} | {people} | {n_files} | {size / 1e6:.1f} | {seconds:.2f} | "
                f"{cpu:.2f} | {n_queries} | {TARGET_SECONDS:.0f} |"
            )
        lines.append("")
        lines.append(
            f"Demo edition 2026 (seed 2009), plan made by the engine and published. Load "
            f"average when finished: {load:.1f} (other work on the machine slows the figures)."
        )
        write_section("documents", "Documents: the whole pack of an edition", "\n".join(lines))


if __name__ == "__main__":
    main()
