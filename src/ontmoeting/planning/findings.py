"""A saved plan's findings in the user's words, from the engine's one check (for the CLI and
the documents)."""

from __future__ import annotations

from ontmoeting.planning.checking import check_saved_plan, current_violations
from ontmoeting.planning.models import Plan
from ontmoeting.planning.naming import plan_names
from ontmoeting.planning.wording import PlanFindings, findings


def plan_findings(plan: Plan) -> PlanFindings:
    """Every violation of ``plan`` as it stands now (re-checked by the engine), as sentences in
    the active language, hard ones apart from soft ones."""
    verdict = check_saved_plan(plan)
    return findings(current_violations(plan, verdict), plan_names(plan))
