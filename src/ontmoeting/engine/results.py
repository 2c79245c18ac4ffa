"""Shared result and rule-compliance types for the planning engine.

Every solver in :mod:`ontmoeting.engine` reports hard and soft rule outcomes with these two
types, so the app can translate them (``rule`` is a stable code, ``refs`` the people or rooms
involved) and logs/CLI can show ``message`` directly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """A broken (or unmet soft) rule.

    Attributes
    ----------
    rule : str
        Stable code: "knows", "language", "availability", "accessibility", "chair", "size",
        "keep_together", "apart", "spread", "isolated_minority", "capacity", "step_free",
        "unserved", ...
    refs : tuple of str
        The people (or rooms) involved.
    message : str
        English explanation for logs/CLI.
    hard : bool
        True for a hard rule (the plan is invalid), False for a soft preference.
    group : int or None
        Group index when it concerns a group.
    """

    rule: str
    refs: tuple[str, ...]
    message: str
    hard: bool = True
    group: int | None = None


@dataclass(frozen=True)
class RuleCheck:
    """The compliance of one rule (for one group when ``group`` is set)."""

    rule: str
    ok: bool
    detail: str
    group: int | None = None
    hard: bool = True


#: Soft rules that only flag a situation for the coordinator's attention (a first-time chair)
#: rather than a rule the plan failed: they are listed, but a plan with only these is complete.
FLAGS: frozenset[str] = frozenset({"newcomer_chair"})
