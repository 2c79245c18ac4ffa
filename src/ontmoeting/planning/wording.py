"""The broken rules of a plan worded for people, in the active language.

TEMPORARY stand-in, built from the stored ``plan.violations``: the real module (the engine's own
rule check, worded with the names the user sees) replaces this file. Callers use only
``plan_findings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ontmoeting.planning.models import Plan
from ontmoeting.planning.selectors import rule_label


@dataclass(frozen=True)
class PlanFindings:
    """One sentence per broken hard rule and per unmet soft rule."""

    hard: list[str]
    soft: list[str]


def plan_findings(plan: Plan) -> PlanFindings:
    """The violations of ``plan`` as sentences in the active language, hard and soft apart."""
    hard: list[str] = []
    soft: list[str] = []
    for violation in plan.violations:
        values = {
            "rule": rule_label(violation["rule"]),
            "refs": ", ".join(violation.get("refs") or []) or "—",
            "group": (violation.get("group") or 0) + 1,
        }
        if violation.get("group") is None:
            sentence = _("%(rule)s: %(refs)s") % values
        else:
            sentence = _("%(rule)s in group %(group)s: %(refs)s") % values
        (hard if violation.get("hard") else soft).append(sentence)
    return PlanFindings(hard=hard, soft=soft)
