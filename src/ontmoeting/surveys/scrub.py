"""Masking what identifies a person in free text, before an open answer reaches a researcher.

Pure Python (no Django): :func:`ontmoeting.surveys.scrub_names.database_scrubber` feeds it the
names the database knows. Each finding is replaced by a fixed, language-neutral token, the same
in every language of the app and of the exports:

- ``[EMAIL]`` — an e-mail address, also written ``jan(at)example.org`` or ``jan[at]example.org``.
- ``[ID]`` — a number that identifies: a bank account (IBAN, ``BE71 0961 2345 6769``) or a
  Belgian national register number (``85.07.15-123.45``, ``85071512345``).
- ``[PHONE]`` — a phone number: Belgian (``0470 12 34 56``, ``0470/12.34.56``, ``09 264 11 11``),
  Italian (``333 123 4567``, ``02 1234 5678``) or international (``+32 470 12 34 56``,
  ``+32 (0)9 ...``, ``0039 333 1234567``). A run of digits counts by its digits: with ``+``, 8 to
  15; with ``00``, 11 to 17; with ``0``, 9 to 11; with ``3`` (an Italian mobile), exactly 10.
  So years (``2025``), dates (``12/03/2025``, ``03.12.2025``), counts (``3 keer``), scores
  (``4/5``) and postcodes stay.
- ``[ADDRESS]`` — a street with a house number (``Kerkstraat 12 bus 3``,
  ``Sint-Pietersnieuwstraat 33``, ``Blandijnberg 2``, ``Korte Meer 7``, ``Via Roma 10``,
  ``Piazza Garibaldi, 3``, ``Rue de la Loi 16``), with its postcode and town when they follow,
  and a postcode before a town (``9000 Gent``, ``20121 Milano``, ``1012 AB Amsterdam``). A town
  alone (``in Gent``) is not an address: it stays.
- ``[NAME]`` — a name known to the database, whole words, without regard to case or accents
  (``jan peeters``, ``Zoe`` for ``Zoë``), a multi-word name as one (``Jan Van den Bossche``); and
  a capitalised name after a cue (``mijn buurman Jan``, ``mevrouw Claes``, ``dhr. Peeters``,
  ``mijn naam is``, ``ik ben``, ``il mio vicino``, ``signora Rossi``, ``dottoressa Bianchi``).
  Not masked on their own: parts of known names shorter than three letters and function words
  (``De`` of ``De Smet``, ``Van``, ``Di``); ordinary words that are also names (``Roos``,
  ``Rosa``, ``Ben``, ``Hoop``: :data:`~ontmoeting.surveys.scrub_words.ORDINARY_WORDS`) only when
  capitalised inside a sentence.

Every finding is located in the original text (e-mail first, then identifying numbers, phone,
address, name; a later
kind never overlaps an earlier one), so :meth:`Scrubber.scrub_excerpt` can scrub a part of an
answer as it reads in the whole. Scrubbing is idempotent: the tokens are left as they are.

Not caught (a reader still has to be careful): names the database does not know and that follow
no cue (a friend's name, a town's mayor), names shorter than three letters, nicknames and
misspellings, names written in lower case that are also ordinary words, addresses without a
house number or postcode, other numbers that identify (licence plates, passport numbers),
web addresses and social-media handles, and what a story tells
without any name ("the only Italian nurse of the ward").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ontmoeting.surveys import scrub_words as words

EMAIL = "email"
PHONE = "phone"
ADDRESS = "address"
NAME = "name"
NUMBER = "id"
KINDS = (EMAIL, NUMBER, PHONE, ADDRESS, NAME)
#: The token that replaces each kind of finding (fixed: not translated).
TOKENS = {
    EMAIL: "[EMAIL]",
    NUMBER: "[ID]",
    PHONE: "[PHONE]",
    ADDRESS: "[ADDRESS]",
    NAME: "[NAME]",
}
_KEPT = ""  # a token already in the text: kept as it is, counted as nothing

_PLACEHOLDER = re.compile(r"\[(?:EMAIL|ID|PHONE|ADDRESS|NAME)\]")

# Identifying numbers: bank accounts (IBAN) and Belgian national register numbers ---------------

_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?!\w)")
#: YY.MM.DD-XXX.CC, with or without the dots and dash (11 digits); not after "+" or "00".
_NATIONAL_NUMBER = re.compile(r"(?<![\w.+])\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}(?![\w])")


def _numbers(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _IBAN.finditer(text)] + [
        m.span() for m in _NATIONAL_NUMBER.finditer(text)
    ]


# E-mail ------------------------------------------------------------------------------------------

_LOCAL_CHAR = r"[\w!#$%&'*+/=?^`{|}~-]"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(
    r"(?<![\w!#$%&'*+/=?^`{|}~.-])"
    + _LOCAL_CHAR
    + r"+(?:\."
    + _LOCAL_CHAR
    + r"+)*(?:@|\s?[\[(]at[\])]\s?)"
    + _LABEL
    + r"(?:\."
    + _LABEL
    + r")+",
    re.IGNORECASE,
)

_AT = re.compile(r"@|[\[(]at[\])]", re.IGNORECASE)

# Phone -------------------------------------------------------------------------------------------

_SPACE = "[ \u00a0]"
_PHONE_SEP = rf"(?:{_SPACE}?\(0\){_SPACE}?|{_SPACE}?/{_SPACE}?|[.-]|{_SPACE})"
_PHONE_RUN = re.compile(rf"(?<![\w+])(?<!\d[.,/-])\+?\d+(?:{_PHONE_SEP}\d+)*")
_DIGIT_GROUP = re.compile(r"\(0\)|(\d+)")
_MAX_GROUPS = 8


def _looks_like_date(groups: list[str], seps: list[str]) -> bool:
    """``12/03/2025``, ``03.12.25``: day, month, year with one separator."""
    return (
        len(groups) >= 3
        and len(groups[0]) <= 2
        and len(groups[1]) <= 2
        and len(groups[2]) in (2, 4)
        and seps[0] == seps[1]
        and seps[0].strip() in {"/", ".", "-"}
    )


def _is_phone(groups: list[str], seps: list[str], *, plus: bool) -> bool:
    """Whether digit ``groups`` (joined by ``seps``) make a phone number (module docstring)."""
    digits = "".join(groups)
    if _looks_like_date(groups, seps):
        return False
    if plus:
        return 8 <= len(digits) <= 15 and digits[0] != "0"
    if digits.startswith("00"):
        return 11 <= len(digits) <= 17 and digits[2] != "0"
    if digits.startswith("0"):
        return 9 <= len(digits) <= 11
    return digits.startswith("3") and len(digits) == 10


def _phones_in_run(start: int, run: str) -> list[tuple[int, int]]:
    """The phone numbers in a run of digit groups: from each group, the longest valid one."""
    parts = [(m.start(1), m.end(1)) for m in _DIGIT_GROUP.finditer(run) if m.group(1)]
    groups = [run[a:b] for a, b in parts]
    seps = [run[parts[k][1] : parts[k + 1][0]] for k in range(len(parts) - 1)]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(parts):
        plus = i == 0 and run.startswith("+")
        last = min(len(parts), i + _MAX_GROUPS) - 1
        for j in range(last, i - 1, -1):
            if _is_phone(groups[i : j + 1], seps[i:j], plus=plus):
                found.append((start + (0 if plus else parts[i][0]), start + parts[j][1]))
                i = j
                break
        i += 1
    return found


def _phones(text: str) -> list[tuple[int, int]]:
    return [span for m in _PHONE_RUN.finditer(text) for span in _phones_in_run(m.start(), m[0])]


# Address -----------------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
_CAP_WORD = rf"[{_UP}][\w'’.-]*"
_PARTICLE = (
    r"(?:de|del|della|dei|degli|delle|di|da|dal|dalla|la|le|les|du|des|van|der|den|het|ter|ten|"
    r"l'|d'|dell'|all'|sull')"
)
_NUMBER = (
    r"\d{1,4}[a-zA-Z]?"
    r"(?:[ ,]*(?:bus|bte|box|int\.|interno|scala)[ ]?\d+[a-zA-Z]?|/\d+[a-zA-Z]?)?(?![\w/])"
)
_TOWN = (
    rf"[{_UP}][\w'’]*(?:-[\w'’]+)*(?:[ ][{_UP}][\w'’]*(?:-[\w'’]+)*){{0,2}}(?:[ ]?\([A-Z]{{2}}\))?"
)
_POSTCODE_TOWN = (
    rf"(?:(?:[BI]-?[ ]?)?(?P<code>\d{{4}})(?:[ ]?[A-Z]{{2}})?|(?:I-?)?\d{{5}})[ ]+{_TOWN}"
)
_TAIL = rf",?[ ]*{_NUMBER}(?:,?[ ]+{_POSTCODE_TOWN.replace('?P<code>', '')})?"
_STREET_WORD = (
    rf"(?i:[\w'’-]{{2,}}?(?:{words.STREET_ENDINGS}))"
    rf"|[{_UP}][\w'’-]{{2,}}?(?:{words.STREET_ENDINGS_CAPITALISED})(?!\w)"
)
_STREET = re.compile(rf"(?<!\w)(?:{_CAP_WORD}[ ]){{0,2}}(?:{_STREET_WORD}){_TAIL}")
_NAMED_PART = rf"(?:(?i:{_PARTICLE})[ ]?)*{_CAP_WORD}"
_OPENED_STREET = re.compile(
    rf"(?<!\w)(?:(?i:{words.STREET_OPENERS})|{words.STREET_OPENERS_CAPITALISED})"
    rf"[ ]+{_NAMED_PART}(?:[ ]+{_NAMED_PART}){{0,3}}{_TAIL}"
)
_POSTCODE = re.compile(rf"(?<![\w.,/-]){_POSTCODE_TOWN}")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
#: A word and a number after it: an address needs one (a street and its number, or a postcode
#: and its town); without, the slower patterns are not tried.
_HOUSE_NUMBER = re.compile(r"\w[.,]?[ ]+\d|\d[ ]+\w")


def _is_year_phrase(text: str, match: re.Match[str]) -> bool:
    """``sinds 2019 Gent``: a year after a cue word, not a postcode."""
    code = match.group("code")
    if code is None or not 1900 <= int(code) <= 2099:
        return False
    before = _WORD_BEFORE.search(text[: match.start()])
    return before is not None and before[1].casefold() in words.YEAR_CUES


def _addresses(text: str) -> list[tuple[int, int]]:
    if _HOUSE_NUMBER.search(text) is None:  # the quick way out for most answers
        return []
    spans = [m.span() for m in _STREET.finditer(text)]
    spans += [m.span() for m in _OPENED_STREET.finditer(text)]
    spans += [m.span() for m in _POSTCODE.finditer(text) if not _is_year_phrase(text, m)]
    return spans


# Names -------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W_]+)*")
_CUE = re.compile(rf"(?<!\w)(?:{words.NAME_CUES})(?:(?<=\.)|(?!\w))", re.IGNORECASE)
_CUE_GAP = re.compile(r"[ \u00a0\t:,]{1,3}")
_NAME_GAP = re.compile(
    r"\s+(?:(?:van|von|de|der|den|di|da|del|della|le|la|du|des|ter|ten)\s+){0,2}", re.IGNORECASE
)
_OPENING = "\"'“”‘’«»([-–—*•"
_MAX_CUE_WORDS = 4


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` in lower case without accents (``"Zoë"`` -> ``"zoe"``): how names compare."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _parts(folded: str) -> list[str]:
    """The parts of a hyphenated or apostrophed word (``"jean-pierre"``, ``"jan's"``)."""
    if "-" not in folded and "'" not in folded:
        return []
    return [p for p in re.split(r"['-]", folded) if p]


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    folded: str
    blocked: bool  # inside an e-mail, phone, address or token already found


def _sentence_start(text: str, position: int) -> bool:
    """Whether the word at ``position`` opens a sentence (or a line)."""
    j = position - 1
    while j >= 0 and (text[j].isspace() or text[j] in _OPENING):
        if text[j] == "\n":
            return True
        j -= 1
    return j < 0 or text[j] in ".!?…"


def _capitalised(token: _Token) -> bool:
    return token.text[0].isupper()


def _may_stand_alone(text: str, token: _Token, folded: str) -> bool:
    """Whether a known name ``folded`` may be masked where ``token`` stands (module docstring)."""
    if sum(c.isalpha() for c in folded) < 3 or folded in words.FUNCTION_WORDS:
        return False
    if folded in words.ORDINARY_WORDS:
        return _capitalised(token) and not _sentence_start(text, token.start)
    return True


@dataclass(frozen=True)
class Finding:
    """One thing masked: where it was in the original text, and its kind."""

    start: int
    end: int
    kind: str


def _overlaps(span: tuple[int, int], findings: Iterable[Finding]) -> bool:
    return any(span[0] < f.end and f.start < span[1] for f in findings)


def _blocked(spans: list[tuple[int, int]], findings: list[Finding]) -> list[bool]:
    """For each of the ordered ``spans``, whether it overlaps one of ``findings`` (linear)."""
    ordered = sorted((f.start, f.end) for f in findings)
    flags = []
    k = 0
    for start, end in spans:
        while k < len(ordered) and ordered[k][1] <= start:
            k += 1
        flags.append(k < len(ordered) and ordered[k][0] < end)
    return flags


def _merge_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping name spans, and spans apart by blanks or particles only, become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (
            start <= merged[-1][1] or _NAME_GAP.fullmatch(text, merged[-1][1], start) is not None
        ):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Scrubber:
    """Masks e-mail addresses, phone numbers, addresses and names in free text.

    ``known_names``: names of people known to the database, full ("Jan Peeters") or in parts
    ("Jan", "Van den Bossche"); each is matched as a whole and each of its words on its own."""

    def __init__(self, known_names: Iterable[str] = ()) -> None:
        self._phrases: set[tuple[str, ...]] = set()
        for name in known_names:
            tokens = tuple(fold(m[0]) for m in _WORD.finditer(name))
            if not tokens:
                continue
            self._phrases.add(tokens)
            for token in tokens:
                self._phrases.add((token,))
                self._phrases.update((part,) for part in _parts(token))
        #: The first words of the names of more than one word (a quick test before the rest).
        self._openers = {p[0] for p in self._phrases if len(p) > 1}
        self._longest = max((len(p) for p in self._phrases), default=0)

    # The public API ------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        """``text`` with every finding replaced by its token."""
        return self.scrub_report(text)[0]

    def scrub_report(self, text: str) -> tuple[str, dict[str, int]]:
        """``text`` scrubbed, and how many findings of each kind were masked."""
        findings = self.findings(text)
        counts = dict.fromkeys(KINDS, 0)
        for finding in findings:
            if finding.kind != _KEPT:
                counts[finding.kind] += 1
        return _render(text, findings, 0, len(text)), counts

    def scrub_excerpt(self, text: str, excerpt: str) -> str:
        """An excerpt of ``text`` scrubbed as it reads in the whole of ``text`` (a finding cut
        by the excerpt's edge is masked whole); an excerpt not in ``text`` is scrubbed alone."""
        start = text.find(excerpt) if excerpt else -1
        if start < 0:
            return self.scrub(excerpt)
        return _render(text, self.findings(text), start, start + len(excerpt))

    def findings(self, text: str) -> list[Finding]:
        """What :meth:`scrub` masks, in the order of the text (tokens already there included,
        with kind ``""``)."""
        found = [Finding(*m.span(), _KEPT) for m in _PLACEHOLDER.finditer(text)]
        emails = [m.span() for m in _EMAIL.finditer(text)] if _AT.search(text) else []
        for kind, spans in (
            (EMAIL, emails),
            (NUMBER, _numbers(text)),
            (PHONE, _phones(text)),
            (ADDRESS, _addresses(text)),
        ):
            for span in sorted(spans):
                if not _overlaps(span, found):
                    found.append(Finding(span[0], span[1], kind))
        words_found = list(_WORD.finditer(text))
        blocked = _blocked([m.span() for m in words_found], found)
        tokens = [
            _Token(m.start(), m.end(), m[0], fold(m[0]), is_blocked)
            for m, is_blocked in zip(words_found, blocked, strict=True)
        ]
        spans = self._known_names(text, tokens) + _cued_names(text, tokens)
        found += [
            Finding(start, end, NAME)
            for start, end in _merge_names(text, spans)
            if not _overlaps((start, end), found)
        ]
        return sorted(found, key=lambda f: f.start)

    # Known names -------------------------------------------------------------------------------

    def _known_names(self, text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
        spans = []
        i = 0
        while i < len(tokens):
            length = self._match_at(text, tokens, i)
            if length:
                spans.append((tokens[i].start, tokens[i + length - 1].end))
            i += max(length, 1)
        return spans

    def _match_at(self, text: str, tokens: list[_Token], i: int) -> int:
        """The number of tokens of the longest known name that starts at token ``i`` (0: none)."""
        token = tokens[i]
        if token.blocked:
            return 0
        longest = min(self._longest, len(tokens) - i) if token.folded in self._openers else 1
        for length in range(longest, 1, -1):
            window = tokens[i : i + length]
            if (
                tuple(t.folded for t in window) in self._phrases
                and not any(t.blocked for t in window)
                and all(text[a.end : b.start].isspace() for a, b in pairwise(window))
                and any(_may_stand_alone(text, t, t.folded) for t in window)
            ):
                return length
        candidates = [token.folded, *_parts(token.folded)]
        known = any((c,) in self._phrases and _may_stand_alone(text, token, c) for c in candidates)
        return 1 if known else 0


def _cued_names(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Capitalised words after a cue ("mijn buurman Jan Peeters", "signora De Luca")."""
    spans = []
    starts = [t.start for t in tokens]
    for cue in _CUE.finditer(text):
        k = bisect_left(starts, cue.end())
        if k == len(tokens) or _CUE_GAP.fullmatch(text, cue.end(), tokens[k].start) is None:
            continue
        span = _name_from(text, tokens, k)
        if span is not None:
            spans.append(span)
    return spans


def _name_from(text: str, tokens: list[_Token], k: int) -> tuple[int, int] | None:
    """Capitalised words (and particles between them) from token ``k``, at most four."""
    last = None
    for n in range(k, min(k + _MAX_CUE_WORDS, len(tokens))):
        token = tokens[n]
        if token.blocked or (n > k and not text[tokens[n - 1].end : token.start].isspace()):
            break
        if _capitalised(token):
            last = n
        elif token.folded not in words.PARTICLES:
            break
    return (tokens[k].start, tokens[last].end) if last is not None else None


def _render(text: str, findings: list[Finding], start: int, end: int) -> str:
    """``text[start:end]`` with each finding that touches it replaced by its token."""
    pieces = []
    position = start
    for finding in findings:
        if finding.end <= start or finding.start >= end:
            continue
        if finding.start > position:
            pieces.append(text[position : finding.start])
        token = TOKENS.get(finding.kind, text[finding.start : finding.end])
        pieces.append(token)
        position = max(position, finding.end)
    if position < end:
        pieces.append(text[position:end])
    return "".join(pieces)
