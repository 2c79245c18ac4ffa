"""Who is who: duplicate refs and people, refs of the other side, e-mail matches, knows refs.

Each row goes through the checks of ``ROW_CHECKS`` in order; the first that finds a problem
reports it and the row's remaining checks are skipped (as a row with a duplicate ref is not
matched to anyone). A check may match the row to a participant or a person, or remember the
row's e-mail address and person, so that a later row can be found to repeat them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.context import ROLE_OF_KIND, Context, RowData
from ontmoeting.editions.roster.identity import People
from ontmoeting.editions.roster.readers import Table
from ontmoeting.editions.roster.report import ImportReport, ProbableMatch
from ontmoeting.editions.roster.values import cell_text
from ontmoeting.people.models import Person

#: Not in the coordinator's decisions (None there means "a new person").
_UNDECIDED = object()

#: A problem of one row: the column's title, the value in it, and the reason.
Problem = tuple[str, str, str]


@dataclass
class Matching:
    """What the checks share: the context, the column titles, and the first row of each ref
    (every row of the file, even rows with other errors), e-mail address and person."""

    context: Context
    role: str
    ref_title: str
    email_title: str
    first_row_of_ref: dict[str, int]
    first_row_of_email: dict[str, int] = field(default_factory=dict)
    first_row_of_person: dict[int, int] = field(default_factory=dict)


def _title(table: Table, positions: dict[str, int], key: str) -> str:
    return table.header[positions[key]] if key in positions else key


def _first_row_of_ref(table: Table, positions: dict[str, int]) -> dict[str, int]:
    first: dict[str, int] = {}
    for number, cells in table.rows:
        if "ref" in positions and positions["ref"] < len(cells):
            first.setdefault(cell_text(cells[positions["ref"]]), number)
    return first


def _duplicate_ref(row: RowData, m: Matching) -> Problem | None:
    first = m.first_row_of_ref[row.ref]
    if first == row.row:
        return None
    return m.ref_title, row.ref, _("duplicate ref: also in row %(row)s") % {"row": first}


def _ref_of_other_role(row: RowData, m: Matching) -> Problem | None:
    existing = m.context.participants_by_ref.get(row.ref)
    if existing is None or existing.role == m.role:
        return None
    return (
        m.ref_title,
        row.ref,
        _("this ref already belongs to %(name)s (%(role)s) in this edition")
        % {"name": existing.person.full_name, "role": existing.get_role_display()},
    )


def _match_person(row: RowData, m: Matching) -> Problem | None:
    """Match the row by its ref, else by its e-mail address, else by phone or name (identity.py):
    a certain match is taken, a probable one waits for the coordinator's decision."""
    existing = m.context.participants_by_ref.get(row.ref)
    if existing is not None:
        row.participant, row.person = existing, existing.person
        return None
    email = row.values.get("email", "").lower()
    if email and email in m.context.persons_by_email:
        row.person, row.matched_by = m.context.persons_by_email[email], str(_("the e-mail address"))
        return _already_taking_part(row, m, m.email_title, row.values["email"])
    return _match_by_phone_or_name(row, m)


def _already_taking_part(row: RowData, m: Matching, title: str, value: str) -> Problem | None:
    assert row.person is not None
    other = m.context.participants_by_person.get(row.person.pk)
    if other is None:
        return None
    return (
        title,
        value,
        _(
            "this is %(name)s (recognised by %(how)s), who already takes part in this edition as %(ref)s"
        )
        % {"name": other.person.full_name, "how": row.matched_by, "ref": other.ref or "—"},
    )


def _match_by_phone_or_name(row: RowData, m: Matching) -> Problem | None:
    candidates = m.context.people.candidates(row.values, exclude=set())
    decided = m.context.decisions.get(row.row, _UNDECIDED)
    if decided is None:
        return None  # the coordinator said: someone else, a new person
    if decided is not _UNDECIDED:
        chosen = next((c for c in candidates if c.person_id == decided), None)
        if chosen is None:
            return m.ref_title, row.ref, _("the person chosen for this row is not a possible match")
        row.person, row.matched_by = Person(pk=chosen.person_id), str(_("your decision"))
        return _already_taking_part(row, m, m.ref_title, row.ref)
    in_edition = set(m.context.participants_by_person)
    if candidates and candidates[0].certain:
        row.person, row.matched_by = Person(pk=candidates[0].person_id), candidates[0].how
        return _already_taking_part(row, m, m.ref_title, row.ref)
    row.candidates = [c for c in candidates if c.person_id not in in_edition]
    return None


def _duplicate_email(row: RowData, m: Matching) -> Problem | None:
    email = row.values.get("email", "").lower()
    if not email:
        return None
    if email in m.first_row_of_email:
        return (
            m.email_title,
            row.values["email"],
            _("the same e-mail address is in row %(row)s; one address is one person")
            % {"row": m.first_row_of_email[email]},
        )
    m.first_row_of_email[email] = row.row
    return None


def _duplicate_person(row: RowData, m: Matching) -> Problem | None:
    if row.person is None:
        return None
    if row.person.pk in m.first_row_of_person:
        return (
            m.ref_title,
            row.ref,
            _("the same person is in row %(row)s") % {"row": m.first_row_of_person[row.person.pk]},
        )
    m.first_row_of_person[row.person.pk] = row.row
    return None


#: The checks of one row, in order; the first problem ends the row's checks.
ROW_CHECKS: tuple[Callable[[RowData, Matching], Problem | None], ...] = (
    _duplicate_ref,
    _ref_of_other_role,
    _match_person,
    _duplicate_email,
    _duplicate_person,
)


def _check_knows(
    rows: list[RowData], m: Matching, *, knows_title: str, report: ImportReport
) -> None:
    """Every ``knows`` ref names someone else, in this edition or in this file."""
    for row in rows:
        for ref in row.knows:
            if ref == row.ref:
                report.error(row.row, knows_title, ref, _("a person cannot know themselves"))
            elif ref not in m.context.participants_by_ref and ref not in m.first_row_of_ref:
                report.error(
                    row.row,
                    knows_title,
                    ref,
                    _(
                        "unknown ref: nobody in this edition or in this file has it (import the "
                        "experts first, then the students)"
                    ),
                )


def match_rows(
    rows: list[RowData],
    table: Table,
    positions: dict[str, int],
    context: Context,
    report: ImportReport,
) -> None:
    """Duplicate refs and people, refs used by the other side, and ``knows`` refs that exist."""
    context.load_persons_by_email({r.values["email"].lower() for r in rows if "email" in r.values})
    context.people = People.load()
    matching = Matching(
        context=context,
        role=ROLE_OF_KIND[context.kind],
        ref_title=_title(table, positions, "ref"),
        email_title=_title(table, positions, "email"),
        first_row_of_ref=_first_row_of_ref(table, positions),
    )
    for row in rows:
        for check in ROW_CHECKS:
            problem = check(row, matching)
            if problem is not None:
                report.error(row.row, *problem)
                break
    _check_knows(rows, matching, knows_title=_title(table, positions, "knows"), report=report)
    _load_matched_people(rows)
    report.matches.extend(
        ProbableMatch(row.row, row.ref, _row_name(row), tuple(row.candidates))
        for row in rows
        if row.candidates
    )


def _row_name(row: RowData) -> str:
    return f"{row.values.get('first_name', '')} {row.values.get('last_name', '')}".strip()


def _load_matched_people(rows: list[RowData]) -> None:
    """Rows matched by phone, name or decision hold a bare ``Person(pk=…)``: load them all."""
    bare = [row for row in rows if row.person is not None and row.person._state.adding]
    loaded = Person.objects.in_bulk([row.person.pk for row in bare if row.person is not None])
    for row in bare:
        assert row.person is not None
        row.person = loaded[row.person.pk]
