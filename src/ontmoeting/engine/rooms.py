"""Rooms for every block of the day: rooms are resources per programme block.

A room may host something in every block in which it is free (``Room.unavailable`` lists the
blocks in which it is not: a lecture, or the coordinator's "not for groups"). Its kind is a
preference: a block uses rooms meant for it first and any other free room at
``other_kind_cost`` wasted seats. Hard: a room's capacity (seats) and step-free access for
anyone who needs it. Soft: wasted seats and walking (metres from a pair's morning room to the
afternoon rooms of its members, Euclidean on ``Room.location``).

* Groups -> rooms (the afternoon): one group per room, ``linear_sum_assignment`` on wasted seats
  plus the kind cost (exact). The grouping already kept every group within the seats of a room
  (:mod:`.venue_fit`), so a complete assignment exists whenever the layout fitted.
* Conversations -> rooms (the morning): rooms are shared; a pair takes 2 seats, a trio 3.
  Conversations with the same (seats, step-free need, afternoon rooms) are interchangeable, so
  the MILP counts them per class: ``n_kr`` integer conversations of class k in room r, ``z_r``
  binary room used, ``sum_k seats_k n_kr <= cap_r z_r``, minimise
  ``sum_r (cap_r + kind_r) z_r + walking * sum dist_kr n_kr`` (plus a large cost per unplaced
  conversation). Variables: classes * rooms + rooms + classes.
* Everyone together (welcome, lunch, closing): the free room that seats everyone with the least
  waste (preferred kinds first); when none does, the fewest rooms that together do.

When no complete assignment exists, a Hall witness names the groups and the rooms that block
them (``groups_cannot_all_have_rooms``), and every group or conversation left without a room is
listed (``no_room``, ``conversation_no_room``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_matrix

from ontmoeting.engine.infeasibility import hall_witness, max_matching
from ontmoeting.engine.model import DEFAULT_BLOCKS, PLENARY_KINDS, Block, Room
from ontmoeting.engine.results import Violation
from ontmoeting.engine.venue_fit import GroupRoom, group_rooms

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
    "walking" in metres, "other_kind_rooms", "total") and violations.

    ``block_rooms``: block key -> the rooms of a block everyone spends together."""

    group_rooms: dict[int, str]
    conversation_rooms: dict[str, str]
    objective: dict[str, float]
    violations: tuple[Violation, ...]
    seconds: float
    block_rooms: dict[str, tuple[str, ...]]

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not any(v.hard for v in self.violations)


def block_of(blocks: Sequence[Block], kind: str) -> Block:
    """The first block of ``kind`` (the day's default one when the programme has none)."""
    return next((b for b in blocks if b.kind == kind), Block(kind, kind))


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def assign_group_rooms(
    groups: Sequence[GroupUnit], rooms: Sequence[GroupRoom], *, other_kind_cost: float = 4.0
) -> tuple[dict[int, str], float, list[Violation]]:
    """One group per free room, least wasted seats plus ``other_kind_cost`` per room not meant
    for groups. Returns (group index -> room name, wasted seats, violations). Exact (LSA),
    O(n^3)."""
    cand = [r for r in rooms if r.free]
    n_g, n_r = len(groups), len(cand)
    size = np.array([g.size for g in groups], dtype=np.int64)
    need = np.array([g.step_free for g in groups], dtype=bool)
    cap = np.array([r.capacity for r in cand], dtype=np.int64)
    sf = np.array([r.step_free for r in cand], dtype=bool)
    allowed = (cap[None, :] >= size[:, None]) & (sf[None, :] | ~need[:, None])
    served = int((max_matching(allowed, np.ones(n_r, dtype=np.int64))[0] >= 0).sum())
    waste = (cap[None, :] - size[:, None]).astype(float)
    kind = np.array([0.0 if r.preferred else other_kind_cost for r in cand])
    cost = np.where(allowed, waste + kind[None, :], np.inf)
    if n_g > served:
        cost = np.hstack([cost, np.zeros((n_g, n_g - served))])
    out: dict[int, str] = {}
    total = 0.0
    if n_g and cost.shape[1]:
        rows, cols = linear_sum_assignment(cost)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if j < n_r:
                out[groups[i].index] = cand[j].name
                total += float(waste[i, j])
    violations: list[Violation] = []
    if served < n_g:
        hw = hall_witness(allowed, np.ones(n_r, dtype=np.int64))
        assert hw is not None
        gs = [groups[i] for i in hw.rows]
        violations.append(
            Violation(
                "groups_cannot_all_have_rooms",
                groups=tuple(g.index for g in gs),
                rooms=tuple(cand[j].name for j in hw.columns),
                params={
                    "sizes": [g.size for g in gs],
                    "step_free": any(g.step_free for g in gs),
                    "fitting_rooms": len(hw.columns),
                },
            )
        )
        violations += [
            Violation("no_room", group=g.index, params={"size": g.size, "step_free": g.step_free})
            for g in groups
            if g.index not in out
        ]
    return out, total, violations


def assign_conversation_rooms(
    units: Sequence[ConversationUnit],
    rooms: Sequence[Room],
    *,
    block: Block = DEFAULT_BLOCKS[1],
    walking: float = 0.05,
    other_kind_cost: float = 4.0,
    time_limit: float = 5.0,
) -> tuple[dict[str, str], float, float, list[Violation]]:
    """Share the rooms free in the morning ``block`` among pairs and trios.

    The rooms meant for conversations come first: when they seat every conversation, the other
    rooms are not considered (a smaller model, and what a coordinator expects); otherwise every
    free room is. Returns (unit key -> room name, wasted seats, walking metres, violations).
    ``time_limit`` covers building the models and the MILPs.
    """
    start = time.perf_counter()
    free = [r for r in rooms if r.free_in(block)]
    preferred = [r for r in free if r.preferred_for(block)]
    if len(preferred) < len(free):
        out = _conversation_milp(units, preferred, block, walking, other_kind_cost, time_limit)
        if not out[3]:
            return out
    left = time_limit - (time.perf_counter() - start)
    return _conversation_milp(units, free, block, walking, other_kind_cost, left)


def _conversation_milp(
    units: Sequence[ConversationUnit],
    cand: Sequence[Room],
    block: Block,
    walking: float,
    other_kind_cost: float,
    time_limit: float,
) -> tuple[dict[str, str], float, float, list[Violation]]:
    """The conversations in the rooms ``cand`` (the MILP of the module docstring)."""
    start = time.perf_counter()
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
    kind = np.array([0.0 if r.preferred_for(block) else other_kind_cost for r in cand])
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
    c = np.concatenate(
        [walking * np.array(dist, dtype=float), capr + kind, np.full(n_k, UNPLACED_COST)]
    )
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
        violations.append(Violation("conversation_rooms_not_found"))
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
    violations += [
        Violation(
            "conversation_no_room", (u.key,), params={"seats": u.seats, "step_free": u.step_free}
        )
        for u in units
        if u.key not in out
    ]
    return out, waste, walked, violations


def assign_plenary_rooms(
    blocks: Sequence[Block], rooms: Sequence[Room], *, people: int, step_free: bool
) -> tuple[dict[str, tuple[str, ...]], list[Violation]]:
    """Rooms for every block everyone spends together (welcome, lunch, closing).

    The free room that seats ``people`` (step-free when someone needs it) with the fewest seats,
    rooms meant for the block first; when none does, the fewest free rooms that together do
    (largest first), one of them step-free when needed. O(blocks * rooms log rooms).
    """
    out: dict[str, tuple[str, ...]] = {}
    violations: list[Violation] = []
    for block in blocks:
        if block.kind not in PLENARY_KINDS:
            continue
        free = [r for r in rooms if r.free_in(block) and (r.step_free or not step_free)]
        whole = [r for r in free if r.capacity >= people]
        if whole:
            best = min(whole, key=lambda r: (not r.preferred_for(block), r.capacity, r.name))
            out[block.key] = (best.name,)
            continue
        chosen: list[Room] = []
        for r in sorted(free, key=lambda r: (not r.preferred_for(block), -r.capacity, r.name)):
            if sum(c.capacity for c in chosen) >= people:
                break
            chosen.append(r)
        seats = sum(r.capacity for r in chosen)
        if seats >= people:
            out[block.key] = tuple(r.name for r in chosen)
            continue
        out[block.key] = tuple(r.name for r in chosen)
        violations.append(
            Violation(
                "plenary_too_small",
                rooms=tuple(r.name for r in chosen),
                params={"block": block.kind, "people": people, "seats": seats},
            )
        )
    return out, violations


def assign_rooms(
    groups: Sequence[GroupUnit],
    conversations: Sequence[ConversationUnit],
    rooms: Sequence[Room],
    *,
    blocks: Sequence[Block] = DEFAULT_BLOCKS,
    people: int | None = None,
    step_free: bool = False,
    walking: float = 0.05,
    other_kind_cost: float = 4.0,
    time_limit: float = 5.0,
    fixed_group_rooms: Mapping[int, str] | None = None,
) -> RoomAssignment:
    """Groups (one per room), then conversations (with walking to the group rooms), then the
    blocks everyone spends together (``people`` of them; None = everyone in the groups and
    conversations).

    ``fixed_group_rooms`` (the grouping's own choice, :mod:`.venue_fit`) replaces the group
    step. ``ConversationUnit.targets`` may hold group indices encoded as ``(index, nan)``; they
    are replaced by the location of the room the group got.
    """
    start = time.perf_counter()
    afternoon = block_of(blocks, "groups")
    if fixed_group_rooms is not None:
        g_rooms = dict(fixed_group_rooms)
        cap = {r.name: r.capacity for r in rooms}
        g_waste = float(sum(cap[g_rooms[g.index]] - g.size for g in groups if g.index in g_rooms))
        viol = [
            Violation("no_room", group=g.index, params={"size": g.size, "step_free": g.step_free})
            for g in groups
            if g.index not in g_rooms
        ]
    else:
        g_rooms, g_waste, viol = assign_group_rooms(
            groups, group_rooms(rooms, afternoon), other_kind_cost=other_kind_cost
        )
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
        resolved,
        rooms,
        block=block_of(blocks, "one_to_one"),
        walking=walking,
        other_kind_cost=other_kind_cost,
        time_limit=time_limit - (time.perf_counter() - start),
    )
    viol.extend(viol2)
    if people is None:
        people = sum(g.size for g in groups) or sum(u.seats for u in conversations)
    b_rooms, viol3 = assign_plenary_rooms(blocks, rooms, people=people, step_free=step_free)
    viol.extend(viol3)
    kind_of = {r.name: r for r in rooms}
    other = sum(1 for name in g_rooms.values() if not kind_of[name].preferred_for(afternoon)) + sum(
        1
        for name in set(c_rooms.values())
        if not kind_of[name].preferred_for(block_of(blocks, "one_to_one"))
    )
    objective = {
        "wasted_group_seats": g_waste,
        "wasted_conversation_seats": c_waste,
        "walking": walked,
        "other_kind_rooms": float(other),
        "total": g_waste + c_waste + walking * walked + other_kind_cost * other,
    }
    return RoomAssignment(
        g_rooms, c_rooms, objective, tuple(viol), time.perf_counter() - start, b_rooms
    )
