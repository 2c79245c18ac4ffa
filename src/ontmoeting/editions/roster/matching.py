"""Who is who: duplicate refs and people, refs of the other side, e-mail matches, knows refs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ontmoeting.editions.roster.context import ROLE_OF_KIND, Context, RowData
from ontmoeting.editions.roster.readers import Table
from ontmoeting.editions.roster.report import ImportReport
from ontmoeting.editions.roster.values import cell_text


def match_rows(
    rows: list[RowData],
    table: Table,
    positions: dict[str, int],
    context: Context,
    report: ImportReport,
) -> None:
    """Duplicate refs and people, refs used by the other side, and ``knows`` refs that exist."""
    ref_title = table.header[positions["ref"]] if "ref" in positions else "ref"
    email_title = table.header[positions["email"]] if "email" in positions else "email"
    role = ROLE_OF_KIND[context.kind]
    context.load_persons_by_email({r.values["email"].lower() for r in rows if "email" in r.values})
    # Refs of every row of the file (even rows with other errors): knows refs may name them.
    first_row_of_ref: dict[str, int] = {}
    for number, cells in table.rows:
        if "ref" in positions and positions["ref"] < len(cells):
            first_row_of_ref.setdefault(cell_text(cells[positions["ref"]]), number)
    first_row_of_person: dict[int, int] = {}
    first_row_of_email: dict[str, int] = {}
    for row in rows:
        if first_row_of_ref[row.ref] != row.row:
            report.error(
                row.row,
                ref_title,
                row.ref,
                _("duplicate ref: also in row %(row)s") % {"row": first_row_of_ref[row.ref]},
            )
            continue
        existing = context.participants_by_ref.get(row.ref)
        if existing is not None and existing.role != role:
            report.error(
                row.row,
                ref_title,
                row.ref,
                _("this ref already belongs to %(name)s (%(role)s) in this edition")
                % {"name": existing.person.full_name, "role": existing.get_role_display()},
            )
            continue
        email = row.values.get("email", "").lower()
        if existing is not None:
            row.participant, row.person = existing, existing.person
        elif email and email in context.persons_by_email:
            row.person, row.matched_by_email = context.persons_by_email[email], True
            other = context.participants_by_person.get(row.person.pk)
            if other is not None:
                report.error(
                    row.row,
                    email_title,
                    row.values["email"],
                    _(
                        "this e-mail address belongs to %(name)s, who already takes part in this "
                        "edition as %(ref)s"
                    )
                    % {"name": other.person.full_name, "ref": other.ref or "—"},
                )
                continue
        if email:
            if email in first_row_of_email:
                report.error(
                    row.row,
                    email_title,
                    row.values["email"],
                    _("the same e-mail address is in row %(row)s; one address is one person")
                    % {"row": first_row_of_email[email]},
                )
                continue
            first_row_of_email[email] = row.row
        if row.person is not None and row.person.pk in first_row_of_person:
            report.error(
                row.row,
                ref_title,
                row.ref,
                _("the same person is in row %(row)s")
                % {"row": first_row_of_person[row.person.pk]},
            )
            continue
        if row.person is not None:
            first_row_of_person[row.person.pk] = row.row
    knows_title = table.header[positions["knows"]] if "knows" in positions else "knows"
    for row in rows:
        for ref in row.knows:
            if ref == row.ref:
                report.error(row.row, knows_title, ref, _("a person cannot know themselves"))
            elif ref not in context.participants_by_ref and ref not in first_row_of_ref:
                report.error(
                    row.row,
                    knows_title,
                    ref,
                    _(
                        "unknown ref: nobody in this edition or in this file has it (import the "
                        "experts first, then the students)"
                    ),
                )
