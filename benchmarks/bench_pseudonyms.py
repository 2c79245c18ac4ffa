"""Can a paper form's pseudonym be reversed? Brute force over every self-made code.

A self-made code is 2 letters of the mother's first name, the day of birth and 2 letters of the
town of birth: 26^2 x 31 x 26^2 = 14,166,256 codes. Three codes are planted in an export:

- **unsalted hash** (the scheme before issue 16): ``P-`` + the first 10 hex of
  ``sha256("year:CODE")``. Trying every code recovers them.
- **keyed** (now): ``keyed_pseudonym(scope, "self:CODE")`` under a research key the attacker does
  not have and a per-export scope. The attacker tries every code under the keys they could guess
  (none, the all-zero key) in the edition's stable scope: nothing.

The unsalted search is the anchor: the keyed search's time is reported as a ratio to it (both
try every code once per guess). Also timed: linking a realistic edition's responses
(``surveys/linkage.py``), 108 students, and ten times that.

Run: ``uv run python -m benchmarks.bench_pseudonyms``
"""

from __future__ import annotations

import hashlib
import itertools
import random
import secrets
import string
import time

from benchmarks._results import write_section

YEAR = 2025
PLANTED = ("MA07GE", "JO23AN", "EL31BR")


def every_code():
    pairs = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    days = [f"{d:02d}" for d in range(1, 32)]
    for mother in pairs:
        for day in days:
            prefix = mother + day
            for town in pairs:
                yield prefix + town


def unsalted(code: str) -> str:
    return "P-" + hashlib.sha256(f"{YEAR}:{code}".encode()).hexdigest()[:10].upper()


def search_unsalted(targets: set[str]) -> tuple[int, list[str], float]:
    started = time.perf_counter()
    tried, found = 0, []
    for code in every_code():
        tried += 1
        if unsalted(code) in targets:
            found.append(code)
    return tried, found, time.perf_counter() - started


def search_keyed(targets: set[str], guesses: list[bytes]) -> tuple[int, list[str], float]:
    from ontmoeting.surveys.pseudonyms import keyed_pseudonym, study_scope

    scope = study_scope(YEAR, "students")
    started = time.perf_counter()
    tried, found = 0, []
    for code in every_code():
        for key in guesses:
            tried += 1
            if keyed_pseudonym(scope, f"self:{code}", key=key) in targets:
                found.append(code)
    return tried, found, time.perf_counter() - started


def linkage_seconds(students: int, seed: int = 1) -> tuple[float, int]:
    from ontmoeting.surveys.linkage import Record, link

    rnd = random.Random(seed)
    records: list[Record] = []
    codes = set()
    for i in range(students):
        code = ""
        while not code or code in codes:
            code = "".join(rnd.choices(string.ascii_uppercase, k=2)) + f"{rnd.randint(1, 31):02d}"
            code += "".join(rnd.choices(string.ascii_uppercase, k=2))
        codes.add(code)
        kind = rnd.random()
        if kind < 0.7:  # online both
            records += [
                Record(len(records) + 1, "pre", f"S{i}", "", "online"),
                Record(len(records) + 2, "post", f"S{i}", "", "online"),
            ]
        elif kind < 0.9:  # paper both, sometimes a slip
            post_code = code if rnd.random() < 0.85 else code[:5] + "Z"
            records += [
                Record(len(records) + 1, "pre", None, code, "paper"),
                Record(len(records) + 2, "post", None, post_code, "paper"),
            ]
        else:  # online pre with its self-made code, paper post
            records += [
                Record(len(records) + 1, "pre", f"S{i}", code, "online"),
                Record(len(records) + 2, "post", None, code, "paper"),
            ]
    runs = []
    pairs = 0
    for _ in range(5):
        started = time.perf_counter()
        pairs = link(records).table("pre", "post").total
        runs.append(time.perf_counter() - started)
    return sorted(runs)[2], pairs


def main() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure()
    django.setup()
    from ontmoeting.surveys.pseudonyms import export_scope, keyed_pseudonym

    old = {unsalted(c) for c in PLANTED}
    tried_old, found_old, seconds_old = search_unsalted(old)
    key = secrets.token_hex(32).encode()
    scope = export_scope()
    new = {keyed_pseudonym(scope, f"self:{c}", key=key) for c in PLANTED}
    guesses = [b"", b"\0" * 32]
    tried_new, found_new, seconds_new = search_keyed(new, guesses)
    link_108, pairs_108 = linkage_seconds(108)
    link_1080, pairs_1080 = linkage_seconds(1080)
    lines = [
        "Three self-made codes planted in an export; every one of the 14,166,256 possible codes "
        "tried. The unsalted search is the anchor.",
        "",
        "| scheme | candidates tried | codes recovered | seconds | ratio to anchor |",
        "|---|---:|---:|---:|---:|",
        f"| unsalted sha256 (before) | {tried_old:,} | {len(found_old)}/3 | {seconds_old:.1f} | 1.00 |",
        f"| keyed HMAC-SHA256, key unknown, {len(guesses)} guessed keys (now) | {tried_new:,} | "
        f"{len(found_new)}/3 | {seconds_new:.1f} | {seconds_new / seconds_old:.2f} |",
        "",
        "Linking an edition's pre and post responses (study code, self-made code exact, one "
        "character off), median of 5:",
        "",
        "| students | pairs linked | seconds |",
        "|---:|---:|---:|",
        f"| 108 | {pairs_108} | {link_108:.4f} |",
        f"| 1,080 | {pairs_1080:,} | {link_1080:.4f} |",
    ]
    write_section(
        "pseudonyms", "Research pseudonyms: brute force over the self-made codes", "\n".join(lines)
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
