"""Reading one cell: dates, lists and enumerated values in the words coordinators write.

An enumerated value is looked up in a ``Vocabulary``: the codes, their labels in Dutch, English and
Italian, the curated synonyms of ``words.py`` and the department's own (which win). A value that is
not known raises ``CellError`` carrying the value, the field and a did-you-mean suggestion, so the
report can group the same unknown word over many rows and the preview can map it once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from ontmoeting.editions.roster.words import BUILTIN_SYNONYMS, FIELDS, fold
from ontmoeting.people.enums import (
    Gender,
    Language,
    ProfessionalFunction,
    Role,
    Training,
    WorkStatus,
)
from ontmoeting.privacy.tabular import restore_text

LABEL_LANGUAGES = ("nl", "en", "it")


class CellError(ValueError):
    """A cell that cannot be read; the message is the translated reason.

    ``unknown`` is the word that was not recognised (in a list, the one item), ``field`` its
    vocabulary and ``suggestion`` the code it most resembles, for a did-you-mean.
    """

    def __init__(
        self,
        reason: str,
        *,
        unknown: str | None = None,
        field: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.unknown = unknown
        self.field = field
        self.suggestion = suggestion


def cell_text(value: object) -> str:
    """The cell as text: Excel numbers without a spurious '.0', dates in ISO format, and text
    our own exports neutralised (``'+32 ...``) without its quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return restore_text(str(value).strip())


#: Between the items of a list: ; | , / + & a line break, or the word "en", "and", "e", "und".
_SEPARATORS = re.compile(r"\s*(?:[;|,/+&\n]|\s(?:en|and|e|und|et)\s)\s*", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """``"a; b | c, d/e en f"`` → ``["a", "b", "c", "d", "e", "f"]`` (empty items dropped)."""
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


@dataclass
class Vocabulary:
    """The words of one enumerated field → code, and the code's label in each language."""

    field: str
    labels: dict[str, dict[str, str]]  # code → language → label
    words: dict[str, str] = dc_field(default_factory=dict)  # folded word → code

    @classmethod
    def build(
        cls,
        field_name: str,
        labels: dict[str, dict[str, str]],
        own: Mapping[str, str] = {},
    ) -> Vocabulary:
        vocabulary = cls(field_name, labels)
        for word, code in own.items():  # the department decides first
            if code in labels:
                vocabulary.words[fold(word)] = code
        for code, by_language in labels.items():
            vocabulary._add(code, [code, *by_language.values()])
        for code, synonyms in BUILTIN_SYNONYMS.get(field_name, {}).items():
            if code in labels:
                vocabulary._add(code, synonyms)
        return vocabulary

    def _add(self, code: str, words: Iterable[str]) -> None:
        for word in words:
            folded = fold(word)
            if folded or code == "":
                self.words.setdefault(folded, code)

    def get(self, text: str) -> str | None:
        """The code ``text`` means, or None."""
        return self.words.get(fold(text))

    def label(self, code: str, language: str | None = None) -> str:
        """The code's label in ``language`` (default: the active one), falling back to English."""
        by_language = self.labels.get(code, {})
        language = (language or translation.get_language() or "nl")[:2]
        return by_language.get(language) or by_language.get("en") or code

    def suggest(self, text: str) -> str | None:
        """The code whose words ``text`` most resembles (a typo, a longer or shorter form)."""
        folded = fold(text)
        if not folded:
            return None
        close = difflib.get_close_matches(folded, self.words, n=1, cutoff=0.75)
        if close:
            return self.words[close[0]]
        for word, code in self.words.items():
            if len(word) >= 4 and len(folded) >= 4 and (word in folded or folded in word):
                return code
        return None

    def accepted(self) -> str:
        """The labels in the active language, for a message: "geen opleiding, beide, …"."""
        return ", ".join(self.label(code) for code in self.labels if self.label(code))

    def unknown(self, text: str) -> CellError:
        """The error for a word this vocabulary does not know, with a did-you-mean."""
        suggestion = self.suggest(text)
        parts = {"field": FIELDS[self.field], "word": text, "accepted": self.accepted()}
        if suggestion is not None:
            reason = _(
                "unknown %(field)s “%(word)s”; did you mean “%(suggestion)s”? (known: %(accepted)s)"
            ) % {
                **parts,
                "suggestion": self.label(suggestion),
            }
        else:
            reason = _("unknown %(field)s “%(word)s” (known: %(accepted)s)") % parts
        return CellError(reason, unknown=text, field=self.field, suggestion=suggestion)

    def one(self, text: str) -> str:
        """The code of a single value; CellError when unknown."""
        code = self.get(text)
        if code is None:
            raise self.unknown(text)
        return code

    def several(self, text: str) -> list[str]:
        """The codes of a list, in order and without repeats; CellError on the first unknown.

        The whole cell is tried first (a label may hold a separator word), then its items; an
        unknown item is tried word by word ("nl en" is Dutch and English).
        """
        whole = self.get(text)
        if whole is not None:
            return [whole] if whole else []
        codes: list[str] = []
        for item in split_list(text):
            for code in self._item(item):
                if code and code not in codes:
                    codes.append(code)
        return codes

    def _item(self, item: str) -> list[str]:
        code = self.get(item)
        if code is not None:
            return [code]
        words = item.split()
        if len(words) > 1 and all(self.get(word) is not None for word in words):
            return [self.words[fold(word)] for word in words]
        raise self.unknown(item)


def choice_labels(choices: type[models.TextChoices]) -> dict[str, dict[str, str]]:
    """Code → language → label of a Django choices class."""
    labels: dict[str, dict[str, str]] = {}
    for choice in choices:
        labels[str(choice.value)] = {}
        for language in LABEL_LANGUAGES:
            with translation.override(language):
                labels[str(choice.value)][language] = str(choice.label)
    return labels


def yes_no_labels() -> dict[str, dict[str, str]]:
    return {
        "yes": {"nl": "ja", "en": "yes", "it": "sì"},
        "no": {"nl": "nee", "en": "no", "it": "no"},
    }


#: Fields that hold a yes or a no.
YES_NO_FIELDS = frozenset({"can_chair", "co_facilitate"})

#: Field → its choices; domains and sectors come from the database (``domain_labels``).
CHOICES: dict[str, type[models.TextChoices]] = {
    "languages": Language,
    "status": WorkStatus,
    "training": Training,
    "roles": Role,
    "gender": Gender,
    "function": ProfessionalFunction,
}


def field_labels(field_name: str) -> dict[str, dict[str, str]]:
    """Code → language → label for a field other than domains and sectors."""
    if field_name in YES_NO_FIELDS:
        return yes_no_labels()
    return choice_labels(CHOICES[field_name])


def parse_bool(value: object, vocabulary: Vocabulary) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    return bool(text) and vocabulary.one(text) == "yes"


MONTHS = {
    1: ("januari", "jan", "january", "gennaio", "gen", "janvier"),
    2: ("februari", "feb", "febr", "february", "febbraio", "fevrier"),
    3: ("maart", "mrt", "maa", "march", "mar", "marzo", "mars"),
    4: ("april", "apr", "aprile", "avril"),
    5: ("mei", "may", "maggio", "mag", "mai"),
    6: ("juni", "jun", "june", "giugno", "giu", "juin"),
    7: ("juli", "jul", "july", "luglio", "lug", "juillet"),
    8: ("augustus", "aug", "august", "agosto", "ago", "aout"),
    9: ("september", "sep", "sept", "settembre", "set", "septembre"),
    10: ("oktober", "okt", "october", "oct", "ottobre", "ott", "octobre"),
    11: ("november", "nov", "novembre"),
    12: ("december", "dec", "dicembre", "dic", "decembre"),
}
_MONTH_OF = {fold(name): number for number, names in MONTHS.items() for name in names}


@dataclass(frozen=True)
class ReadDate:
    """A date as read, and whether only a month or a year was given (the first day was taken)."""

    day: dt.date
    partial: bool = False


def parse_date(value: object, *, today: dt.date) -> ReadDate:
    """ISO, Belgian (01/03/2019, 1-3-2019, 1.3.2019), an Excel date or serial, a month and a year
    (maart 2019, 03/2019, 2019-03) or a year alone; a month or year stands for its first day."""
    if isinstance(value, dt.datetime):
        read = ReadDate(value.date())
    elif isinstance(value, dt.date):
        read = ReadDate(value)
    else:
        read = _parse_date_text(value)
    if read.day > today:
        raise CellError(_("date lies in the future"))
    return read


def _not_a_date() -> CellError:
    return CellError(_("not a date (use 2019-03-01, 01/03/2019, maart 2019, 03/2019 or 2019)"))


def _parse_date_number(value: float) -> ReadDate:
    number = int(value)
    if number != value:
        raise _not_a_date()
    if 1900 <= number <= 2100:
        return ReadDate(dt.date(number, 1, 1), partial=True)
    if 1 <= number <= 100_000:  # an Excel serial day number (1900 date system)
        return ReadDate(dt.date(1899, 12, 30) + dt.timedelta(days=number))
    raise _not_a_date()


def _parse_date_text(value: object) -> ReadDate:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _parse_date_number(value)
    text = cell_text(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return ReadDate(dt.date(int(text), 1, 1), partial=True)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
            return ReadDate(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text):
            return ReadDate(dt.date(int(m[3]), int(m[2]), int(m[1])))
        if m := re.fullmatch(r"(\d{4})[/\-.](\d{1,2})", text):
            return ReadDate(dt.date(int(m[1]), int(m[2]), 1), partial=True)
        if m := re.fullmatch(r"(\d{1,2})[/\-.](\d{4})", text):
            return ReadDate(dt.date(int(m[2]), int(m[1]), 1), partial=True)
        if (m := re.fullmatch(r"([^\W\d]+)\.?\s*[-/ ]?\s*'?(\d{4})", text)) and fold(
            m[1]
        ) in _MONTH_OF:
            return ReadDate(dt.date(int(m[2]), _MONTH_OF[fold(m[1])], 1), partial=True)
    except ValueError:
        raise CellError(_("not an existing date")) from None
    raise _not_a_date()
