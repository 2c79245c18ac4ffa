"""Whole-plan benchmark: pairs -> groups -> rooms for a realistic edition (108 + 108, 6 domains;
target < 2 s, zero hard violations) and ten times that size (target < 60 s).

Run: ``uv run python -m benchmarks.bench_plan``
"""

from __future__ import annotations

import time

from tests.engine._factory import edition

from benchmarks._results import write_section
from ontmoeting.engine.model import PlanSettings
from ontmoeting.engine.pairing import solve_pairing
from ontmoeting.engine.plan import make_plan

CASES = ((108, 1.5, 2.0), (1080, 40.0, 60.0))  # (students, time limit given, target seconds)


def main() -> None:
    lines = [
        "| students + experts | groups | time limit s | plan s | target s | pairing s "
        "| hard violations | soft violations | trios | walking m |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, limit, target in CASES:
        students, experts, rooms = edition(n, seed=42)
        t = time.perf_counter()
        anchor = solve_pairing(students, experts)
        t_pair = time.perf_counter() - t
        t = time.perf_counter()
        plan = make_plan(students, experts, rooms, PlanSettings(), seed=0, time_limit=limit)
        secs = time.perf_counter() - t
        hard = [v for v in plan.violations if v.hard]
        soft = [v for v in plan.violations if not v.hard]
        lines.append(
            f"| {n} + {n} | {len(plan.groups)} | {limit} | {secs:.2f} | {target:.0f} "
            f"| {t_pair:.3f} | {len(hard)} | {len(soft)} | {anchor.counts['trios']} "
            f"| {plan.objective.get('rooms.walking', 0):.0f} |"
        )
        print(lines[-1], flush=True)
        for v in hard[:5]:
            print("  hard:", v.rule, v.message[:150])
    body = (
        "`make_plan` on synthetic editions (tests/engine/_factory.py), default `PlanSettings` "
        "(groups of 6-10, pairs kept together), the time limit given to the plan in the table "
        "(the grouping search uses what the pairing leaves of it). *pairing s* = the morning "
        "pairing alone (same run).\n\n" + "\n".join(lines)
    )
    write_section("plan", "Whole plan", body, command="uv run python -m benchmarks.bench_plan")


if __name__ == "__main__":
    main()
