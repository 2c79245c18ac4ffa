"""The edition a command names by its year: one lookup and one message for every command."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO, TypedDict, cast

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import WithAnnotations

    from ontmoeting.editions.models import Edition


class TakingPart(TypedDict):
    """The counts ``editions.selectors.edition_overview`` annotates on every edition."""

    n_students: int
    n_experts: int


def edition_of_year(year: int, *, out: TextIO | None = None) -> Edition | None:
    """The encounter day of ``year``; when there is none, None, after printing so to ``out``
    (standard output unless given) with the years that have one."""
    from django.utils.translation import gettext as _

    from ontmoeting.editions.selectors import encounter_day, encounter_day_years

    edition = encounter_day(year)
    if edition is None:
        years = ", ".join(str(y) for y in encounter_day_years())
        print(
            _("There is no encounter-day edition in %(year)s (editions: %(years)s).")
            % {"year": year, "years": years or "—"},
            file=out or sys.stdout,
        )
    return edition


def editions_overview() -> QuerySet[WithAnnotations[Edition, TakingPart]]:
    """Every edition, newest first, with the students and experts taking part (one query)."""
    from ontmoeting.editions.selectors import edition_overview

    # edition_overview() is typed QuerySet[Edition], which drops the two counts it annotates.
    return cast("QuerySet[WithAnnotations[Edition, TakingPart]]", edition_overview())
