"""One change of a repaired plan (kept apart so the morning and the afternoon repair share it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One change to the published plan.

    ``kind``: "repair_pair" (a student gets another expert), "unserved" (a student keeps no
    expert), "expert_free" (an expert lost their student), "remove" (an absent person leaves a
    group), "new_chair", "move" (a person changes group), "room" (a conversation changes room),
    "group_room" (a group that grew moves to a room that fits; ``ref`` is the group index).
    ``before``/``after`` are refs (expert, chair), group indices or room names as strings.
    ``reason`` is a code: "no_expert_left", "partner_gone", "not_paired", "moved_to_serve",
    "absent", "not_taking_part", "to_chair", "chair_absent", "keep_pair", "not_in_group",
    "regrouped", "room_for_repair".
    """

    kind: str
    ref: str
    before: str | None
    after: str | None
    reason: str
