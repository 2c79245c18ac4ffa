"""Rooms for the afternoon groups and the morning conversations.

Hard: a room's capacity (seats), and step-free access for a group or pair with a ``"step_free"``
need. Soft: wasted seats (seats of the rooms used minus people seated) and walking (metres from a
pair's morning room to the afternoon rooms of its members, Euclidean on ``Room.location``).

* Groups -> rooms: one group per room, ``linear_sum_assignment`` on wasted seats (exact).
* Conversations -> rooms: rooms are shared; a pair takes 2 seats, a trio 3. Conversations with the
  same (seats, step-free need, afternoon rooms) are interchangeable, so the MILP counts them per
  class: ``n_kr`` integer conversations of class k in room r, ``z_r`` binary room used,
  ``sum_k seats_k n_kr <= cap_r z_r``, minimise ``sum_r cap_r z_r + walking * sum dist_kr n_kr``
  (plus a large cost per unplaced conversation, reported as a ``capacity`` violation).
  Variables: classes * rooms + rooms.

When no complete assignment exists, a Hall witness names the groups and the rooms that block them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_matrix

from ontmoeting.engine.infeasibility import hall_witness, max_matching
from ontmoeting.engine.model import Room
from ontmoeting.engine.results import Violation

UNPLACED_COST = 1e6


@dataclass(frozen=True)
class GroupUnit:
    """An afternoon group to seat: its index, size (people) and whether it needs step-free."""

    index: int
    size: int
    step_free: bool = False


@dataclass(frozen=True)
class ConversationUnit:
    """A morning conversation to seat (a pair, or a trio with 3 seats).

    ``key`` identifies it (the expert's ref); ``targets`` are the afternoon room locations of its
    members (empty when unknown: no walking cost).
    """

    key: str
    seats: int
    step_free: bool = False
    targets: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class RoomAssignment:
    """Rooms chosen, with objective parts ("wasted_group_seats", "wasted_conversation_seats",
    "walking" in metres, "total") and violations."""

    group_rooms: dict[int, str]
    conversation_rooms: dict[str, str]
    objective: dict[str, float]
    violations: tuple[Violation, ...]
    explanation: tuple[str, ...]
    seconds: float

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not any(v.hard for v in self.violations)


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def assign_group_rooms(
    groups: Sequence[GroupUnit], rooms: Sequence[Room]
) -> tuple[dict[int, str], float, list[Violation]]:
    """One group per room (kind "group" or "any"), least wasted seats.

    Returns (group index -> room name, wasted seats, violations). Exact (LSA), O(n^3).
    """
    cand = [r for r in rooms if r.kind in ("group", "any")]
    n_g, n_r = len(groups), len(cand)
    allowed = np.zeros((n_g, n_r), dtype=bool)
    for i, g in enumerate(groups):
        for j, r in enumerate(cand):
            allowed[i, j] = r.capacity >= g.size and (r.step_free or not g.step_free)
    cap = np.ones(n_r, dtype=np.int64)
    served = int((max_matching(allowed, cap)[0] >= 0).sum())
    waste = np.array([[r.capacity - g.size for r in cand] for g in groups], dtype=float)
    cost = np.where(allowed, waste.reshape(n_g, n_r), np.inf)
    if n_g > served:
        cost = np.hstack([cost, np.zeros((n_g, n_g - served))])
    out: dict[int, str] = {}
    violations: list[Violation] = []
    total = 0.0
    if n_g and cost.shape[1]:
        rows, cols = linear_sum_assignment(cost)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if j < n_r:
                out[groups[i].index] = cand[j].name
                total += float(waste[i, j])
    if served < n_g:
        hw = hall_witness(allowed, cap)
        assert hw is not None
        gs = [groups[i] for i in hw.rows]
        rs = [cand[j].name for j in hw.columns]
        need_sf = any(g.step_free for g in gs)
        msg = (
            f"groups {', '.join(str(g.index) for g in gs)} (sizes "
            f"{', '.join(str(g.size) for g in gs)}"
            + (", step-free needed" if need_sf else "")
            + f") fit only in {len(rs)} room(s)"
            + (f": {', '.join(rs)}" if rs else "")
            + "; the other rooms are too small"
            + (" or not step-free" if need_sf else "")
            + "."
        )
        rule = "step_free" if need_sf else "capacity"
        violations.append(Violation(rule, (*(str(g.index) for g in gs), *rs), msg))
        for g in groups:
            if g.index not in out:
                violations.append(
                    Violation(
                        "capacity", (str(g.index),), f"group {g.index} has no room", group=g.index
                    )
                )
    return out, total, violations


def assign_conversation_rooms(
    units: Sequence[ConversationUnit],
    rooms: Sequence[Room],
    *,
    walking: float = 0.05,
    time_limit: float = 5.0,
) -> tuple[dict[str, str], float, float, list[Violation]]:
    """Share conversation rooms (kind "conversation" or "any") among pairs and trios.

    Returns (unit key -> room name, wasted seats, walking metres, violations). ``time_limit``
    covers building the model and the MILP.
    """
    start = time.perf_counter()
    cand = [r for r in rooms if r.kind in ("conversation", "any")]
    classes: dict[tuple[int, bool, tuple[tuple[float, float], ...]], list[int]] = {}
    for i, u in enumerate(units):
        classes.setdefault((u.seats, u.step_free, tuple(sorted(u.targets))), []).append(i)
    keys = list(classes)
    n_k, n_r = len(keys), len(cand)
    out: dict[str, str] = {}
    violations: list[Violation] = []
    if not units:
        return out, 0.0, 0.0, violations
    var_k, var_r, dist = [], [], []
    for k, (seats, sf, targets) in enumerate(keys):
        for r, room in enumerate(cand):
            if room.capacity >= seats and (room.step_free or not sf):
                var_k.append(k)
                var_r.append(r)
                dist.append(sum(_dist(room.location, t) for t in targets))
    n_x = len(var_k)
    n_var = n_x + n_r + n_k  # n_kr, z_r, unplaced_k
    xk, xr = np.array(var_k, dtype=int), np.array(var_r, dtype=int)
    seats_k = np.array([k[0] for k in keys], dtype=float)
    count_k = np.array([len(classes[k]) for k in keys], dtype=float)
    capr = np.array([r.capacity for r in cand], dtype=float)
    xs = np.arange(n_x)
    a_count = coo_matrix(
        (
            np.ones(n_x + n_k),
            (
                np.concatenate([xk, np.arange(n_k)]),
                np.concatenate([xs, n_x + n_r + np.arange(n_k)]),
            ),
        ),
        shape=(n_k, n_var),
    )
    a_cap = coo_matrix(
        (
            np.concatenate([seats_k[xk], -capr]),
            (np.concatenate([xr, np.arange(n_r)]), np.concatenate([xs, n_x + np.arange(n_r)])),
        ),
        shape=(n_r, n_var),
    )
    c = np.concatenate([walking * np.array(dist, dtype=float), capr, np.full(n_k, UNPLACED_COST)])
    ub = np.concatenate([count_k[xk], np.ones(n_r), count_k])
    res = milp(
        c,
        integrality=np.ones(n_var),
        bounds=Bounds(np.zeros(n_var), ub),
        constraints=[
            LinearConstraint(a_count.tocsr(), count_k, count_k),
            LinearConstraint(a_cap.tocsr(), -np.inf, 0.0),
        ],
        options={
            "time_limit": max(0.05, time_limit - (time.perf_counter() - start)),
            "mip_rel_gap": 1e-4,
            "disp": False,
        },
    )
    if res.x is None:
        violations.append(Violation("capacity", (), "no room plan for the conversations found"))
        return out, 0.0, 0.0, violations
    x = np.rint(res.x).astype(int)
    walked = 0.0
    for v in range(n_x):
        for _ in range(x[v]):
            i = classes[keys[xk[v]]].pop()
            out[units[i].key] = cand[xr[v]].name
            walked += dist[v]
    used = x[n_x : n_x + n_r] > 0
    waste = float(capr[used].sum() - sum(u.seats for u in units if u.key in out))
    for u in units:
        if u.key not in out:
            rule = "step_free" if u.step_free else "capacity"
            violations.append(
                Violation(
                    rule,
                    (u.key,),
                    f"no {'step-free ' if u.step_free else ''}room "
                    f"with {u.seats} free seats left for the conversation of {u.key}",
                )
            )
    return out, waste, walked, violations


def assign_rooms(
    groups: Sequence[GroupUnit],
    conversations: Sequence[ConversationUnit],
    rooms: Sequence[Room],
    *,
    walking: float = 0.05,
    time_limit: float = 5.0,
) -> RoomAssignment:
    """Groups first (one per room), then conversations (with walking to the group rooms).

    ``ConversationUnit.targets`` may hold group indices encoded as ``(index, nan)``; they are
    replaced by the location of the room the group got.
    """
    start = time.perf_counter()
    g_rooms, g_waste, viol = assign_group_rooms(groups, rooms)
    loc = {r.name: r.location for r in rooms}
    resolved = []
    for u in conversations:
        tg = []
        for t in u.targets:
            if math.isnan(t[1]):
                name = g_rooms.get(int(t[0]))
                if name is not None:
                    tg.append(loc[name])
            else:
                tg.append(t)
        resolved.append(ConversationUnit(u.key, u.seats, u.step_free, tuple(tg)))
    c_rooms, c_waste, walked, viol2 = assign_conversation_rooms(
        resolved, rooms, walking=walking, time_limit=time_limit - (time.perf_counter() - start)
    )
    viol.extend(viol2)
    objective = {
        "wasted_group_seats": g_waste,
        "wasted_conversation_seats": c_waste,
        "walking": walked,
        "total": g_waste + c_waste + walking * walked,
    }
    expl = (
        f"{len(g_rooms)} of {len(groups)} groups and {len(c_rooms)} of {len(conversations)} "
        f"conversations have a room; {c_waste + g_waste:.0f} wasted seats, {walked:.0f} m walking.",
    )
    return RoomAssignment(
        g_rooms, c_rooms, objective, tuple(viol), expl, time.perf_counter() - start
    )
