"""Lunch: the headcount for the caterer, with totals per diet and allergy, and its one-page PDF.

Two counts: **planned** — everyone expected on the day (before it, for the caterer's deadline) —
and **present** — everyone who arrived (on the day). The diet is what people wrote in words
("vegetarisch, geen noten"); each is read into diets by the words below (case and accents do
not count; one text may name several: vegetarian and a nut allergy). What no word recognises is
listed as written, without names, for the caterer to read; nothing is dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ontmoeting.dayof.board import expected, is_present
from ontmoeting.documents.pdf import render_pdf
from ontmoeting.editions.models import Edition, Participant
from ontmoeting.editions.roster.words import fold

Source = Literal["planned", "present"]

#: Diet → its name and the words that name it in nl, en, it, fr (folded: no accents, lower case).
DIETS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "vegan": (_("vegan"), ("vegan", "veganist", "vegano", "plantaardig", "plant based")),
    "vegetarian": (
        _("vegetarian"),
        ("vegetar", "veggie", "geen vlees", "no meat", "niente carne", "vegetarien"),
    ),
    "halal": (_("halal"), ("halal",)),
    "no_pork": (
        _("no pork"),
        ("geen varken", "geen varkensvlees", "zonder varken", "no pork", "senza maiale"),
    ),
    "kosher": (_("kosher"), ("kosher", "koosjer")),
    "gluten_free": (
        _("gluten-free"),
        ("gluten", "glutenvrij", "coeliak", "celiac", "celiachia", "senza glutine"),
    ),
    "lactose_free": (
        _("lactose-free"),
        ("lactose", "lactosevrij", "zuivel", "melk", "dairy", "latticini"),
    ),
    "nut_allergy": (
        _("nut allergy"),
        ("noten", "nootjes", "pinda", "nuts", "peanut", "arachid", "frutta secca"),
    ),
    "fish_allergy": (_("fish or shellfish allergy"), ("vis", "schaaldier", "fish", "shellfish")),
}
#: A diet that makes another one plain: a vegan meal is vegetarian, no need to count both.
IMPLIES = {"vegan": "vegetarian", "halal": "no_pork", "kosher": "no_pork"}
NOTHING = {"", "geen", "nee", "neen", "nvt", "none", "no", "-", "normaal", "alles"}


def read_diet(text: str) -> tuple[set[str], bool]:
    """The diets ``text`` names, and whether part of it was not understood (shown as written)."""
    folded = fold(text)
    if folded in NOTHING:
        return set(), False
    found = {
        code
        for code, (_name, words) in DIETS.items()
        if any(f" {fold(word)}" in f" {folded}" for word in words)
    }
    for code, implied in IMPLIES.items():
        if code in found:
            found.discard(implied)
    return found, not found


@dataclass(frozen=True)
class LunchCount:
    """The headcount and its diets; ``other`` holds the texts no word recognised."""

    edition: Edition
    source: Source
    total: int
    by_role: list[tuple[str, int]]
    diets: list[tuple[str, int]]
    other: list[tuple[str, int]]
    special: int  # people with a diet (recognised or not)

    @property
    def standard(self) -> int:
        """Meals without any special diet."""
        return self.total - self.special


def lunch_count(edition: Edition, *, source: Source = "planned") -> LunchCount:
    """Who eats, from the expected people (``planned``) or from those who arrived."""
    people = list(expected(edition))
    if source == "present":
        people = [p for p in people if _arrived(p)]
    roles: Counter[str] = Counter()
    diets: Counter[str] = Counter()
    other: Counter[str] = Counter()
    special = 0
    for person in people:
        roles[str(person.get_role_display())] += 1
        found, unread = read_diet(person.diet)
        if found or unread:
            special += 1
        diets.update(found)
        if unread:
            other[person.diet.strip()] += 1
    return LunchCount(
        edition=edition,
        source=source,
        total=len(people),
        by_role=sorted(roles.items()),
        diets=[(str(DIETS[code][0]), diets[code]) for code in DIETS if diets[code]],
        other=sorted(other.items(), key=lambda item: (-item[1], item[0])),
        special=special,
    )


def _arrived(participant: Participant) -> bool:
    """Arrived (left early or not: they may have eaten), or marked present by hand."""
    attendance = getattr(participant, "attendance", None)
    return bool(attendance and attendance.arrived) or is_present(participant)


def lunch_pdf(count: LunchCount, *, language: str) -> bytes:
    """One A4 page for the caterer: the total, the meals per diet, the other wishes."""
    return render_pdf(
        "documents/pdf/lunch.html",
        {"count": count, "edition": count.edition, "title": _("Lunch")},
        language=language,
        stylesheets=("attendance.css",),
    )
