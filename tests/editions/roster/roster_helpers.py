"""Helpers for the roster tests: rows as CSV lines with defaults, and table counts."""

from __future__ import annotations

import csv
import io

from ontmoeting.editions.models import KnowsLink, Participant
from ontmoeting.people.models import ExpertProfile, Membership, Person, SelfHelpGroup
from ontmoeting.privacy.models import AuditEntry

STUDENT_COLUMNS = (
    "ref",
    "first_name",
    "last_name",
    "email",
    "gender",
    "class_group",
    "language",
    "interests",
    "knows",
)
EXPERT_COLUMNS = (
    "ref",
    "first_name",
    "last_name",
    "email",
    "phone",
    "self_help_group",
    "member_since",
    "domains",
    "languages",
    "can_chair",
    "accessibility",
    "diet",
    "status",
    "training",
    "roles",
)
STUDENT_HEADER = ",".join(STUDENT_COLUMNS)
EXPERT_HEADER = ",".join(EXPERT_COLUMNS)

STUDENT_DEFAULTS = {
    "ref": "S001",
    "first_name": "Anna",
    "last_name": "Smet",
    "email": "anna@example.org",
    "gender": "v",
    "class_group": "1BA-A",
    "language": "nl",
    "interests": "addiction",
    "knows": "",
}
EXPERT_DEFAULTS = {
    "ref": "E001",
    "first_name": "Marc",
    "last_name": "Janssens",
    "email": "marc@example.org",
    "phone": "0470 12 34 56",
    "self_help_group": "AA Gent",
    "member_since": "2019-03-01",
    "domains": "addiction",
    "languages": "nl",
    "can_chair": "ja",
    "accessibility": "",
    "diet": "",
    "status": "volunteer",
    "training": "none",
    "roles": "support",
}


def _line(columns: tuple[str, ...], values: dict[str, str], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(
        [values.get(c, "") for c in columns]
    )
    return out.getvalue()


def student(**overrides: str) -> str:
    """One student row as a comma-separated line, defaults overridden by keyword."""
    return _line(STUDENT_COLUMNS, {**STUDENT_DEFAULTS, **overrides})


def expert(**overrides: str) -> str:
    """One expert row as a comma-separated line, defaults overridden by keyword."""
    return _line(EXPERT_COLUMNS, {**EXPERT_DEFAULTS, **overrides})


def table_counts() -> dict[str, int]:
    return {
        "person": Person.objects.count(),
        "participant": Participant.objects.count(),
        "expert_profile": ExpertProfile.objects.count(),
        "membership": Membership.objects.count(),
        "self_help_group": SelfHelpGroup.objects.count(),
        "knows": KnowsLink.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
