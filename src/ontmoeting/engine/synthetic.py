"""Synthetic editions for tests, benchmarks and demos (seeded, no real data).

:func:`edition` builds students, experts and rooms that look like a real encounter day: six
domains, mostly Dutch speakers, class groups of about 18, a few step-free needs and "knows" links.
Pure Python (``random.Random(seed)``), so the same seed gives the same edition everywhere.
"""

from __future__ import annotations

import random

from ontmoeting.engine.model import Expert, Room, Student

DOMAINS = ("addiction", "mental_health", "disability", "unemployment", "divorce", "youth_care")


def edition(
    n_students: int, n_experts: int | None = None, *, seed: int = 0, chair_share: float = 0.4
) -> tuple[list[Student], list[Expert], list[Room]]:
    """A realistic edition: 6 domains, mostly Dutch, a few English speakers, class groups of
    ~18, some step-free needs and knows links; rooms for conversations and groups.

    Parameters
    ----------
    n_students : int
        Students ``S0..S{n-1}``.
    n_experts : int or None
        Experts ``E0..``; None = as many as students.
    seed : int
        Seed of every random choice.
    chair_share : float
        Probability that an expert is willing to chair.

    Returns
    -------
    (students, experts, rooms)
        ``n_students // 5 + 2`` conversation rooms (12 places) and ``2 n_students // 7 + 3``
        group rooms (14 places); O(n) time.
    """
    # A seeded generator on purpose: reproducible test instances, not secrets.
    rng = random.Random(seed)  # nosec B311
    n_experts = n_students if n_experts is None else n_experts
    students = [
        Student(
            f"S{i}",
            frozenset({"nl"} | ({"en"} if rng.random() < 0.3 else set())),
            tuple(rng.sample(DOMAINS, 3)) if rng.random() < 0.9 else (),
            class_group=f"1{chr(65 + i % max(1, n_students // 18))}",
            gender=rng.choice("fmx"),
            needs=frozenset({"step_free"}) if rng.random() < 0.03 else frozenset(),
            knows=(
                frozenset({f"E{rng.randrange(n_experts)}"}) if rng.random() < 0.05 else frozenset()
            ),
        )
        for i in range(n_students)
    ]
    experts = [
        Expert(
            f"E{j}",
            frozenset({"nl"} if rng.random() < 0.92 else {"nl", "en"}),
            frozenset(rng.sample(DOMAINS, rng.choice((1, 1, 2)))),
            can_chair=rng.random() < chair_share,
            chaired_before=rng.random() < 0.3,
            veteran=rng.random() < 0.5,
            needs=frozenset({"step_free"}) if rng.random() < 0.05 else frozenset(),
        )
        for j in range(n_experts)
    ]
    n_pairs = n_students
    rooms = [
        Room(f"C{k}", 12, step_free=k % 3 != 0, kind="conversation", location=(10.0 * k, 0.0))
        for k in range(n_pairs // 5 + 2)
    ]
    rooms += [
        Room(f"G{k}", 14, step_free=k % 2 == 0, kind="group", location=(10.0 * k, 40.0))
        for k in range(2 * n_students // 7 + 3)
    ]
    return students, experts, rooms
