"""Which student may meet which expert: the hard rules of the morning pairing.

A pair (student, expert) is *allowed* when none of these rules removes it:

``knows``
    either of them lists the other in ``knows``;
``language``
    they share no language;
``accessibility``
    one of them has a partner need (``"sign_language"``, ``"language:<x>"``) the other does not
    meet (does not speak that language).

``availability`` removes people, not pairs: unavailable students, and experts who are unavailable
or not eligible, are left out before the graph is built (:func:`pool`). Room needs
(``"step_free"``) are met by rooms, not partners; the pairing counts them against the step-free
capacity instead.

The vectorised :func:`allowed_matrix` is O(S*E*L) time for L distinct languages and O(S*E) memory;
:func:`edge_rules` states the same rules for one pair and is the reference the tests use.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ontmoeting.engine.model import Expert, Person, Student, partner_language_for

EDGE_RULES: tuple[str, ...] = ("knows", "language", "accessibility")


def pool(
    students: Sequence[Student], experts: Sequence[Expert]
) -> tuple[list[Student], list[Expert], list[Student], list[Expert]]:
    """Split people into (students who take part, experts who can take part, left-out students,
    left-out experts) by the ``availability`` rule (and expert eligibility)."""
    s_in = [s for s in students if s.available]
    s_out = [s for s in students if not s.available]
    e_in = [e for e in experts if e.available and e.eligible]
    e_out = [e for e in experts if not (e.available and e.eligible)]
    return s_in, e_in, s_out, e_out


def _partner_needs_met(needs: frozenset[str], partner_languages: frozenset[str]) -> bool:
    for need in needs:
        lang = partner_language_for(need)
        if lang is not None and lang not in partner_languages:
            return False
    return True


def edge_rules(student: Student, expert: Expert) -> tuple[str, ...]:
    """The hard rules that forbid pairing ``student`` with ``expert`` (empty when allowed)."""
    rules: list[str] = []
    if expert.ref in student.knows or student.ref in expert.knows:
        rules.append("knows")
    if not (student.languages & expert.languages):
        rules.append("language")
    if not (
        _partner_needs_met(student.needs, expert.languages)
        and _partner_needs_met(expert.needs, student.languages)
    ):
        rules.append("accessibility")
    return tuple(rules)


def allowed_matrix(students: Sequence[Student], experts: Sequence[Expert]) -> npt.NDArray[np.bool_]:
    """Boolean matrix of shape (S, E): True where the pair breaks no hard rule."""
    n_s, n_e = len(students), len(experts)
    people: list[Person] = [*students, *experts]
    langs = sorted({lang for p in people for lang in p.languages})
    lidx = {lang: i for i, lang in enumerate(langs)}
    ls = np.zeros((n_s, len(langs)), dtype=np.float32)
    le = np.zeros((n_e, len(langs)), dtype=np.float32)
    for i, s in enumerate(students):
        for lang in s.languages:
            ls[i, lidx[lang]] = 1.0
    for j, e in enumerate(experts):
        for lang in e.languages:
            le[j, lidx[lang]] = 1.0
    allowed: npt.NDArray[np.bool_] = (ls @ le.T) > 0.5
    # partner needs: a student needing language x may only meet experts speaking x (and back)
    for i, s in enumerate(students):
        for need in s.needs:
            need_lang = partner_language_for(need)
            if need_lang is not None:
                allowed[i] &= le[:, lidx[need_lang]] > 0.5 if need_lang in lidx else False
    for j, e in enumerate(experts):
        for need in e.needs:
            need_lang = partner_language_for(need)
            if need_lang is not None:
                allowed[:, j] &= ls[:, lidx[need_lang]] > 0.5 if need_lang in lidx else False
    s_index = {s.ref: i for i, s in enumerate(students)}
    e_index = {e.ref: j for j, e in enumerate(experts)}
    for i, s in enumerate(students):
        for ref in s.knows:
            if ref in e_index:
                allowed[i, e_index[ref]] = False
    for j, e in enumerate(experts):
        for ref in e.knows:
            if ref in s_index:
                allowed[s_index[ref], j] = False
    return allowed
