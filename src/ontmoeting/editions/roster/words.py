"""The words coordinators write in a roster, per enumerated column, beside the codes and labels.

Each vocabulary (``FIELDS``) accepts a value's code, its label in Dutch, English and Italian, and
the synonyms below: how Flemish and Dutch coordinators (and a few Italian ones) write them. Words
are compared folded (``fold``): case, accents, punctuation and repeated spaces do not count, so
``GGZ``, ``ggz`` and ``G.G.Z.`` are one word, and so are ``beïnvloeding`` and ``beinvloeding``.

A department adds its own words (``editions.models.ValueSynonym``); those win over the ones here,
so a coordinator decides what an ambiguous word such as ``jeugdhulp`` means for them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from django.utils.functional import Promise

from ontmoeting.editions.enums import SYNONYM_FIELDS

#: The enumerated fields a roster column can hold, with their names for people.
FIELDS: dict[str, Promise] = dict(SYNONYM_FIELDS)

#: Column key → the vocabulary it uses (students' interests are domains, and so on).
FIELD_OF_COLUMN = {
    "domains": "domains",
    "interests": "domains",
    "language": "languages",
    "languages": "languages",
    "status": "status",
    "training": "training",
    "roles": "roles",
    "gender": "gender",
    "can_chair": "can_chair",
    "sector": "sector",
    "function": "function",
    "co_facilitate": "co_facilitate",
}


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``" G.G.Z. "`` → ``"ggz"``; ``"Beleids-beïnvloeding"`` → ``"beleids beinvloeding"``.

    Lower case, accents removed, dots dropped, other punctuation and underscores as one space.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace(".", "").replace("'", "")
    return re.sub(r"[\W_]+", " ", plain).strip()


#: Synonyms per field and code, beside the code itself and its labels in nl, en and it.
BUILTIN_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "domains": {
        "addiction": (
            "verslaving",
            "verslavingen",
            "verslavingszorg",
            "middelengebruik",
            "drugs",
            "drugverslaving",
            "alcohol",
            "alcoholverslaving",
            "alcoholisme",
            "gokverslaving",
            "gokken",
            "dipendenza",
            "dipendenze",
            "tossicodipendenza",
            "alcolismo",
            "addictions",
            "substance use",
        ),
        "mental_health": (
            "ggz",
            "geestelijke gezondheidszorg",
            "geestelijke gezondheid",
            "psychische problemen",
            "psychisch",
            "psychische kwetsbaarheid",
            "psychische gezondheid",
            "psychiatrie",
            "psychiatrische problemen",
            "salute mentale",
            "disagio psichico",
            "psichiatria",
            "mental illness",
            "mental health problems",
        ),
        "disability": (
            "beperking",
            "handicap",
            "functiebeperking",
            "fysieke beperking",
            "motorische beperking",
            "verstandelijke beperking",
            "mensen met een beperking",
            "disabilita",
            "disabile",
            "handicap fisico",
            "disabled",
        ),
        "unemployment": (
            "werkloosheid",
            "werkloos",
            "werkzoekend",
            "werkzoekende",
            "langdurig werkloos",
            "langdurige werkloosheid",
            "zonder werk",
            "disoccupazione",
            "disoccupato",
            "jobless",
        ),
        "divorce": (
            "vechtscheiding",
            "echtscheiding",
            "scheiding",
            "complexe scheiding",
            "conflictscheiding",
            "separazione",
            "divorzio",
            "separazione conflittuale",
            "divorce",
        ),
        "youth_protection": (
            "jeugdbescherming",
            "jeugdhulp",
            "jeugdzorg",
            "bijzondere jeugdzorg",
            "bijzondere jeugdbijstand",
            "uithuisplaatsing",
            "tutela minori",
            "tutela dei minori",
            "youth care",
            "youth protection",
        ),
        "poverty": (
            "armoede",
            "in armoede",
            "leven in armoede",
            "kansarmoede",
            "generatiearmoede",
            "poverta",
            "poverty",
        ),
    },
    "languages": {
        "nl": ("nederlands", "vlaams", "dutch", "olandese", "nederlandese", "nl be", "ned"),
        "en": ("engels", "english", "inglese", "eng"),
        "it": ("italiaans", "italiano", "italian", "ita"),
        "fr": ("frans", "francais", "french", "francese", "fra"),
        "de": ("duits", "deutsch", "german", "tedesco"),
        "ar": ("arabisch", "arabic", "arabo"),
        "tr": ("turks", "turkish", "turco", "turkce"),
        "sgn": (
            "gebarentaal",
            "vlaamse gebarentaal",
            "vgt",
            "sign language",
            "lingua dei segni",
            "lis",
        ),
    },
    "status": {
        "volunteer": (
            "vrijwilliger",
            "vrijwilligster",
            "vrijwillig",
            "vrijwilligerswerk",
            "als vrijwilliger",
            "volontario",
            "volontaria",
            "volontariato",
        ),
        "paid_employee": (
            "betaalde werknemer",
            "werknemer",
            "loontrekkende",
            "bediende",
            "in loondienst",
            "loondienst",
            "ervaringswerker",
            "betaald ervaringswerker",
            "ervaringsdeskundige in dienst",
            "tewerkgesteld",
            "betaald",
            "dipendente",
            "lavoratore dipendente",
            "employee",
            "paid",
        ),
        "self_employed": (
            "zelfstandige",
            "zelfstandig",
            "zelfstandige in bijberoep",
            "freelance",
            "freelancer",
            "autonomo",
            "libero professionista",
        ),
        "none": ("geen statuut", "geen status", "geen", "nvt", "niet van toepassing", "nessuno"),
    },
    "training": {
        "none": ("geen opleiding", "geen", "nee", "neen", "nvt", "nessuna", "nessuna formazione"),
        "experience_work": (
            "ervaringswerk",
            "opleiding ervaringswerk",
            "opleiding ervaringswerker",
            "opleiding ervaringsdeskundigheid",
            "opleiding ervaringsdeskundige",
            "ervaringsdeskundigheid",
            "ervaringsdeskundige",
            "vorming ervaringswerk",
            "formazione esperto per esperienza",
            "esperto per esperienza",
        ),
        "professional": (
            "professioneel",
            "professionele opleiding",
            "professionele",
            "beroepsopleiding",
            "hulpverlener",
            "formazione professionale",
            "professionale",
        ),
        "both": (
            "beide",
            "allebei",
            "ervaringswerk en professioneel",
            "professioneel en ervaringswerk",
            "entrambi",
            "entrambe",
        ),
    },
    "roles": {
        "critical_voice": ("kritische stem", "kritisch", "voce critica"),
        "bridge_figure": ("brugfiguur", "brugfunctie", "brugfiguren", "figura ponte"),
        "signal_function": ("signaalfunctie", "signaleren", "funzione di segnalazione"),
        "support": ("ondersteuning", "steun", "ondersteunen", "lotgenotensteun", "supporto"),
        "lifeworld": ("leefwereld", "leefwereldperspectief", "mondo della vita"),
        "accessibility": ("toegankelijkheid", "drempelverlaging", "accessibilita"),
        "policy_influence": (
            "beleidsbeinvloeding",
            "beleid",
            "beleidswerk",
            "influenza politica",
        ),
        "public_image": (
            "beeldvorming",
            "beinvloeden van beeldvorming",
            "publieke beeldvorming",
            "sensibilisering",
            "immagine pubblica",
        ),
        "no_specific_role": ("geen specifieke rol", "geen rol", "geen", "nessun ruolo"),
    },
    "gender": {
        "f": ("v", "vrouw", "vrouwelijk", "female", "woman", "donna", "femmina", "f"),
        "m": ("m", "man", "mannelijk", "male", "uomo", "maschio"),
        "x": (
            "x",
            "ander",
            "anders",
            "other",
            "non binair",
            "non binary",
            "nonbinair",
            "genderneutraal",
            "altro",
        ),
        "": (
            "onbekend",
            "niet gegeven",
            "wil ik niet zeggen",
            "zeg ik liever niet",
            "unknown",
            "not given",
            "sconosciuto",
            "non indicato",
        ),
    },
    "sector": {
        "ggz": (
            "geestelijke gezondheidszorg",
            "geestelijke gezondheid",
            "geestelijke gezondheidszorg ggz",
            "psychiatrie",
            "psychiatrische zorg",
            "cgg",
            "centrum geestelijke gezondheidszorg",
            "mental health",
            "mental health care",
            "salute mentale",
        ),
        "verslavingszorg": (
            "verslaving",
            "verslavingen",
            "drughulp",
            "drughulpverlening",
            "alcohol en drughulp",
            "alcohol en drugs",
            "middelengebruik",
            "addiction",
            "addiction care",
            "dipendenze",
        ),
        "jeugdhulp": (
            "jeugdzorg",
            "jeugdhulpverlening",
            "bijzondere jeugdzorg",
            "bijzondere jeugdbijstand",
            "integrale jeugdhulp",
            "jeugdbescherming",
            "youth care",
            "tutela minori",
        ),
    },
    "function": {
        "practitioner": (
            "hulpverlener",
            "begeleider",
            "begeleidster",
            "opvoeder",
            "maatschappelijk werker",
            "sociaal werker",
            "psycholoog",
            "verpleegkundige",
            "therapeut",
            "consulent",
            "praktijkwerker",
            "operatore",
        ),
        "coordinator": (
            "coordinator",
            "coordinatrice",
            "teamcoordinator",
            "teamcoach",
            "zorgcoordinator",
            "coordinatore",
        ),
        "policy_officer": (
            "beleidsmedewerker",
            "stafmedewerker",
            "beleidsadviseur",
            "beleid",
            "kwaliteitscoordinator",
            "policy",
        ),
        "manager": (
            "leidinggevende",
            "directeur",
            "directie",
            "diensthoofd",
            "teamverantwoordelijke",
            "afdelingshoofd",
            "zorgmanager",
            "responsabile",
            "dirigente",
        ),
        "experience_worker": (
            "ervaringswerker",
            "ervaringsdeskundige in dienst",
            "ervaringsdeskundige",
            "esperto per esperienza",
        ),
    },
    "can_chair": {
        "yes": (
            "yes",
            "y",
            "ja",
            "j",
            "si",
            "true",
            "waar",
            "vero",
            "1",
            "x",
            "ok",
            "oke",
            "graag",
            "ja graag",
            "wil ik wel",
            "v",
        ),
        "no": (
            "no",
            "n",
            "nee",
            "neen",
            "false",
            "onwaar",
            "falso",
            "0",
            "liever niet",
            "niet",
        ),
    },
}

BUILTIN_SYNONYMS["co_facilitate"] = BUILTIN_SYNONYMS["can_chair"]
