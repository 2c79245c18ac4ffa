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

The vectorised :func:`allowed_matrix` groups people into types (:func:`pair_types`: people of one
type are interchangeable for every rule but ``knows``), states the language and accessibility rules
once per pair of types (:func:`type_rules`, O(Ts*Te*L) for L distinct languages), spreads that
table over the people (O(S*E) time and memory) and removes the ``knows`` pairs (:func:`knows_pairs`,
O(S + E + K)). :func:`edge_rules` states the same rules for one pair and is the reference the tests
use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from ontmoeting.engine.model import Expert, Person, Student, partner_language_for

EDGE_RULES: tuple[str, ...] = ("knows", "language", "accessibility")

IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]
ScalarT = TypeVar("ScalarT", bound=np.generic)


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


@dataclass(frozen=True)
class PairTypes:
    """Students and experts grouped into *types*: people of one type are interchangeable for every
    per-pair rule and score except ``knows``.

    A student's type is (languages, needs, interests), an expert's (languages, needs, domains,
    veteran): everything :func:`edge_rules` (but ``knows``), the pairing scores and the pair
    reasons read. A per-pair quantity is then a small (Ts, Te) table over pairs of types, and its
    (S, E) matrix is ``table[student_type][:, expert_type]`` (:meth:`expand`). A synthetic edition
    of 5,000 students and 5,000 experts has about 350 student and 140 expert types.

    Attributes
    ----------
    student_type : ndarray of intp, shape (S,)
        Type of each student, numbered in order of first appearance.
    expert_type : ndarray of intp, shape (E,)
    students : tuple of Student, length Ts
        The first student of each type (its representative).
    experts : tuple of Expert, length Te
    """

    student_type: IntArray
    expert_type: IntArray
    students: tuple[Student, ...]
    experts: tuple[Expert, ...]

    def expand(
        self,
        table: npt.NDArray[ScalarT],
        rows: IntArray | None = None,
        cols: IntArray | None = None,
    ) -> npt.NDArray[ScalarT]:
        """The matrix ``M[r, c] = table[student_type[rows[r]], expert_type[cols[c]]]`` of shape
        (len(rows), len(cols)) (default: every student, every expert). O(rows * cols) time; one
        new array of that shape plus a (rows, Te) intermediate."""
        st = self.student_type if rows is None else self.student_type[rows]
        et = self.expert_type if cols is None else self.expert_type[cols]
        out: npt.NDArray[ScalarT] = np.take(np.take(table, st, axis=0), et, axis=1)
        return out


def _types(keys: Iterable[object]) -> tuple[IntArray, IntArray]:
    """(type of each item, index of the first item of each type); O(n) hashing."""
    seen: dict[object, int] = {}
    kind = np.array([seen.setdefault(k, len(seen)) for k in keys], dtype=np.intp)
    first: IntArray = np.unique(kind, return_index=True)[1].astype(np.intp)
    return kind, first


def pair_types(students: Sequence[Student], experts: Sequence[Expert]) -> PairTypes:
    """Group students and experts into :class:`PairTypes`; O(S + E) time."""
    st, s_first = _types((s.languages, s.needs, s.interests) for s in students)
    et, e_first = _types((e.languages, e.needs, e.domains, e.veteran) for e in experts)
    return PairTypes(
        student_type=st,
        expert_type=et,
        students=tuple(students[int(i)] for i in s_first),
        experts=tuple(experts[int(j)] for j in e_first),
    )


def _partner_languages(needs: frozenset[str]) -> frozenset[str]:
    """The languages a partner must speak to meet ``needs``."""
    return frozenset(lang for lang in (partner_language_for(n) for n in needs) if lang is not None)


def type_rules(types: PairTypes) -> BoolArray:
    """Boolean table of shape (Ts, Te): True where a student type and an expert type share a
    language and meet each other's partner needs (the ``language`` and ``accessibility`` rules;
    ``knows`` is per person). O(Ts * Te * L) for L distinct languages (needed ones included)."""
    s_needs = [_partner_languages(s.needs) for s in types.students]
    e_needs = [_partner_languages(e.needs) for e in types.experts]
    people: list[Person] = [*types.students, *types.experts]
    langs = sorted({lang for p in people for lang in p.languages}.union(*s_needs, *e_needs))
    lidx = {lang: k for k, lang in enumerate(langs)}

    def one_hot(sets: Sequence[frozenset[str]]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(sets), len(langs)), dtype=np.float32)
        hot = [(r, lidx[lang]) for r, langs_r in enumerate(sets) for lang in langs_r]
        out[tuple(np.array(hot, dtype=np.intp).reshape(-1, 2).T)] = 1.0
        return out

    ls = one_hot([s.languages for s in types.students])
    le = one_hot([e.languages for e in types.experts])
    shared = (ls @ le.T) > 0.5
    student_unmet = (one_hot(s_needs) @ (1.0 - le).T) > 0.5
    expert_unmet = ((1.0 - ls) @ one_hot(e_needs).T) > 0.5
    allowed: BoolArray = shared & ~student_unmet & ~expert_unmet
    return allowed


def knows_pairs(
    students: Sequence[Student], experts: Sequence[Expert]
) -> tuple[IntArray, IntArray]:
    """(student indices, expert indices) of the pairs the ``knows`` rule forbids (either lists
    the other), sorted, without repeats; O(S + E + K)."""
    found: set[tuple[int, int]] = set()
    s_knows = [(i, s.knows) for i, s in enumerate(students) if s.knows]
    if s_knows:
        e_index = {e.ref: j for j, e in enumerate(experts)}
        found.update((i, e_index[r]) for i, refs in s_knows for r in refs if r in e_index)
    e_knows = [(j, e.knows) for j, e in enumerate(experts) if e.knows]
    if e_knows:
        s_index = {s.ref: i for i, s in enumerate(students)}
        found.update((s_index[r], j) for j, refs in e_knows for r in refs if r in s_index)
    pairs = np.array(sorted(found), dtype=np.intp).reshape(-1, 2)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def allowed_matrix(students: Sequence[Student], experts: Sequence[Expert]) -> BoolArray:
    """Boolean matrix of shape (S, E): True where the pair breaks no hard rule.

    O(S * E) time and memory, plus :func:`pair_types` and :func:`type_rules`.
    """
    types = pair_types(students, experts)
    allowed = types.expand(type_rules(types))
    rows, cols = knows_pairs(students, experts)
    allowed[rows, cols] = False
    return allowed
