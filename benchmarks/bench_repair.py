"""Repair on the day: time and number of changes for a 108 + 108 plan with absences.

The engine's synthetic edition of 108 students and 108 experts is planned once; then, for five
seeds, 10 experts and 5 students are drawn absent and the plan is repaired (``repair_plan``).
Reported: seconds per repair, and the morning changes against the minimum. The minimum is
independent of the repair: every student whose expert is absent must change expert, and nobody
else needs to (so the number of those students is a lower bound that a minimal repair meets).
Afternoon changes (a person who changes group, a group whose chair changes: see
``engine/repair_afternoon.py``) against an independent lower bound — one new chair per group
whose chair is absent, plus, per repaired morning pair or trio whose people sit in k different
groups, k - 1 moves — and whether the exact method proved its count minimal (HiGHS optimal, no
``repair_not_proven_minimal`` note; on small cases the tests compare it with a brute force).
The repaired plan is then checked by the one plan check (``check_plan``) for hard violations
other than the absent people's own. Anchor: the time of the whole first plan, in the same run.
Target (issue 14): under 0.2 s per repair.

Run: ``uv run python -m benchmarks.bench_repair``
"""

from __future__ import annotations

import random
import statistics
import time
from typing import TYPE_CHECKING

from benchmarks._results import write_section

if TYPE_CHECKING:
    from ontmoeting.engine.plan import PlanResult
    from ontmoeting.engine.repair import RepairResult

SEEDS = (1, 2, 3, 4, 5)


def afternoon_lower_bound(plan: PlanResult, result: RepairResult, absent: set[str]) -> int:
    """Changes every valid afternoon needs: a new chair for each group whose chair is absent,
    and k - 1 moves for each morning pair or trio (kept together) spread over k groups."""
    before = {m: g.index for g in plan.groups for m in g.members}
    chairs = sum(1 for g in plan.groups if g.chair in absent)
    units: dict[str, set[str]] = {}
    for p in result.plan.pairs:
        units.setdefault(p.expert, {p.expert}).add(p.student)
    moves = sum(len({before.get(r) for r in unit}) - 1 for unit in units.values())
    return chairs + moves


def main() -> None:
    from dataclasses import replace

    from ontmoeting.engine.check import check_plan
    from ontmoeting.engine.model import PlanSettings
    from ontmoeting.engine.plan import make_plan
    from ontmoeting.engine.repair import repair_plan
    from ontmoeting.engine.repair_afternoon import afternoon_changes
    from ontmoeting.engine.synthetic import edition

    students, experts, rooms = edition(108, seed=7)
    settings = PlanSettings()
    start = time.perf_counter()
    plan = make_plan(students, experts, rooms, settings, time_limit=10.0)
    anchor = time.perf_counter() - start
    rows = []
    for seed in SEEDS:
        rng = random.Random(seed)
        paired_experts = sorted({p.expert for p in plan.pairs})
        gone_experts = set(rng.sample(paired_experts, 10))
        gone_students = set(rng.sample(sorted({p.student for p in plan.pairs}), 5))
        gone = gone_experts | gone_students
        start = time.perf_counter()
        result = repair_plan(plan, students, experts, rooms, settings, absent=gone)
        seconds = time.perf_counter() - start
        minimum = sum(
            1 for p in plan.pairs if p.expert in gone_experts and p.student not in gone_students
        )
        made = sum(1 for c in result.changes if c.kind == "repair_pair")
        unserved = sum(1 for c in result.changes if c.kind == "unserved")
        # The one check, independent of the repair's own bookkeeping: the absent are not there.
        present_s = [replace(x, available=False) if x.ref in gone else x for x in students]
        present_e = [replace(x, available=False) if x.ref in gone else x for x in experts]
        verdict = check_plan(present_s, present_e, rooms, settings, result.plan.layout())
        hard = [v for v in verdict.violations if v.hard]
        afternoon = (
            afternoon_changes(result.changes),
            afternoon_lower_bound(plan, result, gone),
            not {"repair_not_proven_minimal", "regrouped"} & {n.code for n in result.notes},
        )
        rows.append(
            (seed, seconds, minimum, made, unserved, len(result.changes), len(hard), afternoon)
        )
    lines = [
        "108 students + 108 experts (engine synthetic edition, seed 7), planned once; per seed 10 "
        "experts and 5 students absent. Minimum = students whose expert is absent (each must "
        "change, nobody else needs to). Anchor: the first plan took "
        f"{anchor:.2f} s in this run. Target: under 0.2 s per repair.",
        "",
        "| seed | repair s | ratio to plan | morning changes | minimum | unserved "
        "| afternoon changes | lower bound | proven minimal | all changes | hard violations |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|",
    ]
    for seed, seconds, minimum, made, unserved, changes, hard, (aft, bound, proven) in rows:
        lines.append(
            f"| {seed} | {seconds:.3f} | {seconds / anchor:.3f} | {made} | {minimum} | {unserved} "
            f"| {aft} | {bound} | {'yes' if proven else 'no'} | {changes} | {hard} |"
        )
    times = [r[1] for r in rows]
    lines += [
        "",
        f"Median {statistics.median(times):.3f} s, worst {max(times):.3f} s; morning changes equal "
        f"the minimum in {sum(r[3] + r[4] == r[2] for r in rows)} of {len(rows)} runs; "
        f"the one check finds no hard violation in {sum(r[6] == 0 for r in rows)} of {len(rows)}; "
        f"afternoon changes proven minimal in {sum(r[7][2] for r in rows)} of {len(rows)} runs "
        f"(at the independent lower bound in {sum(r[7][0] == r[7][1] for r in rows)}). "
        f"Over the 0.2 s target: {sum(t > 0.2 for t in times)} of {len(rows)} runs.",
    ]
    write_section("repair", "Repair on the day: 108 + 108 with 15 absent", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
