"""Who answers the demo's surveys, how and what (plain Python, drawn from one seeded generator).

Students: every student has a latent score per subscale before the day (``figures.PRE_MEAN``,
partly shared between the subscales); after the day the score has moved by the edition's change
(``figures.CHANGE``, a little larger every year) plus a personal change, which for some students
is negative (the day is not an easy experience for everyone). An item is answered around the
latent score with noise and the person's tendency to agree, rounded to the scale; a
reverse-keyed item is answered mirrored (a student with a high attitude score disagrees with
"most service users could solve their problems if they tried harder"). A few answers are left
empty, a few online forms are started and never sent.

How: online (by study code, most giving their self-made code as the online form asks), on
paper (typed in by staff: the self-made code only), or not at all. Students who answered the
pre survey on paper mostly fill in the post survey on paper too (paper-paper); some who
answered online before the day fill in the post survey on paper at the debriefing workshop
(online-paper); a few slip one character of their self-made code between the two forms, and a
few paper forms find no partner. Self-made codes are unique within an edition.

Experts: the feedback form, online or on paper with their study code printed on it; their
energy to tell their story again falls the more often they came (seed 000).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ontmoeting.demo.figures import CHANGE, FIRST_SURVEY_YEAR, PRE_MEAN
from ontmoeting.surveys.codes import SELF_CODE_PATTERN, make_self_code

ONLINE = "online"
PAPER = "paper"
#: Mothers' first names and towns of birth the self-made codes are made from (fictitious mix).
MOTHER_NAMES = (
    "Maria", "Marleen", "Martine", "Annemie", "Anja", "Katrien", "Kristel", "Hilde", "Greet",
    "Veerle", "Sofie", "Els", "Inge", "Nathalie", "Sandra", "Linda", "Rita", "Lieve", "Ilse",
    "Ingrid", "Carine", "Godelieve", "Josiane", "Brigitte", "Fatima", "Naima", "Samira", "Ayse",
    "Giulia", "Francesca", "Rosa", "Anna", "Paola", "Lucia", "Chiara", "Elena", "Ewa", "Joke",
    "Tineke", "Petra", "Wendy", "Nancy", "Kathleen", "Dominique", "Patricia", "Yasmina",
)  # fmt: skip
BIRTH_TOWNS = (
    "Gent", "Antwerpen", "Brugge", "Kortrijk", "Aalst", "Sint-Niklaas", "Dendermonde", "Lokeren",
    "Eeklo", "Oudenaarde", "Ronse", "Roeselare", "Ieper", "Oostende", "Mechelen", "Leuven",
    "Hasselt", "Genk", "Turnhout", "Lier", "Brussel", "Wetteren", "Zele", "Deinze", "Tielt",
    "Torhout", "Waregem", "Ninove", "Geraardsbergen", "Tienen", "Diest", "Mol", "Geel",
    "Rotterdam", "Breda", "Terneuzen", "Napoli", "Palermo", "Roma", "Agrigento", "Casablanca",
    "Istanbul", "Kinshasa", "Nador",
)  # fmt: skip


@dataclass(frozen=True)
class ItemSpec:
    """What the generator needs of an item."""

    code: str
    kind: str  # "likert", "single", "multiple", "open"
    subscale: str = ""
    reverse: bool = False
    low: int = 1
    high: int = 5
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A participant the surveys are for."""

    pk: int
    language: str
    present: bool
    times: int = 1  # experts: editions present so far, this one included


@dataclass(frozen=True)
class Answering:
    """One response the demo writes: whose, to which wave, how, with which answers."""

    participant: int
    wave: str
    source: str
    with_study_code: bool
    self_code: str
    complete: bool
    values: dict[str, int | str] = field(default_factory=dict)


def _clip(value: float, low: int, high: int) -> int:
    return int(min(high, max(low, round(value))))


def edition_change(code: str, year: int, rng: random.Random) -> float:
    """The mean change of subscale ``code`` in ``year``: a mild trend and some noise."""
    start, per_year = CHANGE.get(code, (0.0, 0.0))
    return start + per_year * (year - FIRST_SURVEY_YEAR) + rng.gauss(0, 0.02)


def likert_answers(
    rng: random.Random,
    items: list[ItemSpec],
    scores: dict[str, float],
    *,
    agreeing: float,
    missing: float = 0.025,
) -> dict[str, int | str]:
    """Answers to the Likert items around the latent ``scores`` (keyed), raw as ticked."""
    values: dict[str, int | str] = {}
    for item in items:
        if item.kind != "likert" or item.subscale not in scores or rng.random() < missing:
            continue
        keyed = scores[item.subscale] + rng.gauss(0, 0.6)
        raw = item.low + item.high - keyed if item.reverse else keyed
        values[item.code] = _clip(raw + agreeing, item.low, item.high)
    return values


def draw_self_codes(rng: random.Random, n: int) -> list[str]:
    """``n`` different self-made codes (mother's first name, day of birth, town of birth)."""
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < n:
        code = make_self_code(
            mother_first_name=rng.choice(MOTHER_NAMES),
            birth_day=rng.randint(1, 31),
            birth_town=rng.choice(BIRTH_TOWNS),
        )
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def slip(code: str, rng: random.Random, taken: set[str]) -> str:
    """``code`` with one character written or read wrongly (a letter or a digit of the day),
    never a code in ``taken``; ``code`` itself when no such slip is found."""
    for _attempt in range(20):
        position = rng.choice((0, 1, 3, 4, 5))
        old = code[position]
        if old.isdigit():
            new = rng.choice([d for d in "0123456789" if d != old])
        else:
            new = chr((ord(old) - ord("A") + rng.choice((1, 25))) % 26 + ord("A"))
        candidate = code[:position] + new + code[position + 1 :]
        if SELF_CODE_PATTERN.fullmatch(candidate) and candidate not in taken:
            return candidate
    return code


@dataclass
class _Student:
    person: Person
    self_code: str
    pre: dict[str, float]
    post: dict[str, float]
    agreeing: float
    prior: str


def _centred(values: list[float]) -> list[float]:
    mean = sum(values) / len(values) if values else 0.0
    return [v - mean for v in values]


def _students(
    rng: random.Random, year: int, people: list[Person], subscales: list[str]
) -> list[_Student]:
    """The students' latent scores before and after the day. The personal changes are centred
    within the edition, so that an edition's change is the one of ``figures.CHANGE`` (the
    noise of the answers still makes it vary from year to year)."""
    changes = {code: edition_change(code, year, rng) for code in subscales}
    codes = draw_self_codes(rng, len(people))
    shared = _centred([rng.gauss(0, 0.2) for _ in people])
    own = {code: _centred([rng.gauss(0, 0.26) for _ in people]) for code in subscales}
    students = []
    for i, (person, self_code) in enumerate(zip(people, codes, strict=True)):
        level = rng.gauss(0, 1)
        prior = rng.choices(("yes", "no", "private"), weights=(34, 56, 10))[0]
        pre = {
            code: PRE_MEAN.get(code, 3.3)
            + 0.45 * (0.6 * level + 0.8 * rng.gauss(0, 1))
            + (0.15 if prior == "yes" else 0.0)
            for code in subscales
        }
        post = {code: pre[code] + changes[code] + shared[i] + own[code][i] for code in subscales}
        students.append(_Student(person, self_code, pre, post, rng.gauss(0, 0.25), prior))
    return students


Mode = str | None  # online, paper, "started" (online, never sent) or None (no response)


def _modes(
    rng: random.Random, people: list[Person], online_pre: float, online_post: float
) -> list[tuple[Mode, Mode]]:
    """How each student answers (pre mode, post mode). The shares online are the edition's
    exactly (of those invited: everyone before the day, those present after it); a few more
    start online and never send; of the others about half fill in a paper form. Who answered
    on paper before the day mostly does so again."""
    n = len(people)
    order = rng.sample(range(n), n)
    n_online, n_started = round(online_pre * n), round(0.03 * n)
    pre: list[Mode] = [None] * n
    for rank, i in enumerate(order):
        if rank < n_online:
            pre[i] = ONLINE
        elif rank < n_online + n_started:
            pre[i] = "started"
        elif rng.random() < 0.5:
            pre[i] = PAPER
    post: list[Mode] = [None] * n
    present = [i for i in range(n) if people[i].present]
    for i in present:
        if pre[i] == PAPER:
            post[i] = rng.choices((PAPER, ONLINE, None), weights=(6, 3, 1))[0]
    wanted = round(online_post * len(present)) - post.count(ONLINE)
    others = [i for i in present if pre[i] != PAPER]
    chosen = set(rng.sample(others, max(0, min(wanted, len(others)))))
    for i in others:
        if i in chosen:
            post[i] = ONLINE
        elif rng.random() < 0.45:
            post[i] = PAPER
    return list(zip(pre, post, strict=True))


def _answers(
    rng: random.Random, items: list[ItemSpec], student: _Student, scores: dict[str, float]
) -> dict[str, int | str]:
    values = likert_answers(rng, items, scores, agreeing=student.agreeing)
    for item in items:
        if item.kind == "single" and item.code == "prior_contact" and rng.random() > 0.05:
            values[item.code] = student.prior
    return values


def plan_students(
    rng: random.Random,
    year: int,
    people: list[Person],
    items: list[ItemSpec],
    *,
    online_pre: float,
    online_post: float,
) -> list[Answering]:
    """The students' pre and post responses of one edition (``people``: those invited before
    the day; ``present`` ones are invited after it)."""
    subscales = sorted({i.subscale for i in items if i.kind == "likert" and i.subscale})
    students = _students(rng, year, people, subscales)
    taken = {s.self_code for s in students}
    out: list[Answering] = []
    modes = _modes(rng, people, online_pre, online_post)
    for student, (pre, post) in zip(students, modes, strict=True):
        pk, code = student.person.pk, student.self_code
        pre_code = ""
        if pre in (ONLINE, "started"):
            pre_code = code if rng.random() < 0.85 else ""
            values = _answers(rng, items, student, student.pre)
            if pre == "started":
                values = dict(list(values.items())[: len(values) // 3])
            out.append(Answering(pk, "pre", ONLINE, True, pre_code, pre == ONLINE, values))
        elif pre == PAPER:
            pre_code = code
            values = _answers(rng, items, student, student.pre)
            out.append(Answering(pk, "pre", PAPER, False, code, True, values))
        if post is None:
            continue
        values = _answers(rng, items, student, student.post)
        if post == ONLINE:
            post_code = code if rng.random() < 0.6 else ""
            out.append(Answering(pk, "post", ONLINE, True, post_code, True, values))
            continue
        post_code = code
        if pre_code and rng.random() < 0.15:  # a slip of the pen between the two forms
            post_code = slip(code, rng, taken)
            taken.add(post_code)
        out.append(Answering(pk, "post", PAPER, False, post_code, True, values))
    return out


def _expert_values(rng: random.Random, person: Person) -> dict[str, int | str]:
    energy = _clip(4.4 - 0.35 * (person.times - 1) + rng.gauss(0, 0.8), 1, 5)
    if energy <= 2:
        come_back = rng.choices(("yes", "maybe", "no"), weights=(15, 35, 50))[0]
    else:
        come_back = rng.choices(("yes", "maybe", "no"), weights=(76, 20, 4))[0]
    values: dict[str, int | str] = {
        "energy": energy,
        "come_back": come_back,
        "equal_partner": _clip(4.1 + rng.gauss(0, 0.7), 1, 5),
        "good_conversation": _clip(4.2 + rng.gauss(0, 0.7), 1, 5),
        "too_heavy": _clip(2.0 + (0.8 if energy <= 2 else 0.0) + rng.gauss(0, 0.9), 1, 5),
    }
    return {k: v for k, v in values.items() if rng.random() > 0.03}


def plan_experts(
    rng: random.Random, people: list[Person], *, online: float, paper: float
) -> list[Answering]:
    """The experts' feedback responses of one edition: online, or on paper with the study code."""
    out = []
    for person in people:
        roll = rng.random()
        if roll < online:
            source = ONLINE
        elif roll < online + paper:
            source = PAPER
        else:
            continue
        values = _expert_values(rng, person)
        out.append(Answering(person.pk, "expert_feedback", source, True, "", True, values))
    return out
