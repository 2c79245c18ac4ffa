"""Reading one cell: booleans, genders, dates, lists, codes in Dutch, English or Italian."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from ontmoeting.people.enums import Gender, Language, Role, Training, WorkStatus
from ontmoeting.privacy.tabular import restore_text


class CellError(ValueError):
    """A cell that cannot be read; the message is the translated reason."""


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


def split_list(text: str) -> list[str]:
    """``"a; b | c"`` → ``["a", "b", "c"]`` (empty items dropped)."""
    return [item.strip() for item in re.split(r"[;|]", text) if item.strip()]


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


_TRUE = {"yes", "y", "ja", "j", "sì", "si", "true", "waar", "vero", "1", "x"}
_FALSE = {"no", "n", "nee", "false", "onwaar", "falso", "0", ""}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _norm(cell_text(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(
        _("not a yes/no value (use yes/no, ja/nee, sì/no, true/false, 1/0, x or empty)")
    )


_GENDERS = {
    Gender.FEMALE: {"f", "v", "vrouw", "female", "woman", "vrouwelijk", "donna", "femmina"},
    Gender.MALE: {"m", "man", "male", "mannelijk", "uomo", "maschio"},
    Gender.X: {"x", "other", "ander", "anders", "non binary", "non binair", "altro"},
    Gender.UNKNOWN: {""},
}
_GENDER_LOOKUP = {word: code for code, words in _GENDERS.items() for word in words}


def parse_gender(value: object) -> str:
    text = _norm(cell_text(value))
    if text not in _GENDER_LOOKUP:
        raise CellError(_("unknown gender (use f, m, x, v, vrouw, man or leave empty)"))
    return str(_GENDER_LOOKUP[text])


def parse_date(value: object, *, today: dt.date) -> dt.date:
    """ISO, Belgian (01/03/2019, 1-3-2019, 1.3.2019), an Excel date or serial, or a year alone."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = _parse_date_text(value)
    if day > today:
        raise CellError(_("date lies in the future"))
    return day


def _parse_date_text(value: object) -> dt.date:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value)
        if number != value:
            raise CellError(_("not a date (use 2019-03-01, 01/03/2019 or 2019)"))
        if 1900 <= number <= 2100:
            return dt.date(number, 1, 1)
        if 1 <= number <= 100_000:  # an Excel serial day number (1900 date system)
            return dt.date(1899, 12, 30) + dt.timedelta(days=number)
        raise CellError(_("not a date (use 2019-03-01, 01/03/2019 or 2019)"))
    text = cell_text(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise CellError(_("not an existing date")) from None
    raise CellError(_("not a date (use 2019-03-01, 01/03/2019 or 2019)"))


class CodeLookup:
    """Codes and their labels (in every language, plus extra aliases) → code, ignoring case."""

    def __init__(self, pairs: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._map: dict[str, str] = {}
        for code, names in pairs:
            self._map.setdefault(_norm(code), code)
            for name in names:
                if name:
                    self._map.setdefault(_norm(name), code)

    def get(self, text: str) -> str | None:
        return self._map.get(_norm(text))

    def codes(self) -> set[str]:
        return set(self._map.values())

    @classmethod
    def for_choices(
        cls, choices: type[models.TextChoices], aliases: dict[str, tuple[str, ...]]
    ) -> CodeLookup:
        pairs: list[tuple[str, list[str]]] = []
        for choice in choices:
            names = [str(choice.label)]  # the English source label
            for language in ("nl", "en", "it"):
                with translation.override(language):
                    names.append(str(choice.label))
            names.extend(aliases.get(choice.value, ()))
            pairs.append((choice.value, names))
        return cls(pairs)


#: Dutch (and a few Italian) names, so the lookups work before the catalogues are compiled.
LANGUAGE_ALIASES = {
    "nl": ("Nederlands", "Vlaams", "olandese", "nederlandese"),
    "en": ("Engels", "inglese"),
    "it": ("Italiaans", "italiano"),
    "fr": ("Frans", "français", "francese"),
    "de": ("Duits", "Deutsch", "tedesco"),
    "ar": ("Arabisch", "arabo"),
    "tr": ("Turks", "turco"),
    "sgn": ("gebarentaal", "Vlaamse gebarentaal", "VGT", "lingua dei segni", "LIS"),
}
STATUS_ALIASES = {
    "volunteer": ("vrijwilliger", "vrijwilligster", "volontario"),
    "paid_employee": ("betaalde werknemer", "werknemer", "loontrekkende", "bediende", "dipendente"),
    "self_employed": ("zelfstandige", "zelfstandig", "autonomo"),
    "none": ("geen statuut", "geen status", "geen", "nessuno"),
}
TRAINING_ALIASES = {
    "none": ("geen opleiding", "geen", "nessuna"),
    "experience_work": (
        "opleiding ervaringswerk",
        "opleiding ervaringsdeskundigheid",
        "opleiding ervaringsdeskundige",
    ),
    "professional": ("professionele opleiding", "beroepsopleiding"),
    "both": ("beide", "allebei", "entrambi"),
}
ROLE_ALIASES = {
    "critical_voice": ("kritische stem",),
    "bridge_figure": ("brugfiguur", "brugfunctie"),
    "signal_function": ("signaalfunctie",),
    "support": ("ondersteuning", "steun"),
    "lifeworld": ("leefwereld",),
    "accessibility": ("toegankelijkheid",),
    "policy_influence": ("beleidsbeïnvloeding", "beleidsbeinvloeding"),
    "public_image": ("beeldvorming", "beïnvloeden van beeldvorming", "publieke beeldvorming"),
    "no_specific_role": ("geen specifieke rol", "geen rol"),
}


def language_lookup() -> CodeLookup:
    return CodeLookup.for_choices(Language, LANGUAGE_ALIASES)


def status_lookup() -> CodeLookup:
    return CodeLookup.for_choices(WorkStatus, STATUS_ALIASES)


def training_lookup() -> CodeLookup:
    return CodeLookup.for_choices(Training, TRAINING_ALIASES)


def role_lookup() -> CodeLookup:
    return CodeLookup.for_choices(Role, ROLE_ALIASES)
