"""The planning engine: pure Python + numpy/scipy, no Django.

Public API: the input types (:mod:`.model`), the morning pairing, rooms, repair and the whole
plan. The afternoon grouping lives in :mod:`.grouping`.
"""

# First, before any kernel module: numba's cache goes under var/, not into src/ (see _cache).
from ontmoeting.engine._cache import NUMBA_CACHE_DIR as NUMBA_CACHE_DIR
from ontmoeting.engine.check import PlanCheck, PlanLayout, check_plan
from ontmoeting.engine.model import (
    Block,
    Expert,
    PairingWeights,
    PlanSettings,
    Quotas,
    Room,
    Student,
)
from ontmoeting.engine.pairing import Pair, PairingResult, PairingWitness, solve_pairing
from ontmoeting.engine.plan import PlanLocks, PlanResult, make_plan, plan_to_json
from ontmoeting.engine.repair import Change, RepairResult, repair_plan
from ontmoeting.engine.results import Note, RuleCheck, Violation
from ontmoeting.engine.rooms import RoomAssignment, assign_rooms

__all__ = [
    "Block",
    "Change",
    "Expert",
    "Note",
    "Pair",
    "PairingResult",
    "PairingWeights",
    "PairingWitness",
    "PlanCheck",
    "PlanLayout",
    "PlanLocks",
    "PlanResult",
    "PlanSettings",
    "Quotas",
    "RepairResult",
    "Room",
    "RoomAssignment",
    "RuleCheck",
    "Student",
    "Violation",
    "assign_rooms",
    "check_plan",
    "make_plan",
    "plan_to_json",
    "repair_plan",
    "solve_pairing",
]
