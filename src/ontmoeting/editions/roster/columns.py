"""The columns of a roster file: names, Dutch aliases, which are required, what they accept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeGuard

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.roster.words import fold

Kind = Literal["students", "experts", "professionals"]
KINDS: tuple[Kind, ...] = ("students", "experts", "professionals")


def is_kind(value: str) -> TypeGuard[Kind]:
    """True when ``value`` names a kind of roster."""
    return value in KINDS


@dataclass(frozen=True)
class Column:
    key: str
    aliases: tuple[str, ...]
    required: bool
    help: Promise
    example: str = ""
    max_length: int | None = None


def normalise_header(text: object) -> str:
    """``" E-mail "`` → ``"e_mail"``: lower case, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-_]+", "_", str(text or "").strip().lower()).strip("_")


REF = Column(
    "ref",
    ("ref", "referentie", "id", "nr"),
    True,
    _("Your own identifier for this person in this edition (kept; a re-import updates by it)."),
    "S001",
    50,
)
FIRST_NAME = Column("first_name", ("voornaam", "first name"), True, _("First name."), "Anna", 100)
LAST_NAME = Column(
    "last_name", ("achternaam", "familienaam", "last name"), True, _("Last name."), "Peeters", 100
)
EMAIL = Column(
    "email",
    ("e-mail", "e mail", "mail"),
    False,
    _(
        "E-mail address; optional, must be valid. A person known from an earlier year is "
        "recognised by it. Left empty, a known address is kept."
    ),
    "anna.peeters@example.org",
    254,
)
GENDER = Column(
    "gender",
    ("geslacht",),
    False,
    _("f (or v, vrouw, female), m (or man, male), x (other), or empty."),
    "f",
)
CLASS_GROUP = Column(
    "class_group",
    ("klasgroep", "klas", "class group"),
    False,
    _("Class group of the student."),
    "1BA-A",
    50,
)
LANGUAGE = Column(
    "language",
    ("taal", "talen", "languages"),
    False,
    _(
        "Language(s) for the conversation by code (nl, en, it, fr, de, ar, tr, sgn) or name; "
        "the first is the main language. Left empty, the known languages are kept."
    ),
    "nl",
)
INTERESTS = Column(
    "interests",
    ("interesses", "interesse"),
    False,
    _(
        "Domains the student wants to learn about, most wanted first, by code, name or a "
        "common word (GGZ, jeugdhulp…); several separated by ; , / or “en”."
    ),
    "addiction;poverty",
)
KNOWS = Column(
    "knows",
    ("kent",),
    False,
    _(
        "Refs of people in this edition this person already knows (they will not be paired or "
        "grouped together). A ref may name a student or an expert already imported into the "
        "edition, or another row of the same file: import the experts first, then the students."
    ),
    "E007",
)
PHONE = Column(
    "phone",
    ("telefoon", "gsm", "tel"),
    False,
    _("Phone number. Left empty, a known number is kept."),
    "0470 12 34 56",
    40,
)
SELF_HELP_GROUP = Column(
    "self_help_group",
    ("zelfhulpgroep", "self help group"),
    True,
    _("Name of the self-help group (matched ignoring case; a new name creates the group)."),
    "AA Gent",
    200,
)
MEMBER_SINCE = Column(
    "member_since",
    ("lid_sinds", "lid sinds", "member since"),
    True,
    _(
        "Date of joining the self-help group: 2019-03-01, 01/03/2019, 1-3-2019, an Excel date, "
        "a month (maart 2019, 03/2019, 2019-03 = the first of the month) or a year alone "
        "(2019 = 1 January 2019). Not in the future."
    ),
    "2019-03-01",
)
DOMAINS = Column(
    "domains",
    ("domeinen", "domein"),
    False,
    _(
        "Domains of experience by code, by name in Dutch, English or Italian, or by a common "
        "word (GGZ, jeugdhulp, beperking, echtscheiding, werkzoekend…); several separated by "
        "; , / or “en”."
    ),
    "addiction",
)
LANGUAGES = Column(
    "languages",
    ("talen", "taal", "language"),
    False,
    _(
        "Languages the expert speaks, by code or name; the first is the main language. "
        "Left empty, the known languages are kept."
    ),
    "nl;fr",
)
CAN_CHAIR = Column(
    "can_chair",
    ("kan_voorzitten", "kan voorzitten", "voorzitter", "chair"),
    False,
    _(
        "Willing to chair an afternoon group: yes/no, ja/nee, sì/no, true/false, 1/0, x; "
        "empty means no."
    ),
    "ja",
)
ACCESSIBILITY = Column(
    "accessibility",
    ("toegankelijkheid",),
    False,
    _(
        "Accessibility needs in words. Mentioning wheelchair, rolstoel, step-free, drempelvrij, "
        "rollator or sedia a rotelle marks the need for step-free rooms."
    ),
    "rolstoel",
    200,
)
DIET = Column(
    "diet", ("dieet", "voeding"), False, _("Diet for lunch, in words."), "vegetarisch", 200
)
STATUS = Column(
    "status",
    ("statuut", "statuses"),
    False,
    _(
        "Status as experience worker, by code or word: volunteer (vrijwilliger), paid_employee "
        "(betaalde werknemer, ervaringswerker), self_employed (zelfstandige), none (geen "
        "statuut); several separated by ; or ,."
    ),
    "volunteer",
)
TRAINING = Column(
    "training",
    ("opleiding", "vorming"),
    False,
    _(
        "One of: none (geen opleiding, geen), experience_work (opleiding ervaringswerk, "
        "ervaringswerk), professional (professionele opleiding, professioneel), both (beide)."
    ),
    "experience_work",
)
ROLES = Column(
    "roles",
    ("rollen", "rol"),
    False,
    _(
        "Roles by code or label: critical_voice (kritische stem), bridge_figure (brugfiguur), "
        "signal_function (signaalfunctie), support (ondersteuning), lifeworld (leefwereld), "
        "accessibility (toegankelijkheid), policy_influence (beleidsbeïnvloeding), public_image "
        "(beeldvorming), no_specific_role (geen specifieke rol)."
    ),
    "critical_voice;support",
)

SECTOR = Column(
    "sector",
    ("sector", "werkveld", "sectoren"),
    True,
    _(
        "Sector the professional works in, by code, name or a common word: ggz (GGZ, geestelijke "
        "gezondheidszorg), verslavingszorg (drughulp), jeugdhulp (jeugdzorg), or a sector the "
        "department added."
    ),
    "ggz",
)
ORGANISATION = Column(
    "organisation",
    ("organisatie", "voorziening", "werkgever", "dienst", "organization"),
    False,
    _(
        "Organisation the professional works for; people of one organisation are kept apart at "
        "the tables."
    ),
    "CGG Eclips",
    200,
)
FUNCTION = Column(
    "function",
    ("functie", "job", "functie_in_organisatie"),
    False,
    _(
        "Function: practitioner (hulpverlener, begeleider), coordinator (coördinator), "
        "policy_officer (beleidsmedewerker), manager (leidinggevende) or experience_worker "
        "(ervaringswerker); empty means practitioner."
    ),
    "hulpverlener",
)
CO_FACILITATE = Column(
    "co_facilitate",
    (
        "cofaciliteren",
        "co_faciliteren",
        "wil_cofaciliteren",
        "wil_co_faciliteren",
        "co_facilitator",
        "cofacilitator",
    ),
    False,
    _(
        "Willing to co-facilitate a table beside an expert by experience: ja/nee, yes/no, 1/0, x; "
        "empty means no."
    ),
    "nee",
)
PROFESSIONAL_KNOWS = Column(
    "knows",
    ("kent",),
    False,
    _(
        "Refs of people in this edition this professional already knows (they will not sit at "
        "one table). A ref may name an expert already imported into the edition or another row "
        "of the same file."
    ),
    "P002",
)

COLUMNS: dict[Kind, tuple[Column, ...]] = {
    "students": (
        REF,
        FIRST_NAME,
        LAST_NAME,
        EMAIL,
        GENDER,
        CLASS_GROUP,
        LANGUAGE,
        INTERESTS,
        KNOWS,
    ),
    "experts": (
        REF,
        FIRST_NAME,
        LAST_NAME,
        EMAIL,
        PHONE,
        SELF_HELP_GROUP,
        MEMBER_SINCE,
        DOMAINS,
        LANGUAGES,
        CAN_CHAIR,
        ACCESSIBILITY,
        DIET,
        STATUS,
        TRAINING,
        ROLES,
        GENDER,
        KNOWS,
    ),
    "professionals": (
        REF,
        FIRST_NAME,
        LAST_NAME,
        EMAIL,
        PHONE,
        SECTOR,
        ORGANISATION,
        FUNCTION,
        LANGUAGES,
        CO_FACILITATE,
        ACCESSIBILITY,
        GENDER,
        PROFESSIONAL_KNOWS,
    ),
}

#: Optional columns where an empty cell keeps what is already known instead of clearing it:
#: contact details and languages belong to the person across years, and a roster often lacks them.
KEEP_WHEN_EMPTY = frozenset({"email", "phone", "gender", "language", "languages"})


def columns_for(kind: Kind) -> tuple[Column, ...]:
    return COLUMNS[kind]


def header_lookup(kind: Kind) -> dict[str, str]:
    """Normalised header (name or alias) → column key for ``kind``."""
    lookup: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in (column.key, *column.aliases):
            lookup.setdefault(normalise_header(name), column.key)
    return lookup


#: Words in the accessibility needs that mean the person needs step-free rooms (lower case).
STEP_FREE_KEYWORDS = (
    "wheelchair",
    "wheel chair",
    "rolstoel",
    "step-free",
    "step free",
    "drempelvrij",
    "rollator",
    "rolwagen",
    "scootmobiel",
    "sedia a rotelle",
    "carrozzina",
    "deambulatore",
)


def needs_step_free(accessibility: str) -> bool:
    """True when the needs mention a wheelchair, rollator… (case and accents do not count)."""
    text = fold(accessibility)
    return any(fold(word) in text for word in STEP_FREE_KEYWORDS)


def kind_signs(kind: Kind) -> set[str]:
    """The column keys only a roster of ``kind`` has (class group for students; self-help group,
    member since, domains… for experts; sector, organisation, function for professionals)."""
    # Students and experts are told apart from each other; professionals from both (a
    # professional's phone or accessibility needs do not make an expert roster of it).
    pair: tuple[Kind, ...] = ("students", "experts")
    compared = [k for k in pair if k != kind]
    others = {c.key for other in compared for c in COLUMNS[other]}
    own = {c.key for c in COLUMNS[kind]}
    return own - others - {"language", "languages"}


def recognised_signs(header: list[str], kind: Kind) -> list[str]:
    """The headers of ``header`` (as written) that only a roster of ``kind`` has."""
    lookup = header_lookup(kind)
    signs = kind_signs(kind)
    return [title for title in header if lookup.get(normalise_header(title)) in signs]


def detect_kind(header: list[str]) -> Kind | None:
    """Which roster a file is from its columns, or None when its columns do not tell."""
    signs = sorted(((len(recognised_signs(header, kind)), kind) for kind in KINDS), reverse=True)
    (most, kind), (second, _other) = signs[0], signs[1]
    return kind if most > second else None
