"""Roster import of 1,000 rows (students and experts, CSV and XLSX) on SQLite and PostgreSQL.

Time of the first import (everything created) and of a re-import of the same file (nothing
changes), through ``import_roster`` as the CLI and the web upload call it. Anchor: reading the
same file with the csv module / openpyxl alone, in the same run. Target: "in seconds".

Run: ``uv run python -m benchmarks.bench_import``
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._django_env import PG_URL, fresh_database, recreate_pg_database
from benchmarks._results import write_section

ROWS = 1000


def _rows(kind: str) -> tuple[list[str], list[list[str]]]:
    from ontmoeting.editions.roster.columns import columns_for

    header = [c.key for c in columns_for(kind)]
    rows = []
    for i in range(ROWS):
        base = {
            "ref": f"{kind[0].upper()}{i:04d}",
            "first_name": f"Voornaam{i}",
            "last_name": f"Achternaam{i}",
            "email": f"{kind}{i}@example.org",
            "gender": "fmx"[i % 3],
            "class_group": f"1{'ABCDEF'[i % 6]}",
            "language": "nl",
            "interests": "addiction|mental_health",
            "phone": "0470 12 34 56",
            "self_help_group": f"Groep {i % 40}",
            "member_since": f"{2010 + i % 10}-0{1 + i % 9}-15",
            "domains": "addiction|poverty",
            "languages": "nl|en",
            "can_chair": "ja" if i % 3 == 0 else "nee",
            "status": "volunteer",
            "training": "none",
            "roles": "support|critical_voice",
        }
        rows.append([base.get(column, "") for column in header])
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(header)
            writer.writerows(rows)
        return
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)


def _read_only(path: Path) -> int:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8") as handle:
            return sum(1 for _ in csv.reader(handle, delimiter=";"))
    from openpyxl import load_workbook

    return sum(1 for _ in load_workbook(path, read_only=True).active.iter_rows(values_only=True))


def measure(database_url: str) -> dict:
    fresh_database(database_url)
    import datetime as dt

    from django.db import connection

    from ontmoeting.editions.roster import import_roster
    from ontmoeting.editions.services import create_edition

    edition = create_edition(
        year=2026,
        date=dt.date(2026, 12, 10),
        window_start=dt.date(2026, 11, 30),
        window_end=dt.date(2026, 12, 18),
        actor="bench",
    )
    folder = Path(tempfile.mkdtemp())
    rows = []
    for kind in ("experts", "students"):  # experts first: students may name them in "knows"
        header, data = _rows(kind)
        for suffix in (".csv", ".xlsx"):
            path = folder / f"{kind}{suffix}"
            _write(path, header, data)
            start = time.perf_counter()
            _read_only(path)
            anchor = time.perf_counter() - start
            timings = []
            for _ in range(2):  # the first creates everything, the second changes nothing
                start = time.perf_counter()
                report = import_roster(
                    path, kind=kind, edition=edition, dry_run=False, actor="bench"
                )
                timings.append(time.perf_counter() - start)
                assert report.ok, report.as_text()[:500]
            rows.append(
                {
                    "kind": kind,
                    "file": suffix,
                    "anchor": anchor,
                    "first": timings[0],
                    "again": timings[1],
                }
            )
    return {"vendor": connection.vendor, "rows": rows}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2] if sys.argv[2] != "sqlite" else "")))
        return
    results = []
    for url in ["sqlite", PG_URL if recreate_pg_database() else None]:
        if url is None:
            continue
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_import", "--child", url],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.exit(f"bench_import child for {url} failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    lines = [
        f"{ROWS} rows per file, `import_roster` (the CLI's and the web upload's importer). "
        "The XLSX files are imported after the CSV ones of the same kind, so their first run "
        "updates rows that exist (same refs, same values: reported unchanged). Ratio = import / "
        "reading the file alone (the anchor, same run).",
        "",
        "| database | roster | file | read only s | first import s | re-import s | ratio |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for result in results:
        for r in result["rows"]:
            lines.append(
                f"| {result['vendor']} | {r['kind']} | {r['file']} | {r['anchor']:.3f} "
                f"| {r['first']:.2f} | {r['again']:.2f} | {r['first'] / r['anchor']:.0f} |"
            )
    write_section("import", "Roster import: 1,000 rows", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
