"""Who answered which waves: linking an edition's responses into respondents (plain Python).

A respondent's responses to the waves of one edition are linked in three passes, each recorded:

1. **study code** — online responses carry the respondent's random study code: the same code in
   two waves is the same person (online-online).
2. **self-made code, exact** — a paper form (or an online form that asked for it) carries the
   self-made code (2 letters of the mother's first name, day of birth, 2 letters of the town of
   birth). Two respondents with the same code in different waves are linked when the code is
   used once in each wave (a code seen twice in one wave is *ambiguous* and links nothing) and at
   most one of them has a study code (two different study codes are two people).
3. **self-made code, tolerant** — among the respondents still missing a wave, codes that differ
   in exactly one character (a slip of the pen, a misread letter: the tolerance the self-made
   code method allows) are linked when the match is unique both ways; reported separately.

A link never puts two responses of one wave in the same respondent. The method of a link between
two waves is the weakest link on the way (study code < exact < tolerant).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

STUDY_CODE = "study_code"
SELF_CODE = "self_code"
SELF_CODE_TOLERANT = "self_code_tolerant"
#: From the strongest to the weakest.
METHODS = (STUDY_CODE, SELF_CODE, SELF_CODE_TOLERANT)

ONLINE = "online"
PAPER = "paper"


@dataclass(frozen=True)
class Record:
    """One response as linkage sees it."""

    id: int
    wave: str
    study_code: str | None
    self_code: str
    source: str = ONLINE
    completed: bool = True


@dataclass
class Respondent:
    """One person's responses by wave, and how they were linked."""

    records: dict[str, Record]
    study_code: str | None
    self_codes: set[str]
    method: str = STUDY_CODE  # the weakest link used; a single response keeps STUDY_CODE
    links: int = 0

    @property
    def identity(self) -> str:
        """What the pseudonym is made of: the study code, else ``self:`` + the first self-code."""
        if self.study_code:
            return self.study_code
        first = min(self.records.values(), key=lambda r: r.id)
        return f"self:{first.self_code}"

    @property
    def link_method(self) -> str:
        """The method of the weakest link, or '' for a respondent of a single wave."""
        return self.method if len(self.records) > 1 else ""

    def sources(self, waves: Sequence[str]) -> str:
        """``online``, ``paper`` or ``online-paper``: how the responses of ``waves`` came in."""
        kinds = {self.records[w].source for w in waves if w in self.records}
        if kinds == {ONLINE}:
            return "online-online"
        if kinds == {PAPER}:
            return "paper-paper"
        return "online-paper"


@dataclass
class Linkage:
    """The respondents of an edition and what linking found."""

    respondents: list[Respondent]
    ambiguous_codes: set[str] = field(default_factory=set)

    def pairs(self, first: str, second: str) -> list[Respondent]:
        """Respondents with a completed response in both waves."""
        return [
            r
            for r in self.respondents
            if first in r.records
            and second in r.records
            and r.records[first].completed
            and r.records[second].completed
        ]

    def table(self, first: str, second: str) -> LinkageTable:
        """How many completed pairs of ``first``→``second`` by method and by source, and how many
        completed responses of either wave stayed unmatched."""
        pairs = self.pairs(first, second)
        paired = {id(r) for r in pairs}

        def unmatched(wave: str) -> int:
            return sum(
                1
                for r in self.respondents
                if wave in r.records and r.records[wave].completed and id(r) not in paired
            )

        return LinkageTable(
            total=len(pairs),
            by_method=Counter(_pair_method(r, first, second) for r in pairs),
            by_sources=Counter(r.sources([first, second]) for r in pairs),
            unmatched_first=unmatched(first),
            unmatched_second=unmatched(second),
            ambiguous_codes=len(self.ambiguous_codes),
        )


@dataclass(frozen=True)
class LinkageTable:
    total: int
    by_method: Counter[str]
    by_sources: Counter[str]
    unmatched_first: int
    unmatched_second: int
    ambiguous_codes: int

    def count(self, method: str) -> int:
        return self.by_method.get(method, 0)

    @property
    def by_study_code(self) -> int:
        return self.count(STUDY_CODE)

    @property
    def by_self_code(self) -> int:
        return self.count(SELF_CODE)

    @property
    def by_self_code_tolerant(self) -> int:
        return self.count(SELF_CODE_TOLERANT)

    @property
    def online_online(self) -> int:
        return self.by_sources.get("online-online", 0)

    @property
    def paper_paper(self) -> int:
        return self.by_sources.get("paper-paper", 0)

    @property
    def online_paper(self) -> int:
        return self.by_sources.get("online-paper", 0)


def _pair_method(respondent: Respondent, first: str, second: str) -> str:
    a, b = respondent.records[first], respondent.records[second]
    if a.study_code and a.study_code == b.study_code:
        return STUDY_CODE
    if a.self_code and a.self_code == b.self_code:
        return SELF_CODE
    return respondent.method


def hamming(a: str, b: str) -> int:
    """The number of positions where two codes of equal length differ (len+1 when unequal)."""
    if len(a) != len(b):
        return max(len(a), len(b)) + 1
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _weaker(a: str, b: str) -> str:
    return max(a, b, key=METHODS.index)


def _can_join(a: Respondent, b: Respondent) -> bool:
    if a is b or set(a.records) & set(b.records):
        return False
    return not (a.study_code and b.study_code and a.study_code != b.study_code)


def _join(a: Respondent, b: Respondent, method: str) -> Respondent:
    a.records.update(b.records)
    a.study_code = a.study_code or b.study_code
    a.self_codes |= b.self_codes
    a.method = _weaker(_weaker(a.method, b.method), method)
    a.links += b.links + 1
    return a


def _by_study_code(records: Iterable[Record]) -> list[Respondent]:
    people: dict[str, Respondent] = {}
    alone: list[Respondent] = []
    for record in sorted(records, key=lambda r: r.id):
        if record.study_code is None:
            alone.append(
                Respondent({record.wave: record}, None, {record.self_code} - {""}, STUDY_CODE)
            )
            continue
        person = people.get(record.study_code)
        if person is None:
            people[record.study_code] = Respondent(
                {record.wave: record}, record.study_code, {record.self_code} - {""}
            )
        elif record.wave not in person.records:
            person.records[record.wave] = record
            person.self_codes |= {record.self_code} - {""}
            person.links += 1
    return [*people.values(), *alone]


def _ambiguous(records: Sequence[Record]) -> set[str]:
    per_wave = Counter((r.wave, r.self_code) for r in records if r.self_code)
    return {code for (_wave, code), n in per_wave.items() if n > 1}


def _link_exact(people: list[Respondent], ambiguous: set[str]) -> list[Respondent]:
    by_code: dict[str, list[Respondent]] = defaultdict(list)
    for person in people:
        for code in person.self_codes - ambiguous:
            by_code[code].append(person)
    merged_into: dict[int, Respondent] = {}

    def current(person: Respondent) -> Respondent:
        while id(person) in merged_into:
            person = merged_into[id(person)]
        return person

    for code in sorted(by_code):
        holders = [current(p) for p in by_code[code]]
        unique = list({id(p): p for p in holders}.values())
        if len(unique) < 2:
            continue
        head = unique[0]
        if not all(_can_join(head, other) for other in unique[1:]):
            continue
        for other in unique[1:]:
            if _can_join(head, other):
                _join(head, other, SELF_CODE)
                merged_into[id(other)] = head
    return [p for p in people if id(p) not in merged_into]


def _link_tolerant(
    people: list[Respondent], waves: set[str], ambiguous: set[str]
) -> list[Respondent]:
    incomplete = [p for p in people if p.self_codes - ambiguous and set(p.records) != waves]

    def near(a: Respondent) -> list[Respondent]:
        return [
            b
            for b in incomplete
            if _can_join(a, b)
            and any(
                hamming(x, y) == 1
                for x in a.self_codes - ambiguous
                for y in b.self_codes - ambiguous
            )
        ]

    candidates = {id(p): near(p) for p in incomplete}
    merged: set[int] = set()
    for person in incomplete:
        options = candidates[id(person)]
        if id(person) in merged or len(options) != 1:
            continue
        other = options[0]
        if id(other) in merged or len(candidates[id(other)]) != 1:
            continue
        _join(person, other, SELF_CODE_TOLERANT)
        merged.add(id(other))
    return [p for p in people if id(p) not in merged]


def link(records: Iterable[Record], *, tolerant: bool = True) -> Linkage:
    """Link ``records`` (the responses of one edition's waves for one audience) into
    respondents: by study code, then exact self-made code, then (``tolerant``) one differing
    character. Deterministic: the result depends on the records, not on their order."""
    records = sorted(records, key=lambda r: r.id)
    ambiguous = _ambiguous(records)
    people = _link_exact(_by_study_code(records), ambiguous)
    if tolerant:
        people = _link_tolerant(people, {r.wave for r in records}, ambiguous)
    people.sort(key=lambda p: min(r.id for r in p.records.values()))
    return Linkage(people, ambiguous)
