"""The current roster as sample files a coordinator can try the importer with (CSV and XLSX).

Written by the one spreadsheet writer (:mod:`ontmoeting.privacy.tabular`); the importer takes
its quote off a neutralised cell again, so the files import back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Edition, KnowsLink, Participant
from ontmoeting.editions.roster.columns import columns_for
from ontmoeting.privacy.tabular import Sheet, csv_bytes, xlsx_bytes

#: The import columns, as the importer defines them (the sample files use them all).
STUDENT_COLUMNS = tuple(column.key for column in columns_for("students"))
EXPERT_COLUMNS = tuple(column.key for column in columns_for("experts"))
LIST_SEPARATOR = "|"


def _join(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def student_rows(edition: Edition) -> list[dict[str, str]]:
    """One row per student of ``edition`` in the importer's columns (lists joined by '|')."""
    students = list(
        edition.participants.filter(role=ParticipantRole.STUDENT)
        .select_related("person")
        .order_by("ref")
    )
    refs = dict(edition.participants.values_list("pk", "ref"))
    knows: dict[int, list[str]] = {}
    for a, b in KnowsLink.objects.filter(edition=edition).values_list("a_id", "b_id"):
        knows.setdefault(a, []).append(refs[b])
        knows.setdefault(b, []).append(refs[a])
    return [
        {
            "ref": p.ref,
            "first_name": p.person.first_name,
            "last_name": p.person.last_name,
            "email": p.person.email,
            "gender": p.person.gender,
            "class_group": p.class_group,
            "language": _join(p.spoken_languages),
            "interests": _join(p.interests),
            "knows": _join(sorted(r for r in knows.get(p.pk, []) if r.startswith("E"))),
        }
        for p in students
    ]


def expert_rows(edition: Edition) -> list[dict[str, str]]:
    """One row per expert of ``edition``; the oldest self-help group membership is given."""
    experts: list[Participant] = list(
        edition.participants.filter(role=ParticipantRole.EXPERT)
        .select_related("person__expert_profile")
        .prefetch_related(
            "person__expert_profile__domains", "person__expert_profile__memberships__group"
        )
        .order_by("ref")
    )
    rows = []
    for p in experts:
        profile = p.person.expert_profile
        memberships = sorted(profile.memberships.all(), key=lambda m: m.since)
        first = memberships[0] if memberships else None
        rows.append(
            {
                "ref": p.ref,
                "first_name": p.person.first_name,
                "last_name": p.person.last_name,
                "email": p.person.email,
                "phone": p.person.phone,
                "self_help_group": first.group.name if first else "",
                "member_since": first.since.isoformat() if first else "",
                "domains": _join(sorted(d.code for d in profile.domains.all())),
                "languages": _join(profile.languages),
                "can_chair": "yes" if profile.can_chair else "no",
                "accessibility": profile.accessibility,
                "diet": profile.diet,
                "status": _join(profile.statuses),
                "training": profile.training,
                "roles": _join(profile.roles),
            }
        )
    return rows


def write_samples(edition: Edition, out: Path) -> list[Path]:
    """Write ``students_<year>.csv`` (';'-separated) and ``experts_<year>.xlsx`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    students_path = out / f"students_{edition.year}.csv"
    students = [[row[c] for c in STUDENT_COLUMNS] for row in student_rows(edition)]
    students_path.write_bytes(csv_bytes(STUDENT_COLUMNS, students, delimiter=";"))
    experts_path = out / f"experts_{edition.year}.xlsx"
    experts = [[row.get(c, "") for c in EXPERT_COLUMNS] for row in expert_rows(edition)]
    experts_path.write_bytes(xlsx_bytes([Sheet("experts", EXPERT_COLUMNS, experts)]))
    return [students_path, experts_path]
