"""Plain input types of the planning engine: people, rooms and the settings of a plan.

Everything here is a frozen dataclass without behaviour beyond validation, so the app can build
them from its models and the engine can be tested without a database. Every weight is documented;
the app shows them as coordinator settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ontmoeting.engine.grouping import GroupingWeights

#: Needs a room has to meet (a pair or group with this need goes to a room that has it).
ROOM_NEEDS: frozenset[str] = frozenset({"step_free"})

#: Needs the *partner* has to meet: need -> language the partner must speak. Any need written
#: ``"language:<code>"`` works the same way (the partner must speak ``<code>``).
PARTNER_NEEDS: Mapping[str, str] = {"sign_language": "sign_language"}


def partner_language_for(need: str) -> str | None:
    """The language a partner must speak to meet ``need``, or None when the need is not about
    the partner (e.g. ``"step_free"``, which the room meets)."""
    if need in PARTNER_NEEDS:
        return PARTNER_NEEDS[need]
    if need.startswith("language:"):
        return need.split(":", 1)[1]
    return None


@dataclass(frozen=True)
class Student:
    """A first-year student.

    Attributes
    ----------
    ref : str
        Stable identifier (unique among students and experts).
    languages : frozenset of str
        Languages the student can hold a two-hour conversation in (e.g. ``{"nl", "en"}``).
    interests : tuple of str
        Ranked experience-domain codes, best first (may be empty: "no preference").
    class_group : str
        The student's class group (seminar group), used to spread domains.
    gender : str
        Free code, only used to spread the afternoon groups.
    needs : frozenset of str
        Accessibility needs: ``"step_free"`` (room), ``"sign_language"`` / ``"language:<x>"``
        (partner must speak it).
    knows : frozenset of str
        Refs of people this student must never be paired or grouped with.
    available : bool
        False when the student does not take part (absent).
    """

    ref: str
    languages: frozenset[str] = frozenset({"nl"})
    interests: tuple[str, ...] = ()
    class_group: str = ""
    gender: str = ""
    needs: frozenset[str] = frozenset()
    knows: frozenset[str] = frozenset()
    available: bool = True


@dataclass(frozen=True)
class Expert:
    """An expert by experience (volunteer from a self-help group).

    Attributes
    ----------
    ref, languages, needs, knows, available
        As for :class:`Student`.
    domains : frozenset of str
        Experience domains (e.g. ``{"addiction", "mental_health"}``).
    can_chair : bool
        Willing to chair an afternoon group.
    chaired_before : bool
        Chaired a group in an earlier edition.
    veteran : bool
        Took part in an earlier edition (else a newcomer).
    eligible : bool
        Meets the recruitment rule (self-help group member for at least one year on the day).
    max_students : int or None
        Most students this expert accepts in the morning; None = the plan's default
        (:attr:`PairingWeights.max_per_expert`). 1 = never a trio.
    """

    ref: str
    languages: frozenset[str] = frozenset({"nl"})
    domains: frozenset[str] = frozenset()
    can_chair: bool = False
    chaired_before: bool = False
    veteran: bool = False
    eligible: bool = True
    available: bool = True
    needs: frozenset[str] = frozenset()
    knows: frozenset[str] = frozenset()
    max_students: int | None = None


Person = Student | Expert


#: The kinds of programme block the engine gives rooms to. ``one_to_one``: the morning
#: conversations (rooms shared by pairs); ``groups``: the afternoon groups (one group per room);
#: ``welcome``, ``lunch``, ``closing``: everyone together.
BLOCK_KINDS: tuple[str, ...] = ("welcome", "one_to_one", "lunch", "groups", "closing")
PLENARY_KINDS: frozenset[str] = frozenset({"welcome", "lunch", "closing"})

#: Room kinds a block prefers; any other room free in that block may still be used, at a cost.
PREFERRED_ROOM_KINDS: Mapping[str, frozenset[str]] = {
    "one_to_one": frozenset({"conversation", "any"}),
    "groups": frozenset({"group", "any"}),
    "welcome": frozenset({"plenary", "any"}),
    "closing": frozenset({"plenary", "any"}),
    "lunch": frozenset({"lunch", "plenary", "any"}),
}

RoomKind = Literal["conversation", "group", "plenary", "lunch", "any"]


@dataclass(frozen=True)
class Block:
    """A block of the programme that needs rooms.

    ``key`` identifies it (unique in a plan; the app uses its own id), ``kind`` is one of
    :data:`BLOCK_KINDS`.
    """

    key: str
    kind: str


#: The seed's day: welcome, one-to-one conversations, lunch, groups, closing.
DEFAULT_BLOCKS: tuple[Block, ...] = tuple(Block(k, k) for k in BLOCK_KINDS)


@dataclass(frozen=True)
class Room:
    """A room of the venue: a resource in every block of the day in which it is free.

    Attributes
    ----------
    name : str
        Unique name (e.g. ``"B.1.12"``).
    capacity : int
        Seats (hard: never more people than seats).
    step_free : bool
        Reachable without steps (hard for anyone who needs it).
    kind : {"conversation", "group", "plenary", "lunch", "any"}
        What the room is meant for: a *preference*. A block uses the rooms of its preferred
        kinds (:data:`PREFERRED_ROOM_KINDS`) first and other free rooms at a cost; it never
        excludes a free room because of its kind.
    location : tuple of float
        Planar coordinates in metres, used for walking distance (Euclidean).
    unavailable : frozenset of str
        Keys of the blocks (:attr:`Block.key`) in which the room may not be used: taken by a
        lecture, or marked by the coordinator as "not for groups".
    """

    name: str
    capacity: int
    step_free: bool = True
    kind: RoomKind = "any"
    location: tuple[float, float] = (0.0, 0.0)
    unavailable: frozenset[str] = frozenset()

    def free_in(self, block: Block) -> bool:
        """True when the room may be used in ``block``."""
        return block.key not in self.unavailable

    def preferred_for(self, block: Block) -> bool:
        """True when the room's kind is one ``block`` prefers."""
        return self.kind in PREFERRED_ROOM_KINDS.get(block.kind, frozenset({"any"}))


@dataclass(frozen=True)
class PairingWeights:
    """Weights of the morning pairing objective (a score to maximise, per pair unless noted).

    Attributes
    ----------
    interest_ranks : tuple of float
        Score when the expert has the student's interest of rank 1, 2, ... (the best-ranked
        match counts). Ranks beyond the tuple score nothing. Default (10, 6, 3, 1).
    no_preference_veteran : float
        Score for giving a student who ranked no interest a veteran (experienced) expert: a
        student with no question meets someone used to telling their story. Default 2.
    domain_spread : float
        Penalty for domain concentration within a class group, so each class group meets a
        variety of domains: ``domain_spread * sum over (class, domain) of n*(n-1)/2 / size``
        where ``n`` = students of the class paired with an expert of the domain. It couples
        pairs; solved by iterated linearisation (exact only when 0). Default 1.
    experience_spread : float
        The same penalty for the veteran/newcomer mix of the experts a class group meets.
        Default 0.5.
    trio_penalty : float
        Reported cost of each second (third, ...) student of an expert. Trios are minimised
        lexicographically (fewest trios first, then the score), so this weight only shows in the
        objective parts. Default 1.
    max_per_expert : int
        Default most students per expert when experts are short (2 = trios). Default 2.
    allow_trios : bool
        Allow an expert to take a second student (when experts are short or no plan without
        trios exists). Default True.
    spread_iterations : int
        Rounds of the linearisation of the spread penalties. Default 6.
    """

    interest_ranks: tuple[float, ...] = (10.0, 6.0, 3.0, 1.0)
    no_preference_veteran: float = 2.0
    domain_spread: float = 1.0
    experience_spread: float = 0.5
    trio_penalty: float = 1.0
    max_per_expert: int = 2
    allow_trios: bool = True
    spread_iterations: int = 6


@dataclass(frozen=True)
class Quotas:
    """Optional hard quotas on the pairing; any set quota turns the pairing into a MILP.

    Attributes
    ----------
    min_per_domain : mapping of str to int
        Domain -> at least this many students meet an expert of that domain.
    max_class_domain_share : float or None
        No class group has more than this share (0..1) of its students with an expert of one
        domain (the count is rounded up: ``ceil(share * size)``).
    """

    min_per_domain: Mapping[str, int] = field(default_factory=dict)
    max_class_domain_share: float | None = None

    @property
    def active(self) -> bool:
        """True when any quota is set."""
        return bool(self.min_per_domain) or self.max_class_domain_share is not None


@dataclass(frozen=True)
class PlanSettings:
    """Settings of a whole plan (pairing, groups, rooms).

    Attributes
    ----------
    pair_policy : {"keep", "split"}
        Afternoon: keep morning pairs in the same group, or put them in different groups.
    group_min_size, group_max_size : int
        Bounds on an afternoon group's size, chair included.
    n_groups : int or None
        Number of groups; None = chosen from the bounds, the willing chairs and the rooms free
        in the afternoon (the count whose mean size is nearest the middle of the bounds among
        those where every group can get a chair and a room).
    pairing : PairingWeights
        Weights of the morning pairing.
    quotas : Quotas
        Optional hard quotas of the pairing.
    grouping_weights : GroupingWeights or None
        Weights of the afternoon grouping (None = the grouping's defaults).
    walking : float
        Rooms: weight of walking (metres between a pair's morning room and its members'
        afternoon rooms) against wasted seats (weight 1 per seat). Default 0.05.
    other_kind_cost : float
        Rooms: cost, in wasted seats, of using a room for a block it is not meant for (a
        conversation room for a group, say). Default 4.
    time_limit : float
        Seconds for the whole plan.
    seed : int
        Seed of every randomised step.
    """

    pair_policy: Literal["keep", "split"] = "keep"
    group_min_size: int = 6
    group_max_size: int = 10
    n_groups: int | None = None
    pairing: PairingWeights = PairingWeights()
    quotas: Quotas = Quotas()
    grouping_weights: GroupingWeights | None = None
    walking: float = 0.05
    other_kind_cost: float = 4.0
    time_limit: float = 10.0
    seed: int = 0


DEFAULT_PAIRING_WEIGHTS = PairingWeights()
NO_QUOTAS = Quotas()
DEFAULT_PLAN_SETTINGS = PlanSettings()
