"""The roster as a Flemish coordinator writes it, and the department's own words, for the demo.

``experts_<year>_in_words.csv``: the current experts with Dutch headers, Dutch words and
synonyms instead of codes, lists joined by ", ", and membership dates as "maart 2019"; it
imports back into the current edition unchanged, with the preview showing how each word was
read. ``ervaringsdeskundigen_<year+1>.csv``: next year's roster of the same experts with new
refs and, for every second one, no e-mail address: created into a new edition, the importer
finds them again by phone, or by name and self-help group, instead of creating them twice.
"""

from __future__ import annotations

from pathlib import Path

from ontmoeting.editions.models import Edition
from ontmoeting.editions.synonyms import save_synonym
from ontmoeting.privacy.audit import Actor
from ontmoeting.privacy.tabular import csv_bytes

from .samples import expert_rows

#: Acronyms of Flemish services that coordinators write as a domain: the department's own words.
DEPARTMENT_WORDS = (
    ("domains", "CGG", "mental_health"),  # Centrum voor Geestelijke Gezondheidszorg
    ("domains", "OCMW", "poverty"),  # public social welfare centre
    ("domains", "VDAB", "unemployment"),  # Flemish employment service
)

#: Per code, the words coordinators write (the first that fits the row's number is used).
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "domains": {
        "addiction": ("verslaving", "Verslaving", "alcohol"),
        "mental_health": ("psychische problemen", "GGZ", "CGG"),
        "disability": ("beperking", "handicap"),
        "unemployment": ("werkzoekend", "VDAB"),
        "divorce": ("echtscheiding", "vechtscheiding"),
        "youth_protection": ("jeugdhulp", "jeugdbescherming"),
        "poverty": ("armoede", "OCMW"),
    },
    "languages": {"nl": ("Nederlands", "nl"), "en": ("Engels", "en"), "fr": ("Frans", "fr")},
    "status": {
        "volunteer": ("vrijwilliger",),
        "paid_employee": ("ervaringswerker",),
        "self_employed": ("zelfstandige",),
        "none": ("geen statuut",),
    },
    "training": {
        "none": ("geen",),
        "experience_work": ("ervaringswerk", "opleiding ervaringswerk"),
        "professional": ("professioneel",),
        "both": ("beide",),
    },
    "roles": {
        "critical_voice": ("kritische stem",),
        "bridge_figure": ("brugfiguur",),
        "signal_function": ("signaalfunctie",),
        "support": ("ondersteuning",),
        "lifeworld": ("leefwereld",),
        "accessibility": ("toegankelijkheid",),
        "policy_influence": ("beleidsbeïnvloeding",),
        "public_image": ("beeldvorming",),
        "no_specific_role": ("geen specifieke rol",),
    },
    "can_chair": {"yes": ("ja", "x", "Ja"), "no": ("nee", "neen", "")},
}
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
HEADER = (
    "Nr",
    "Voornaam",
    "Familienaam",
    "E-mail",
    "GSM",
    "Zelfhulpgroep",
    "Lid sinds",
    "Domein",
    "Talen",
    "Kan voorzitten",
    "Toegankelijkheid",
    "Dieet",
    "Statuut",
    "Opleiding",
    "Rollen",
)


def add_department_words(actor: Actor) -> None:
    """The demo department's own words ("Onze woorden")."""
    for field, word, code in DEPARTMENT_WORDS:
        save_synonym(field=field, word=word, code=code, actor=actor)


def _words(field: str, codes: str, n: int) -> str:
    words = [WORDS[field].get(code, (code,)) for code in codes.split("|") if code]
    return ", ".join(choices[n % len(choices)] for choices in words)


def _since(iso: str) -> str:
    """ "2019-03-01" → "maart 2019"; another day → "15/03/2019" (Belgian)."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{MONTHS[month - 1]} {year}" if day == 1 else f"{day:02d}/{month:02d}/{year}"


def _row(row: dict[str, str], n: int, *, ref: str, email: str) -> list[str]:
    return [
        ref,
        row["first_name"],
        row["last_name"],
        email,
        row["phone"],
        row["self_help_group"],
        _since(row["member_since"]),
        _words("domains", row["domains"], n),
        _words("languages", row["languages"], n),
        _words("can_chair", row["can_chair"], n),
        row["accessibility"],
        row["diet"],
        _words("status", row["status"], n),
        _words("training", row["training"], n),
        _words("roles", row["roles"], n),
    ]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_bytes(csv_bytes(HEADER, rows, delimiter=";"))  # as Excel's "CSV UTF-8"
    return path


def write_in_words(edition: Edition, out: Path) -> list[Path]:
    """The current experts in the coordinator's words, and next year's roster without every
    second e-mail address (see the module docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    experts = expert_rows(edition)
    now = [_row(row, n, ref=row["ref"], email=row["email"]) for n, row in enumerate(experts)]
    later = [
        _row(row, n + 1, ref=f"E{n + 1:03d}", email="" if n % 2 == 0 else row["email"])
        for n, row in enumerate(experts)
    ]
    return [
        _write(out / f"experts_{edition.year}_in_words.csv", now),
        _write(out / f"ervaringsdeskundigen_{edition.year + 1}.csv", later),
    ]
