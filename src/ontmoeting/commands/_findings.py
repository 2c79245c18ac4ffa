"""Print the broken rules of a plan: a heading with the count, then one line per rule."""

from __future__ import annotations

from typing import Any


def print_findings(findings: Any, *, soft: bool = True) -> None:
    """Print ``findings`` (a ``planning.wording.PlanFindings``): hard rules first, then soft."""
    from django.utils.translation import gettext as _

    if findings.hard:
        print(_("Hard rules broken (%(n)d):") % {"n": len(findings.hard)})
        for line in findings.hard:
            print(f"  - {line}")
    if soft and findings.soft:
        print(_("To note (%(n)d):") % {"n": len(findings.soft)})
        for line in findings.soft:
            print(f"  - {line}")
