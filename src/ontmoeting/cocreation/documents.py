"""The printed documents of a co-creation meeting, through the one PDF renderer
(:mod:`ontmoeting.documents.pdf`): table cards, name badges and facilitator sheets."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ontmoeting.cocreation.models import TablePlan
from ontmoeting.cocreation.selectors import SeatView, TablePlanView, TableView, table_plan_view
from ontmoeting.documents.checkin import checkin_token
from ontmoeting.documents.pdf import Source, render_html
from ontmoeting.documents.sheets import (
    BADGES_PER_PAGE,
    FIRST_NAME_SIZES,
    LAST_NAME_SIZES,
    Badge,
    qr_data_uri,
    size_class,
)

#: The questions that guide a table's conversation, on every facilitator sheet.
GUIDING_QUESTIONS = (
    _("What do you know from your own experience that the others at this table may not know?"),
    _("When did help work well for you, or for the people you work with, and when did it not?"),
    _("What makes it hard to take experiential knowledge as seriously as professional knowledge?"),
    _("What could each of you do differently tomorrow, in your own organisation or group?"),
    _("What do we want to bring to the plenary harvest?"),
)


# ------------------------------------------------------------------ table cards


def table_cards_source(plan: TablePlan, *, language: str) -> Source:
    """One card per round and table: its number, facilitator, co-facilitator and members."""
    view = table_plan_view(plan, with_findings=False)
    return Source(
        render_html(
            "cocreation/pdf/table_cards.html",
            {"view": view, "edition": plan.edition, "title": _("Table cards")},
            language=language,
        ),
    )


def table_cards_pdf(plan: TablePlan, *, language: str) -> bytes:
    return table_cards_source(plan, language=language).pdf()


# ------------------------------------------------------------------ badges


def _badge_detail(tables: dict[int, int]) -> str:
    return " · ".join(
        str(_("Round %(round)s: table %(table)s") % {"round": r, "table": t})
        for r, t in sorted(tables.items())
    )


def meeting_badges(view: TablePlanView) -> list[list[Badge]]:
    """Badges of everyone seated, by name: the name, "expert by experience" or organisation and
    sector, and each round's table; in sheets of ``BADGES_PER_PAGE`` (the badge layout of the
    encounter day)."""
    seats: dict[int, SeatView] = {}
    tables_of: dict[int, dict[int, int]] = {}
    for r in view.rounds:
        for t in r.tables:
            for s in t.everyone:
                seats.setdefault(s.participant.pk, s)
                tables_of.setdefault(s.participant.pk, {})[r.number] = t.number
    people = sorted(
        seats.values(),
        key=lambda s: (
            s.participant.person.last_name.lower(),
            s.participant.person.first_name.lower(),
            s.participant.pk,
        ),
    )
    items = []
    for index, seat in enumerate(people):
        person = seat.participant.person
        items.append(
            Badge(
                participant=seat.participant,
                first_name=person.first_name,
                last_name=person.last_name,
                first_size=size_class(person.first_name, FIRST_NAME_SIZES),
                last_size=size_class(person.last_name, LAST_NAME_SIZES),
                role=seat.background,
                detail=_badge_detail(tables_of[seat.participant.pk]),
                qr=qr_data_uri(checkin_token(seat.participant)),
                position=index % BADGES_PER_PAGE,
            )
        )
    return [items[i : i + BADGES_PER_PAGE] for i in range(0, len(items), BADGES_PER_PAGE)]


def meeting_badges_source(plan: TablePlan, *, language: str) -> Source:
    view = table_plan_view(plan, with_findings=False)
    return Source(
        render_html(
            "documents/pdf/badges.html",
            {"sheets": meeting_badges(view), "edition": plan.edition, "title": _("Name badges")},
            language=language,
        ),
        ("badges.css",),
    )


def meeting_badges_pdf(plan: TablePlan, *, language: str) -> bytes:
    """A4 sheets of eight name badges, as for the encounter day, with each round's table."""
    return meeting_badges_source(plan, language=language).pdf()


# ------------------------------------------------------------------ facilitator sheets


@dataclass(frozen=True)
class FacilitatorSheet:
    facilitator: SeatView
    tables: tuple[TableView, ...]  # the tables they facilitate, by round


def facilitator_sheets(view: TablePlanView) -> list[FacilitatorSheet]:
    """Per facilitator, by name: their table in each round they facilitate, with its people."""
    found: dict[int, tuple[SeatView, list[TableView]]] = {}
    for r in view.rounds:
        for t in r.tables:
            if t.facilitator is not None:
                pk = t.facilitator.participant.pk
                found.setdefault(pk, (t.facilitator, []))[1].append(t)
    return sorted(
        (FacilitatorSheet(f, tuple(ts)) for f, ts in found.values()),
        key=lambda s: s.facilitator.name.lower(),
    )


def facilitator_sheets_source(plan: TablePlan, *, language: str) -> Source:
    view = table_plan_view(plan, with_findings=False)
    return Source(
        render_html(
            "cocreation/pdf/facilitator_sheets.html",
            {
                "sheets": facilitator_sheets(view),
                "questions": GUIDING_QUESTIONS,
                "edition": plan.edition,
                "title": _("Facilitator sheets"),
            },
            language=language,
        ),
    )


def facilitator_sheets_pdf(plan: TablePlan, *, language: str) -> bytes:
    """One A4 page per facilitator: their tables per round, the members, the questions."""
    return facilitator_sheets_source(plan, language=language).pdf()


#: Document kind (URL and CLI word) -> (file stem, PDF maker).
DOCUMENTS = {
    "table-cards": ("tafelkaarten", table_cards_pdf),
    "badges": ("badges", meeting_badges_pdf),
    "facilitator-sheets": ("gespreksleiders", facilitator_sheets_pdf),
}
