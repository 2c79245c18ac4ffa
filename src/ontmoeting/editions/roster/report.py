"""What a roster import found and did: errors, warnings and one change per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ontmoeting.editions.roster.identity import Candidate
from ontmoeting.editions.roster.words import fold

Action = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class RowIssue:
    """One problem, located as the spreadsheet shows it (the header is row 1).

    ``row`` is None for a problem with the whole file or a whole column; ``column`` is the header
    as written in the file (or the expected name of a missing column); ``value`` is the cell text.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    #: For a word the column's vocabulary does not know: the column key, the word, the
    #: vocabulary and the code it resembles. The preview offers to map such a word once.
    key: str | None = None
    unknown: str | None = None
    field: str | None = None
    suggestion: str | None = None

    @property
    def cause(self) -> tuple[str | None, str | None, str]:
        """Issues with the same cause are one line of the grouped report."""
        return (self.column, self.unknown or self.value, self.reason)

    def __str__(self) -> str:
        parts = {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }
        if self.row is not None and self.column is not None and self.value is not None:
            return (
                _('%(file)s, row %(row)s, column "%(column)s", value "%(value)s": %(reason)s')
                % parts
            )
        if self.row is not None and self.column is not None:
            return _('%(file)s, row %(row)s, column "%(column)s": %(reason)s') % parts
        if self.row is not None:
            return _("%(file)s, row %(row)s: %(reason)s") % parts
        if self.column is not None:
            return _('%(file)s, column "%(column)s": %(reason)s') % parts
        return _("%(file)s: %(reason)s") % parts


@dataclass(frozen=True)
class RowChange:
    """What the import did (or would do) with one row."""

    row: int
    ref: str
    action: Action
    fields: tuple[str, ...] = ()
    note: str = ""
    #: A row new in this edition for a person known from earlier years (their history joins).
    known: bool = False

    def __str__(self) -> str:
        parts = {"row": self.row, "ref": self.ref, "fields": ", ".join(self.fields)}
        if self.action == "created":
            text = _("row %(row)s, %(ref)s: created") % parts
        elif self.action == "updated":
            text = _("row %(row)s, %(ref)s: updated (%(fields)s)") % parts
        else:
            text = _("row %(row)s, %(ref)s: unchanged") % parts
        return f"{text} — {self.note}" if self.note else text


@dataclass(frozen=True)
class IssueGroup:
    """The same problem (column, value, reason) in one or more rows."""

    first: RowIssue
    rows: tuple[int, ...]

    @property
    def count(self) -> int:
        return max(1, len(self.rows))

    @property
    def mappable(self) -> bool:
        """A word of an enumerated column the coordinator can say the meaning of."""
        return self.first.unknown is not None and self.first.field is not None

    def rows_text(self, limit: int = 12) -> str:
        """ "2, 3, 4, … (51 rows)" style: the first rows, then how many in all."""
        shown = ", ".join(str(n) for n in self.rows[:limit])
        if len(self.rows) > limit:
            shown += ", …"
        return shown

    def __str__(self) -> str:
        issue = self.first
        if not self.rows:
            return str(issue)
        parts = {
            "value": issue.unknown or issue.value,
            "column": issue.column,
            "reason": issue.reason,
            "rows": self.rows_text(),
            "n": len(self.rows),
        }
        if issue.value is not None:
            return (
                ngettext(
                    "“%(value)s” in column %(column)s (%(n)d row: %(rows)s): %(reason)s",
                    "“%(value)s” in column %(column)s (%(n)d rows: %(rows)s): %(reason)s",
                    len(self.rows),
                )
                % parts
            )
        if issue.column is not None:
            return (
                ngettext(
                    "column %(column)s (%(n)d row: %(rows)s): %(reason)s",
                    "column %(column)s (%(n)d rows: %(rows)s): %(reason)s",
                    len(self.rows),
                )
                % parts
            )
        return (
            ngettext(
                "%(n)d row (%(rows)s): %(reason)s",
                "%(n)d rows (%(rows)s): %(reason)s",
                len(self.rows),
            )
            % parts
        )


def group_issues(issues: list[RowIssue]) -> list[IssueGroup]:
    """Issues with the same cause together, the most frequent first, then in file order."""
    rows: dict[tuple[str | None, str | None, str], list[int]] = {}
    first: dict[tuple[str | None, str | None, str], RowIssue] = {}
    for issue in issues:
        first.setdefault(issue.cause, issue)
        if issue.row is not None:
            rows.setdefault(issue.cause, []).append(issue.row)
    groups = [IssueGroup(first[c], tuple(rows.get(c, ()))) for c in first]
    order = {c: i for i, c in enumerate(first)}
    groups.sort(key=lambda g: (g.first.row is not None, -g.count, order[g.first.cause]))
    return groups


@dataclass(frozen=True)
class Reading:
    """How a value was understood ("maart 2019" as 1 maart 2019), and in which rows."""

    column: str
    value: str
    reading: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class ProbableMatch:
    """A row that may be a person of earlier years; the coordinator decides."""

    row: int
    ref: str
    name: str
    candidates: tuple[Candidate, ...]


@dataclass
class ImportReport:
    """The outcome of one roster import; ``ok`` is False on any error (then nothing is written)."""

    file: str
    kind: str
    dry_run: bool
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    matches: list[ProbableMatch] = field(default_factory=list)
    _readings: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def error(
        self,
        row: int | None,
        column: str | None,
        value: str | None,
        reason: str,
        **unknown: str | None,
    ) -> None:
        """An error; ``unknown`` (key, unknown, field, suggestion) marks a word to map."""
        self.errors.append(RowIssue(self.file, row, column, value, reason, **unknown))

    @property
    def known_count(self) -> int:
        """Rows new in this edition for people known from earlier years."""
        return sum(change.known for change in self.changes)

    def read_as(self, row: int, column: str, value: str, reading: str) -> None:
        self._readings.setdefault((column, value, reading), []).append(row)

    @property
    def readings(self) -> list[Reading]:
        return [Reading(c, v, r, tuple(rows)) for (c, v, r), rows in self._readings.items()]

    @property
    def error_groups(self) -> list[IssueGroup]:
        return group_issues(self.errors)

    @property
    def warning_groups(self) -> list[IssueGroup]:
        return group_issues(self.warnings)

    @property
    def unknown_words(self) -> list[IssueGroup]:
        """The groups of words the coordinator can map, one per column and word."""
        seen: set[tuple[str | None, str]] = set()
        groups: list[IssueGroup] = []
        for group in self.error_groups:
            if group.mappable and (group.first.field, fold(group.first.unknown or "")) not in seen:
                seen.add((group.first.field, fold(group.first.unknown or "")))
                groups.append(group)
        return groups

    def warn(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.warnings.append(RowIssue(self.file, row, column, value, reason))

    def summary(self) -> str:
        if self.errors:
            return ngettext(
                "%(file)s: %(n)d error; nothing was written.",
                "%(file)s: %(n)d errors; nothing was written.",
                len(self.errors),
            ) % {"file": self.file, "n": len(self.errors)}
        counts = {
            "file": self.file,
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
        }
        if self.dry_run:
            return (
                _(
                    "%(file)s: dry run, nothing was written. Would create %(created)d, "
                    "update %(updated)d, leave %(unchanged)d unchanged."
                )
                % counts
            )
        return (
            _("%(file)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d.")
            % counts
        )

    def as_text(self, *, verbose: bool = False) -> str:
        """The report for a terminal: problems grouped by cause, how values were read, then a
        summary; ``verbose`` adds every problem and every row on a line of its own."""
        lines: list[str] = []
        for heading, issues in ((_("Errors:"), self.errors), (_("Warnings:"), self.warnings)):
            if not issues:
                continue
            lines.append(heading)
            lines.extend(f"  {group}" for group in group_issues(issues))
            if verbose:
                lines.append(_("Per row:"))
                lines.extend(f"  {issue}" for issue in issues)
        if self.matches:
            lines.append(_("Possibly the same person as someone of an earlier year:"))
            lines.extend(f"  {line}" for line in match_lines(self.matches))
        if self.readings:
            lines.append(_("Read as:"))
            lines.extend(f"  {line}" for line in reading_lines(self.readings))
        known = self.known_count
        if known and not self.errors:
            lines.append(
                ngettext(
                    "%(n)d person new in this edition is known from earlier years (recognised "
                    "by e-mail, phone or name): their history stays one.",
                    "%(n)d people new in this edition are known from earlier years (recognised "
                    "by e-mail, phone or name): their history stays one.",
                    known,
                )
                % {"n": known}
            )
        if self.changes and not self.errors and verbose:
            lines.append(_("Rows:"))
            lines.extend(f"  {change}" for change in self.changes)
        lines.append(self.summary())
        return "\n".join(lines)


def match_lines(matches: list[ProbableMatch]) -> list[str]:
    return [
        _("row %(row)s, %(ref)s %(name)s: possibly %(who)s (#%(id)s; %(how)s; %(history)s)")
        % {
            "row": match.row,
            "ref": match.ref,
            "name": match.name,
            "who": candidate.name,
            "id": candidate.person_id,
            "how": candidate.how,
            "history": candidate.history or "—",
        }
        for match in matches
        for candidate in match.candidates
    ]


def reading_lines(readings: list[Reading]) -> list[str]:
    return [
        ngettext(
            "“%(value)s” in column %(column)s read as %(reading)s (%(n)d row)",
            "“%(value)s” in column %(column)s read as %(reading)s (%(n)d rows)",
            len(r.rows),
        )
        % {"value": r.value, "column": r.column, "reading": r.reading, "n": len(r.rows)}
        for r in readings
    ]
