"""Whole-plan benchmark: pairs -> groups fitted to the venue -> rooms -> the one check.

On the demo's own edition and venue (the 2026 edition of ``ontmoeting demo``: 108 students,
108 eligible experts; a plenary hall, a restaurant, 18 conversation rooms and 22 group rooms),
on ten times that (every person and every room ten times: 1,080 + 1,080), and on the synthetic
editions of ``engine.synthetic`` for comparison. Targets: 108 + 108 in under 1 s and
1,080 + 1,080 in under 20 s, both with zero hard violations. The numba kernels are compiled
(or loaded from their cache) once before the timed runs; that time is reported apart.

Run: ``uv run python -m benchmarks.bench_plan``
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Sequence

from benchmarks._django_env import fresh_database
from benchmarks._results import write_section

DEMO_SEED = 2009  # what `make demo` builds


def _scaled(people: Sequence, k: int) -> list:
    """``people`` k times, refs and knows links suffixed per copy."""
    return [
        dataclasses.replace(p, ref=f"{p.ref}.{i}", knows=frozenset(f"{r}.{i}" for r in p.knows))
        for i in range(k)
        for p in people
    ]


def _cases() -> list[tuple[str, list, list, list, tuple, float, float]]:
    from ontmoeting.demo.builder import build_demo
    from ontmoeting.editions.models import Edition
    from ontmoeting.engine.model import DEFAULT_BLOCKS
    from ontmoeting.engine.synthetic import edition
    from ontmoeting.planning.inputs import edition_inputs

    build_demo(DEMO_SEED)
    demo = edition_inputs(Edition.objects.get(year=2026))
    ten_rooms = [
        dataclasses.replace(r, name=f"{r.name}.{i}") for i in range(10) for r in demo.rooms
    ]
    cases = [
        ("demo 2026", list(demo.students), list(demo.experts), list(demo.rooms), demo.blocks),
        (
            "demo 2026 x 10",
            _scaled(demo.students, 10),
            _scaled(demo.experts, 10),
            ten_rooms,
            demo.blocks,
        ),
    ]
    for n in (108, 1080):
        students, experts, rooms = edition(n, seed=42)
        cases.append((f"synthetic {n}", students, experts, rooms, DEFAULT_BLOCKS))
    targets = {"demo 2026": 1.0, "demo 2026 x 10": 20.0}
    return [(*c, 10.0 if len(c[1]) < 500 else 18.0, targets.get(c[0], 0.0)) for c in cases]


def main() -> None:
    fresh_database("")
    from ontmoeting.engine.mdgp import warm_up
    from ontmoeting.engine.model import PlanSettings
    from ontmoeting.engine.plan import make_plan
    from ontmoeting.engine.rooms import block_of

    cases = list(_cases())
    t = time.perf_counter()
    warm_up()
    # The grouping's kernels take other argument types than plain MDGP: compile (or load) those
    # too, on the smallest case, so that no timed run includes a compile.
    _name, students, experts, rooms, blocks, _limit, _target = cases[0]
    make_plan(students, experts, rooms, PlanSettings(), blocks=blocks, seed=0, time_limit=1.0)
    jit = time.perf_counter() - t
    lines = [
        "| edition | students + experts | groups | time limit s | plan s | target s "
        "| pairing s | grouping s | rooms s | hard violations | soft findings (by rule) "
        "| afternoon rooms: meant for groups + other | morning rooms used |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    notes = []
    for name, students, experts, rooms, blocks, limit, target in cases:
        t = time.perf_counter()
        plan = make_plan(
            students, experts, rooms, PlanSettings(), blocks=blocks, seed=0, time_limit=limit
        )
        secs = time.perf_counter() - t
        hard = [v for v in plan.violations if v.hard]
        soft = Counter(v.rule for v in plan.violations if not v.hard)
        afternoon = block_of(blocks, "groups")
        by_name = {r.name: r for r in rooms}
        meant = sum(1 for n in plan.group_rooms.values() if by_name[n].preferred_for(afternoon))
        other = len(plan.group_rooms) - meant
        s_in = sum(1 for s in students if s.available)
        e_in = sum(1 for e in experts if e.available and e.eligible)
        met = "" if not target else (" (met)" if secs < target and not hard else " (NOT met)")
        assert plan.pairing is not None
        assert plan.grouping is not None
        assert plan.rooms is not None
        lines.append(
            f"| {name} | {s_in} + {e_in} | {len(plan.groups)} | {limit:.0f} | {secs:.2f}{met} "
            f"| {target or '-'} | {plan.pairing.seconds:.2f} | {plan.grouping.seconds:.2f} "
            f"| {plan.rooms.seconds:.2f} | {len(hard)} | "
            + (", ".join(f"{r} {k}" for r, k in sorted(soft.items())) or "0")
            + f" | {meant} + {other} | {len(set(plan.pair_rooms.values()))} |"
        )
        print(lines[-1], flush=True)
        for v in hard[:5]:
            print("  hard:", v.code, dict(v.params))
        seasoned = sum(
            1 for e in experts if e.available and e.eligible and e.chaired_before and e.can_chair
        )
        notes.append(
            f"- {name}: {len(plan.groups)} groups, {seasoned} willing experts who chaired before, "
            f"so at least {max(0, len(plan.groups) - seasoned)} first-time chairs "
            f"(`newcomer_chair`, a finding, not a broken rule); the plan has "
            f"{soft['newcomer_chair']}."
        )
    body = (
        "`make_plan` with the default `PlanSettings` (groups of 6-10, morning pairs kept "
        "together in the afternoon), the time limit in the table (the search stops earlier when "
        "it stalls). *plan s* is the whole call: pairing, the venue fit and the grouping, the "
        "rooms of every block and the final rule check. Rooms are resources per block: a "
        "conversation room free in the afternoon may host a group (counted as *other*). "
        f"Numba kernels compiled or loaded, and one untimed plan of the first case, before the "
        f"runs: {jit:.2f} s, not included.\n\n" + "\n".join(lines) + "\n\n" + "\n".join(notes)
    )
    write_section("plan", "Whole plan", body, command="uv run python -m benchmarks.bench_plan")


if __name__ == "__main__":
    main()
