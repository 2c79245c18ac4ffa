"""What the plan page shows of a plan: a search by name or ref, "only problems", a compact view.

The filter reads the query string (so it works without JavaScript and survives an edit) and
narrows the rows of :class:`ontmoeting.planning.selectors.PlanPage`; the findings themselves
stay the engine's (the stored violations and rule checks), never judged again here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict

from ontmoeting.editions.models import Participant
from ontmoeting.planning.inputs import engine_ref
from ontmoeting.planning.models import Plan
from ontmoeting.planning.selectors import GroupRow, PairRow, PlanPage

#: The longest search kept (a name or a ref; longer input is cut).
MAX_QUERY = 80


@dataclass(frozen=True)
class PlanFilter:
    """The coordinator's view of the plan page: ``q`` (name or ref), ``problems``, ``compact``."""

    q: str = ""
    problems: bool = False
    compact: bool = False

    @property
    def active(self) -> bool:
        """True when rows may be left out (a search or "only problems")."""
        return bool(self.q or self.problems)

    def query(self, extra: dict[str, str] | None = None) -> str:
        """The filter as a query string ("" for the full page), to come back to after an edit;
        ``extra`` adds parameters (e.g. the group to open)."""
        params = {
            **(extra or {}),
            "q": self.q,
            "problems": "1" if self.problems else "",
            "compact": "1" if self.compact else "",
        }
        kept = {k: v for k, v in params.items() if v}
        return "?" + urlencode(kept) if kept else ""


def read_filter(data: QueryDict) -> PlanFilter:
    """The filter in ``data`` (a GET query string, or the ``filter`` field an edit posts back)."""
    return PlanFilter(
        q=" ".join(str(data.get("q", "")).split())[:MAX_QUERY],
        problems=data.get("problems") == "1",
        compact=data.get("compact") == "1",
    )


def _matches(who: Participant | None, q: str) -> bool:
    if who is None:
        return False
    needle = q.casefold()
    return needle in who.person.full_name.casefold() or needle in engine_ref(who).casefold()


@dataclass
class FilteredPage:
    """The rows the filter keeps; ``flagged_*`` mark rows with a finding (also when shown)."""

    pairs: list[PairRow]
    groups: list[GroupRow]
    flagged_students: set[int] = field(default_factory=set)
    flagged_groups: set[int] = field(default_factory=set)
    matched_people: set[int] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)


def _person_findings(plan: Plan) -> set[str]:
    """Refs named by a stored violation that concerns no group (a pair's or a person's)."""
    refs: set[str] = set(plan.unpaired)
    for v in plan.violations:
        if v.get("group") is None and not v.get("groups"):
            refs.update(str(r) for r in v.get("refs", ()))
    return refs


def _group_findings(plan: Plan, page: PlanPage) -> set[int]:
    """Numbers of the groups with a stored violation or a rule check that does not hold."""
    numbers = {g.group.number for g in page.groups if any(not c.ok for c in g.checks)}
    for v in plan.violations:
        indices: list[Any] = [v.get("group"), *v.get("groups", ())]
        numbers.update(int(i) + 1 for i in indices if isinstance(i, int))
    return numbers


def filter_page(plan: Plan, page: PlanPage, wanted: PlanFilter) -> FilteredPage:
    """The pairs and groups of ``page`` that ``wanted`` keeps, and which of them have findings."""
    refs = _person_findings(plan)
    flagged_students = {
        row.student.pk
        for row in page.pairs
        if engine_ref(row.student) in refs or engine_ref(row.expert) in refs
    }
    flagged_groups = _group_findings(plan, page)
    matched = {
        who.pk for who in [*page.students, *page.people] if wanted.q and _matches(who, wanted.q)
    }
    pairs = [
        row
        for row in page.pairs
        if (not wanted.problems or row.student.pk in flagged_students)
        and (not wanted.q or row.student.pk in matched or row.expert.pk in matched)
    ]
    groups = [
        g
        for g in page.groups
        if (not wanted.problems or g.group.number in flagged_groups)
        and (
            not wanted.q
            or wanted.q.casefold() == g.group.name.casefold()
            or any(m.participant.pk in matched for m in g.members)
        )
    ]
    return FilteredPage(
        pairs=pairs,
        groups=groups,
        flagged_students=flagged_students,
        flagged_groups=flagged_groups,
        matched_people=matched,
        counts={
            "pairs": len(page.pairs),
            "groups": len(page.groups),
            "pairs_shown": len(pairs),
            "groups_shown": len(groups),
        },
    )
