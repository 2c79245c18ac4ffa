"""How many afternoon groups, of which sizes, in which rooms: the venue and the chairs decide.

Before the grouping searches, :func:`fit_layout` chooses the number of groups ``G`` and a room
for each group *slot*, so that every group can get a willing chair and a room that seats it:

* sizes: ``G * min_size <= n <= sum of the slots' seats``, where a slot seats
  ``min(capacity, max_size)`` (a room smaller than ``min_size`` can host no group);
* chairs: ``G <= chair_units`` (keep-together units holding an expert willing to chair; each
  unit gives one group at most one chair);
* rooms: ``G`` rooms free in the afternoon; people who need step-free access (with everyone
  kept together with them) fit in the step-free slots.

Among the counts that pass, the one whose mean size is nearest the middle of the bounds wins
(ties: fewer groups). Its rooms are chosen by a small 0-1 program (``scipy.optimize.milp``):
``G`` rooms, enough seats for everyone and for the step-free units, fewest seats in all (so
the least waste) plus ``other_kind_cost`` for every room not meant for groups. The grouping
then keeps each group within its slot's seats and the step-free units in step-free slots, so
a room for every group is guaranteed by construction (a joint model, not rooms after the
fact); the final rooms are re-chosen exactly once the group sizes are known.

When no count passes, the result says why for the count the bounds suggest, with the numbers
the coordinator can act on: how many groups, rooms and chairs are needed and available, and
which larger maximum size would fit the rooms or the chairs (``too_few_rooms``,
``too_few_step_free_rooms``, ``too_few_chairs``, ``sizes_impossible``).

Complexity: at most ``n / min_size`` candidate counts, each a 0-1 program over the rooms (tens
of binaries; milliseconds).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from ontmoeting.engine.model import Block, Room
from ontmoeting.engine.results import Violation


@dataclass(frozen=True)
class GroupRoom:
    """A room as the afternoon sees it: ``free`` in the group block, ``preferred`` when it is
    meant for groups."""

    name: str
    capacity: int
    step_free: bool = True
    preferred: bool = True
    free: bool = True
    location: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class FitInput:
    """What the layout depends on.

    ``members``: people in the afternoon; ``chair_units``: keep-together units with a willing
    chair (``chair_refs``: the willing experts, named when they are too few; of the units,
    ``step_free_chairs`` need a step-free room and so can only chair a step-free slot);
    ``odd_units``: keep-together units of odd size (singles, trios; None = everyone alone):
    with mostly pairs, a slot of odd seats is only full with an odd unit in it;
    ``step_free_people``: people who must sit in a step-free room (a person who needs it and
    everyone kept together with them); ``rooms``: None = no room limits (a grouping alone).
    """

    members: int
    chair_units: int
    min_size: int
    max_size: int
    step_free_people: int = 0
    rooms: Sequence[GroupRoom] | None = None
    n_groups: int | None = None
    at_least: int = 1
    other_kind_cost: float = 4.0
    chair_refs: tuple[str, ...] = ()
    step_free_chairs: int = 0
    odd_units: int | None = None


@dataclass(frozen=True)
class Layout:
    """``n_groups`` slots; for slot ``g``: the most people it may hold (``upper[g]``), whether it
    is step-free, and the room it was fitted to (empty without rooms)."""

    n_groups: int
    upper: tuple[int, ...]
    step_free: tuple[bool, ...]
    rooms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fit:
    """A layout, or the reasons there is none; ``facts`` are the numbers behind either."""

    layout: Layout | None
    reasons: tuple[Violation, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.layout is not None


def _seats(room: GroupRoom, max_size: int) -> int:
    return min(room.capacity, max_size)


def candidate_counts(inp: FitInput) -> list[int]:
    """Group counts the size bounds allow, best first (mean size nearest the middle)."""
    n = inp.members
    if inp.n_groups is not None:
        return [inp.n_groups]
    lo_g = max(inp.at_least, math.ceil(n / inp.max_size))
    hi_g = n // inp.min_size
    mid = (inp.min_size + inp.max_size) / 2
    return sorted(range(lo_g, hi_g + 1), key=lambda g: (abs(n / g - mid), g))


def _usable(inp: FitInput) -> list[GroupRoom]:
    rooms = inp.rooms or ()
    return [r for r in rooms if r.free and r.capacity >= inp.min_size]


def choose_rooms(
    inp: FitInput, n_groups: int, exclude: Sequence[frozenset[str]] = ()
) -> list[GroupRoom] | None:
    """The ``n_groups`` rooms that seat everyone (and the step-free units in step-free rooms)
    with the fewest seats plus ``other_kind_cost`` per room not meant for groups; None when no
    choice does. An exact 0-1 program over the usable rooms; ``exclude`` lists room sets
    already tried (each is cut off), for the next best choice."""
    rooms = _usable(inp)
    if len(rooms) < n_groups:
        return None
    seats = np.array([_seats(r, inp.max_size) for r in rooms], dtype=float)
    sf = np.array([r.step_free for r in rooms], dtype=float)
    if np.sort(seats)[::-1][:n_groups].sum() < inp.members:
        return None
    if np.sort(seats * sf)[::-1][:n_groups].sum() < inp.step_free_people:
        return None
    n_r = len(rooms)
    cost = np.array(
        [r.capacity + (0.0 if r.preferred else inp.other_kind_cost) for r in rooms] + [0.0]
    )
    # parity: with pairs, a slot of odd seats is full only with an odd unit (single, trio);
    # y counts such slots, at most odd_units of them
    odd = seats % 2 if inp.odd_units is not None else np.zeros(n_r)
    # a slot whose even seats fall below the smallest size holds a group only with an odd unit
    needs_odd = odd * (seats - odd < inp.min_size)
    free_chairs = min(
        inp.chair_units - inp.step_free_chairs,
        (inp.members - inp.step_free_people) // inp.min_size,
    )
    # rows: G rooms; seats for everyone (parity-aware); step-free seats for the step-free units;
    # no more slots without step-free access than chairs who can sit there, nor than the people
    # who need no step-free room can fill; y <= odd slots chosen
    rows = np.vstack(
        [
            np.append(np.ones(n_r), 0.0),
            np.append(seats - odd, 1.0),
            np.append(seats * sf, 0.0),
            np.append(1.0 - sf, 0.0),
            np.append(-odd, 1.0),
            np.append(needs_odd, -1.0),
        ]
    )
    y_max = float(inp.odd_units) if inp.odd_units is not None else 0.0
    cuts = [
        LinearConstraint(
            np.append([1.0 if r.name in tried else 0.0 for r in rooms], 0.0), -np.inf, n_groups - 1
        )
        for tried in exclude
    ]
    res = milp(
        cost,
        integrality=np.append(np.ones(n_r), 0.0),
        bounds=Bounds(0, np.append(np.ones(n_r), y_max)),
        constraints=[
            LinearConstraint(
                rows,
                [n_groups, inp.members, inp.step_free_people, -np.inf, -np.inf, -np.inf],
                [n_groups, np.inf, np.inf, free_chairs, 0.0, 0.0],
            ),
            *cuts,
        ],
        options={"disp": False, "time_limit": 5.0},
    )
    if res.x is None:
        return None
    chosen = [r for r, x in zip(rooms, res.x[:n_r], strict=True) if x > 0.5]
    # step-free slots first, then by seats: the order the grouping sees is irrelevant to it,
    # but a stable one keeps runs reproducible
    return sorted(chosen, key=lambda r: (not r.step_free, -r.capacity, r.name))


def _seats_for(inp: FitInput, seats: Sequence[int]) -> int:
    """How many people slots of these seats can hold, with the parity of the units."""
    if inp.odd_units is None:
        return sum(seats)
    odd = sum(s % 2 for s in seats)
    return sum(seats) - odd + min(odd, inp.odd_units)


def _smallest_total(inp: FitInput, n_groups: int) -> int:
    """The fewest people ``n_groups`` groups hold, with the parity of the units: with pairs only,
    a group of an odd smallest size needs an odd unit or one person more."""
    if inp.odd_units is None or inp.min_size % 2 == 0:
        return n_groups * inp.min_size
    return n_groups * (inp.min_size + 1) - min(n_groups, inp.odd_units)


def _layout(inp: FitInput, n_groups: int, exclude: Sequence[frozenset[str]] = ()) -> Layout | None:
    if n_groups < 1 or _smallest_total(inp, n_groups) > inp.members:
        return None
    if n_groups > inp.chair_units:
        return None
    if inp.rooms is None:
        if exclude or inp.members > _seats_for(inp, [inp.max_size] * n_groups):
            return None
        return Layout(n_groups, (inp.max_size,) * n_groups, (True,) * n_groups)
    chosen = choose_rooms(inp, n_groups, exclude)
    if chosen is None:
        return None
    return Layout(
        n_groups,
        tuple(_seats(r, inp.max_size) for r in chosen),
        tuple(r.step_free for r in chosen),
        tuple(r.name for r in chosen),
    )


def layouts(inp: FitInput, per_count: int = 3) -> Iterator[Layout]:
    """The layouts the input allows, best first (see :func:`fit_layout`): for each group count,
    the best choice of rooms and then up to ``per_count - 1`` next best ones. Lazily, so taking
    the first costs one 0-1 program per count tried."""
    for g in candidate_counts(inp):
        tried: list[frozenset[str]] = []
        for _ in range(per_count):
            layout = _layout(inp, g, tried)
            if layout is None:
                break
            yield layout
            if not layout.rooms:
                break
            tried.append(frozenset(layout.rooms))


def fit_layout(inp: FitInput) -> Fit:
    """The layout of the afternoon (see the module docstring), or why there is none."""
    if inp.members <= 0 or inp.min_size < 1 or inp.max_size < inp.min_size:
        raise ValueError("need members > 0 and 1 <= min_size <= max_size")
    usable = _usable(inp)
    facts: dict[str, Any] = {
        "members": inp.members,
        "chairs": inp.chair_units,
        "min_size": inp.min_size,
        "max_size": inp.max_size,
        "step_free_people": inp.step_free_people,
    }
    if inp.rooms is not None:
        facts.update(
            rooms=len(usable),
            preferred_rooms=sum(1 for r in usable if r.preferred),
            step_free_rooms=sum(1 for r in usable if r.step_free),
            blocked_rooms=sum(1 for r in inp.rooms if not r.free),
            small_rooms=sum(1 for r in inp.rooms if r.free and r.capacity < inp.min_size),
        )
    counts = candidate_counts(inp)
    for g in counts:
        layout = _layout(inp, g)
        if layout is not None:
            sizes = _even_sizes(inp.members, g)
            facts.update(
                groups=g,
                smallest=min(sizes),
                largest=max(sizes),
                other_kind_rooms=sum(
                    1 for r in usable if r.name in set(layout.rooms) and not r.preferred
                ),
            )
            return Fit(layout, (), facts)
    target = counts[0] if counts else max(1, math.ceil(inp.members / inp.max_size))
    facts["groups"] = target
    return Fit(None, tuple(_reasons(inp, target, usable)), facts)


def _even_sizes(n: int, g: int) -> list[int]:
    return [n // g + (1 if k < n % g else 0) for k in range(g)]


def _suggestion(inp: FitInput, usable: Sequence[GroupRoom] | None) -> dict[str, int]:
    """The most groups the chairs and the rooms allow together, with the maximum size that
    count needs (``suggest_groups``, ``suggest_max``); empty when no count works (too few seats
    in all). Only counts the coordinator cannot already reach are suggested."""
    limit = inp.chair_units if usable is None else min(inp.chair_units, len(usable))
    for g in range(limit, 0, -1):
        size = math.ceil(inp.members / g)
        largest = max(size, inp.max_size)
        if inp.n_groups is None and size <= inp.max_size:
            continue  # a count the bounds already allow failed for another reason
        if g * inp.min_size > inp.members and inp.n_groups is None:
            continue
        if usable is not None:
            seats = sorted((min(r.capacity, largest) for r in usable), reverse=True)[:g]
            if len(seats) < g or _seats_for(inp, seats) < inp.members:
                continue
        return {"suggest_max": largest, "suggest_groups": g}
    return {}


def _reasons(inp: FitInput, g: int, usable: list[GroupRoom]) -> list[Violation]:
    """Why ``g`` groups do not fit: sizes, chairs, rooms, step-free rooms — each with numbers."""
    n = inp.members
    size = math.ceil(n / g) if g else n
    out: list[Violation] = []
    if g * inp.min_size > n or (inp.rooms is None and n > g * inp.max_size) or g < 1:
        out.append(
            Violation(
                "sizes_impossible",
                params={
                    "members": n,
                    "groups": g,
                    "min_size": inp.min_size,
                    "max_size": inp.max_size,
                    "at_least": g * inp.min_size,
                    "at_most": g * inp.max_size,
                },
            )
        )
        return out
    if g > inp.chair_units:
        out.append(
            Violation(
                "too_few_chairs",
                inp.chair_refs,
                params={
                    "groups": g,
                    "size": size,
                    "chairs": inp.chair_units,
                    "willing": len(inp.chair_refs),
                    "max_size": inp.max_size,
                    **_suggestion(inp, usable if inp.rooms is not None else None),
                },
            )
        )
    if inp.rooms is None:
        return out
    seats = sorted((_seats(r, inp.max_size) for r in usable), reverse=True)
    sf_seats = sorted((_seats(r, inp.max_size) for r in usable if r.step_free), reverse=True)
    room_params = {
        "groups": g,
        "size": min(size, inp.max_size),
        "min_size": inp.min_size,
        "max_size": inp.max_size,
        "rooms": len(usable),
        "rooms_of_size": sum(1 for r in usable if r.capacity >= min(size, inp.max_size)),
        "blocked_rooms": sum(1 for r in inp.rooms if not r.free),
        "seats": _seats_for(inp, seats[:g]),
        "members": n,
    }
    step_free = Violation(
        "too_few_step_free_rooms",
        params={
            "people": inp.step_free_people,
            "step_free_rooms": len(sf_seats),
            "seats": int(sum(sf_seats[:g])),
        },
    )
    if len(usable) < g or _seats_for(inp, seats[:g]) < n:
        out.append(Violation("too_few_rooms", params={**room_params, **_suggestion(inp, usable)}))
    elif sum(sf_seats[:g]) < inp.step_free_people:
        out.append(step_free)
    elif not out and len(sf_seats) < g - (inp.chair_units - inp.step_free_chairs):
        out.append(
            Violation(
                "chairs_need_step_free",
                params={
                    "groups": g,
                    "chairs": inp.chair_units,
                    "step_free_chairs": inp.step_free_chairs,
                    "step_free_rooms": len(sf_seats),
                },
            )
        )
    elif not out:
        # each limit alone holds, together they do not (the step-free rooms are the small ones)
        out.append(step_free)
    return out


def group_rooms(rooms: Sequence[Room], block: Block) -> list[GroupRoom]:
    """The venue's rooms as the afternoon ``block`` sees them (free or not, preferred or not)."""
    return [
        GroupRoom(
            name=r.name,
            capacity=r.capacity,
            step_free=r.step_free,
            preferred=r.preferred_for(block),
            free=r.free_in(block),
            location=r.location,
        )
        for r in rooms
    ]
