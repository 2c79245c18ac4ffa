"""What a roster import found and did: errors, warnings and one change per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

    def __str__(self) -> str:
        parts = {"row": self.row, "ref": self.ref, "fields": ", ".join(self.fields)}
        if self.action == "created":
            text = _("row %(row)s, %(ref)s: created") % parts
        elif self.action == "updated":
            text = _("row %(row)s, %(ref)s: updated (%(fields)s)") % parts
        else:
            text = _("row %(row)s, %(ref)s: unchanged") % parts
        return f"{text} — {self.note}" if self.note else text


@dataclass
class ImportReport:
    """The outcome of one roster import; ``ok`` is False on any error (then nothing is written)."""

    file: str
    kind: str
    dry_run: bool
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def error(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.errors.append(RowIssue(self.file, row, column, value, reason))

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

    def as_text(self) -> str:
        """The report for a terminal: errors, warnings, one line per row, then a summary."""
        lines: list[str] = []
        if self.errors:
            lines.append(_("Errors:"))
            lines.extend(f"  {issue}" for issue in self.errors)
        if self.warnings:
            lines.append(_("Warnings:"))
            lines.extend(f"  {issue}" for issue in self.warnings)
        if self.changes and not self.errors:
            lines.append(_("Rows:"))
            lines.extend(f"  {change}" for change in self.changes)
        lines.append(self.summary())
        return "\n".join(lines)
