"""What the engine reports: rule violations, per-rule compliance and notes — as data, not prose.

The engine never words a finding. Each one carries a stable ``code`` (what was found), the
``rule`` it belongs to (a coordinator's rule, e.g. "capacity"), the people (``refs``), rooms and
group indices involved (groups counted from 0, as ``Group.index``) and the numbers that make the
finding concrete (``params``: JSON values only). The app turns them into sentences in the user's
language with the names the user sees (``ontmoeting.planning.wording``).

Codes and their rules are listed in :data:`RULE_OF`; a code missing there is a programming error
(:class:`Violation` refuses it), so the app's wording table can be checked against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Every violation code the engine emits -> the rule it belongs to.
RULE_OF: Mapping[str, str] = {
    # the morning pairing
    "knows": "knows",
    "language": "language",
    "accessibility": "accessibility",
    "not_taking_part": "availability",
    "unserved": "unserved",
    "students_cannot_be_served": "unserved",
    "student_paired_twice": "assignment",
    "expert_over_capacity": "capacity",
    "locked_pair_dropped": "locked_pair",
    "preference_dropped": "lock",
    "quota_domain": "quota",
    "quota_class_share": "quota",
    "step_free_places": "step_free",
    # the afternoon groups
    "no_groups": "group_count",
    "not_in_group": "assignment",
    "in_two_groups": "assignment",
    "not_participant": "assignment",
    "group_count": "group_count",
    "no_chair": "chair",
    "chair_not_member": "chair",
    "chair_unwilling": "chair",
    "too_few_chairs": "chair",
    "chairs_locked_elsewhere": "chair",
    "locked_chair_unwilling": "chair",
    "chair_locks_contradict": "chair",
    "first_time_chair": "newcomer_chair",
    "group_size": "size",
    "sizes_impossible": "size",
    "together_too_big": "size",
    "locked_group_too_big": "size",
    "blocks_cannot_pack": "size",
    "pair_split": "keep_together",
    "apart_linked": "keep_together",
    "together_apart": "apart",
    "apart_self": "apart",
    "locked_apart": "apart",
    "apart_clique": "apart",
    "lock_broken": "fixed",
    "locks_contradict": "fixed",
    "lock_dropped": "fixed",
    "uneven": "spread",
    "alone": "isolated_minority",
    "moved": "stability",
    # rooms
    "too_few_rooms": "rooms",
    "too_few_step_free_rooms": "step_free",
    "chairs_need_step_free": "step_free",
    "no_room": "rooms",
    "groups_cannot_all_have_rooms": "rooms",
    "conversation_no_room": "rooms",
    "conversation_rooms_not_found": "rooms",
    "room_overfull": "capacity",
    "room_not_step_free": "step_free",
    "room_unavailable": "rooms",
    "room_shared": "rooms",
    "plenary_too_small": "capacity",
    "plenary_not_step_free": "step_free",
    # the mixed tables of a co-creation meeting (rounds)
    "round_count": "table_rounds",
    "table_no_expert": "table_mix",
    "table_one_sector": "table_mix",
    "one_sector_only": "table_mix",
    "no_co_facilitator": "co_facilitator",
    "co_facilitator_unwilling": "co_facilitator",
    "same_organisation": "organisation",
    "met_before": "repeat_meeting",
}

#: Codes that explain *why* the input admits no complete plan (found while solving). They are
#: not re-derivable from a finished plan, so a re-check after a hand edit keeps them; every
#: other code is recomputed by :func:`ontmoeting.engine.check.check_plan`.
EXPLANATORY: frozenset[str] = frozenset(
    {
        "students_cannot_be_served",
        "locked_pair_dropped",
        "preference_dropped",
        "quota_domain",
        "quota_class_share",
        "step_free_places",
        "too_few_chairs",
        "chairs_locked_elsewhere",
        "locked_chair_unwilling",
        "chair_locks_contradict",
        "sizes_impossible",
        "together_too_big",
        "locked_group_too_big",
        "blocks_cannot_pack",
        "apart_linked",
        "apart_self",
        "locked_apart",
        "apart_clique",
        "locks_contradict",
        "lock_dropped",
        "too_few_rooms",
        "too_few_step_free_rooms",
        "chairs_need_step_free",
        "groups_cannot_all_have_rooms",
        "conversation_rooms_not_found",
    }
)

#: Soft rules that only flag a situation for the coordinator's attention (a first-time chair)
#: rather than a rule the plan failed: they are listed, but a plan with only these is complete.
FLAGS: frozenset[str] = frozenset({"newcomer_chair"})


@dataclass(frozen=True)
class Violation:
    """A broken hard rule or an unmet soft one.

    Attributes
    ----------
    code : str
        What was found (a key of :data:`RULE_OF`), e.g. ``"no_room"``.
    refs : tuple of str
        The people involved (refs of students and experts).
    hard : bool
        True for a hard rule (the plan cannot be published), False for a soft one.
    group : int or None
        The group it concerns (``Group.index``, from 0), when it concerns one group.
    params : mapping
        The numbers and names that make it concrete (JSON values: int, float, str, lists,
        dicts); which keys each code carries is listed with the code's wording in the app.
    rooms : tuple of str
        Room names involved.
    groups : tuple of int
        Further group indices involved (from 0).
    """

    code: str
    refs: tuple[str, ...] = ()
    hard: bool = True
    group: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    rooms: tuple[str, ...] = ()
    groups: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in RULE_OF:
            raise ValueError(f"unknown violation code {self.code!r}")

    @property
    def rule(self) -> str:
        """The rule this finding belongs to (for labels and compliance tables)."""
        return RULE_OF[self.code]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (the shape plans store and the CLI prints)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "hard": self.hard,
            "refs": list(self.refs),
            "group": self.group,
            "groups": list(self.groups),
            "rooms": list(self.rooms),
            "params": dict(self.params),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Violation:
        """The inverse of :meth:`to_json`."""
        return cls(
            code=str(data["code"]),
            refs=tuple(data.get("refs", ())),
            hard=bool(data.get("hard", True)),
            group=data.get("group"),
            params=dict(data.get("params", {})),
            rooms=tuple(data.get("rooms", ())),
            groups=tuple(data.get("groups", ())),
        )


@dataclass(frozen=True)
class RuleCheck:
    """The compliance of one rule for one group (or the whole plan when ``group`` is None).

    ``code`` and ``params`` say what holds or what failed, in the same vocabulary as
    :class:`Violation` (for a check that holds, ``code`` names what holds, e.g. ``"chaired_by"``).
    """

    rule: str
    ok: bool
    code: str
    group: int | None = None
    hard: bool = True
    refs: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "ok": self.ok,
            "code": self.code,
            "group": self.group,
            "hard": self.hard,
            "refs": list(self.refs),
            "params": dict(self.params),
        }


@dataclass(frozen=True)
class Note:
    """A line of the engine's explanation of what it did (``code`` with its ``params``)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}
