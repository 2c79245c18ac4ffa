"""Roster import of 1,000 rows (students and experts, CSV and XLSX) on SQLite and PostgreSQL.

Time of the first import (everything created) and of a re-import of the same file (nothing
changes), through ``import_roster`` as the CLI and the web upload call it. Anchor: reading the
same file with the csv module / openpyxl alone, in the same run. Target: "in seconds".

Run: ``uv run python -m benchmarks.bench_import``
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._django_env import fresh_database, measure_per_database
from benchmarks._results import write_section

ROWS = 1000
#: The department's people of earlier years (a decade of encounter days), loaded for matching.
EARLIER_PEOPLE = 2000
GOLDEN = Path(__file__).parents[1] / "tests" / "data" / "rosters" / "ervaringsdeskundigen_2027.csv"

#: Students as the coordinator's .xlsx writes them (tests/data/rosters/studenten_2027.xlsx).
STUDENT_HEADER = [
    "Nr",
    "Voornaam",
    "Familienaam",
    "E-mail",
    "Geslacht",
    "Klas",
    "Taal",
    "Interesses",
]
STUDENT_WORDS = {
    "gender": ["V", "M", "vrouw", "man", "x", ""],
    "language": ["Nederlands", "nl", "nl/en", "NL", "nl, fr"],
    "interests": [
        "verslaving, jeugdhulp",
        "GGZ",
        "armoede / werkzoekend",
        "beperking",
        "echtscheiding en jeugdhulp",
        "psychische problemen; verslaving",
        "",
        "Dipendenza",
    ],
}


def _names(count: int, seed: int) -> list[tuple[str, str, str]]:
    """Distinct Flemish, Dutch and Italian names with a phone: (first, last, phone)."""
    import random

    from ontmoeting.demo.names import NameMaker

    rng = random.Random(seed)
    maker = NameMaker(seed, rng)
    seen: set[tuple[str, str]] = set()
    names = []
    while len(names) < count:
        origin = rng.choice(("nl_BE", "nl_BE", "nl_BE", "nl_NL", "it_IT"))
        name = maker.name(origin=origin, gender=rng.choice("fm"))
        if (name.first, name.last) not in seen:
            seen.add((name.first, name.last))
            names.append((name.first, name.last, maker.phone(origin)))
    return names


def _rows(kind: str) -> tuple[list[str], list[list[str]]]:
    """1,000 rows in the coordinators' words: the expert rows cycle through the golden roster's
    values (Dutch headers, synonyms, mixed separators, month-year dates, one in five without an
    e-mail address) with distinct names; the students' through the golden student words."""
    from ontmoeting.demo.names import ascii_slug

    names = _names(ROWS, seed=13 if kind == "experts" else 14)
    if kind == "experts":
        with GOLDEN.open(encoding="utf-8-sig") as handle:
            header, *golden = list(csv.reader(handle, delimiter=";"))
        rows = []
        for i, (first, last, phone) in enumerate(names):
            row = list(golden[i % len(golden)])
            email = "" if i % 5 == 0 else f"e{i}.{ascii_slug(last)}@example.org"
            row[:5] = [f"E{i:04d}", first, last, email, phone]
            rows.append(row)
        return header, rows
    rows = []
    for i, (first, last, _phone) in enumerate(names):
        words = {key: values[i % len(values)] for key, values in STUDENT_WORDS.items()}
        rows.append(
            [
                f"S{i:04d}",
                first,
                last,
                f"s{i}@student.example.org",
                words["gender"],
                f"1BA-{'ABCD'[i % 4]}",
                words["language"],
                words["interests"],
            ]
        )
    return STUDENT_HEADER, rows


def _earlier_years(expert_rows: list[list[str]]) -> int:
    """A decade of people: 2,000 of them in the 2025 edition, among whom 100 experts of the
    roster without an e-mail address (found again by phone) and 20 namesakes of roster experts
    in another self-help group (possible matches for the coordinator to settle)."""
    import datetime as dt

    from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
    from ontmoeting.editions.models import Participant
    from ontmoeting.editions.services import create_edition
    from ontmoeting.people.models import Person

    earlier = create_edition(
        year=2025,
        date=dt.date(2025, 12, 11),
        window_start=dt.date(2025, 12, 1),
        window_end=dt.date(2025, 12, 19),
        actor="bench",
    )
    people = [
        Person(first_name=first, last_name=last, phone=phone, email=f"p{i}@example.net")
        for i, (first, last, phone) in enumerate(_names(EARLIER_PEOPLE, seed=99))
    ]
    without_email = [row for row in expert_rows if not row[3]]
    for i, row in enumerate(without_email[:100]):  # returning: same name, same phone, no e-mail
        people[i] = Person(first_name=row[1], last_name=row[2], phone=row[4], email="")
    for i, row in enumerate(without_email[100:120]):  # namesakes: no phone, another group
        people[100 + i] = Person(first_name=row[1], last_name=row[2], phone="", email="")
    Person.objects.bulk_create(people, batch_size=500)
    Participant.objects.bulk_create(
        [
            Participant(
                edition=earlier,
                person=person,
                ref=f"X{i:04d}",
                role=ParticipantRole.EXPERT if i < 400 else ParticipantRole.STUDENT,
                status=ParticipantStatus.PRESENT,
            )
            for i, person in enumerate(Person.objects.order_by("pk"))
        ],
        batch_size=500,
    )
    return len(people)


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
    matched = {}
    _earlier_years(_rows("experts")[1])
    for kind in ("experts", "students"):  # experts first: students may name them in "knows"
        header, data = _rows(kind)
        for suffix in (".csv", ".xlsx"):
            path = folder / f"{kind}{suffix}"
            _write(path, header, data)
            start = time.perf_counter()
            _read_only(path)
            anchor = time.perf_counter() - start
            start = time.perf_counter()  # the preview, as the web upload shows it
            preview = import_roster(path, kind=None, edition=edition, dry_run=True, actor="bench")
            timings = [time.perf_counter() - start]
            assert preview.ok, preview.as_text()[:500]
            decisions = {m.row: None for m in preview.matches}  # "someone else" for each
            reports = []
            for _ in range(2):  # the first creates everything, the second changes nothing
                start = time.perf_counter()
                report = import_roster(
                    path,
                    kind=None,
                    edition=edition,
                    dry_run=False,
                    actor="bench",
                    decisions=decisions,
                )
                timings.append(time.perf_counter() - start)
                assert report.ok, report.as_text()[:500]
                reports.append(report)
            if kind == "experts" and suffix == ".csv":
                matched = {
                    "returning": sum(
                        "herkend" in c.note or "recognised" in c.note for c in reports[0].changes
                    ),
                    "possible": len(preview.matches),
                }
            rows.append(
                {
                    "kind": kind,
                    "file": suffix,
                    "anchor": anchor,
                    "preview": timings[0],
                    "first": timings[1],
                    "again": timings[2],
                }
            )
    return {"vendor": connection.vendor, "rows": rows, "matched": matched}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2] if sys.argv[2] != "sqlite" else "")))
        return
    results = measure_per_database("benchmarks.bench_import")
    lines = [
        f"{ROWS} rows per file, `import_roster` (the CLI's and the web upload's importer), "
        "written as Flemish coordinators write them: the expert rows cycle through the values "
        "of the golden roster `tests/data/rosters/ervaringsdeskundigen_2027.csv` (Dutch "
        "headers, synonyms such as ervaringswerk/jeugdhulp/GGZ, lists with , / en, month-year "
        "dates, one in five without an e-mail address), with distinct demo names; the kind is "
        f"recognised from the columns. Matching is on: {EARLIER_PEOPLE:,} people of an earlier "
        "year are loaded, 100 roster experts without e-mail are found again by phone, 20 "
        "namesakes are possible matches the preview lists (settled as 'someone else'). "
        "Preview = the dry run the web upload shows; first = the import that creates "
        "everything; again = the same file once more (nothing changes). The XLSX file is "
        "imported after the CSV one of the same kind (same refs: unchanged). Ratio = first "
        "import / reading the file alone (the anchor, same run).",
        "",
        "| database | roster | file | read only s | preview s | first import s | re-import s "
        "| ratio |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for r in result["rows"]:
            lines.append(
                f"| {result['vendor']} | {r['kind']} | {r['file']} | {r['anchor']:.3f} "
                f"| {r['preview']:.2f} | {r['first']:.2f} | {r['again']:.2f} "
                f"| {r['first'] / r['anchor']:.0f} |"
            )
    for result in results:
        lines.append(
            f"\n{result['vendor']}: experts found again by phone or name "
            f"{result['matched'].get('returning', 0)}, possible matches listed "
            f"{result['matched'].get('possible', 0)}."
        )
    write_section("import", "Roster import: 1,000 rows", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
