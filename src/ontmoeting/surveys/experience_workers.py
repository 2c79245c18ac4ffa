"""The experience-worker survey (seed 001, practice research) as data: version 1, nl/en/it.

* **Roles** are asked as a forced choice, yes or no per role: one item ``role_<code>`` per row
  (codes of ``people.enums.Role``). Forced choice beats check-all-that-apply (Smyth, Dillman,
  Christian & Stern 2006, *Public Opinion Quarterly* 70(1)): a blank row is a missing answer,
  so each row has its own valid n, and the item's valid n is the respondents who answered every
  row (the seed's 48.8 % is 41/84, not k/89).
* **Status**: one multiple-choice item; combinations are allowed (``people.enums.WorkStatus``).
* **Training**: one single-choice item (``people.enums.Training``).
* The position questions the seed raises (equal position, payment, mandate, coaching,
  intervision) as Likert items, two open questions, and the **consent** question: only a
  respondent who answers yes has roles, status and training written into their profile.

``ensure_experience_worker_instrument`` creates it idempotently; a data migration calls it with
the historical models.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from ontmoeting.people.enums import Role, Training, WorkStatus
from ontmoeting.surveys.defaults import AGREE, NOT_VALIDATED, _models, _t

SLUG = "experience-workers"
VERSION = 1
ROLE_PREFIX = "role_"
STATUS_ITEM = "status"
TRAINING_ITEM = "training"
CONSENT_ITEM = "profile_consent"
YES, NO = "yes", "no"

#: Role code -> texts of its row, in the seed's order.
ROLE_TEXTS: dict[str, dict[str, str]] = {
    Role.CRITICAL_VOICE: _t("Kritische stem", "Critical voice", "Voce critica"),
    Role.BRIDGE_FIGURE: _t("Brugfiguur", "Bridge figure", "Figura ponte"),
    Role.SIGNAL_FUNCTION: _t("Signaalfunctie", "Signal function", "Funzione di segnalazione"),
    Role.SUPPORT: _t("Ondersteuning", "Support", "Sostegno"),
    Role.LIFEWORLD: _t("Leefwereld", "Lifeworld", "Mondo della vita"),
    Role.ACCESSIBILITY: _t("Toegankelijkheid", "Accessibility", "Accessibilità"),
    Role.POLICY_INFLUENCE: _t("Beleidsbeïnvloeding", "Policy influence", "Influenza politica"),
    Role.PUBLIC_IMAGE: _t(
        "Beeldvorming beïnvloeden",
        "Influencing the public image",
        "Influenzare l'immagine pubblica",
    ),
    Role.NO_SPECIFIC_ROLE: _t("Geen specifieke rol", "No specific role", "Nessun ruolo specifico"),
}
ROLE_ITEMS: list[str] = [f"{ROLE_PREFIX}{code}" for code in ROLE_TEXTS]
ROLE_QUESTION = _t(
    "Welke rol neem je op als ervaringswerker? Antwoord ja of nee voor elke rol.",
    "Which role do you take as an experience worker? Answer yes or no for each role.",
    "Quale ruolo assumi come operatore esperto per esperienza? Rispondi sì o no per ogni ruolo.",
)

STATUS_TEXTS: dict[str, dict[str, str]] = {
    WorkStatus.VOLUNTEER: _t("Vrijwilliger", "Volunteer", "Volontario/a"),
    WorkStatus.PAID_EMPLOYEE: _t("Betaalde werknemer", "Paid employee", "Dipendente retribuito/a"),
    WorkStatus.SELF_EMPLOYED: _t(
        "Zelfstandige basis", "Self-employed", "Lavoratore/trice autonomo/a"
    ),
    WorkStatus.NONE: _t("Geen statuut", "No status", "Nessuno status"),
}
TRAINING_TEXTS: dict[str, dict[str, str]] = {
    Training.NONE: _t("Geen opleiding", "No training", "Nessuna formazione"),
    Training.EXPERIENCE_WORK: _t(
        "Opleiding ervaringswerk",
        "Training in experience work",
        "Formazione al lavoro da esperto per esperienza",
    ),
    Training.PROFESSIONAL: _t(
        "Professionele opleiding", "Professional training", "Formazione professionale"
    ),
    Training.BOTH: _t(
        "Opleiding ervaringswerk en professionele opleiding",
        "Training in experience work and professional training",
        "Formazione al lavoro da esperto per esperienza e formazione professionale",
    ),
}
YES_NO = [
    {"value": YES, "labels": _t("ja", "yes", "sì")},
    {"value": NO, "labels": _t("nee", "no", "no")},
]

#: (code, texts) of the Likert items on the position questions (seed 001).
POSITION_ITEMS: list[tuple[str, dict[str, str]]] = [
    (
        "equal_position",
        _t(
            "Als ervaringswerker heb ik een evenwaardige positie naast de andere medewerkers.",
            "As an experience worker I have an equal position next to the other staff.",
            "Come operatore esperto per esperienza ho una posizione paritaria accanto agli altri "
            "operatori.",
        ),
    ),
    (
        "payment",
        _t(
            "Ervaringswerk hoort betaald te worden.",
            "Experience work should be paid.",
            "Il lavoro da esperto per esperienza dovrebbe essere retribuito.",
        ),
    ),
    (
        "same_work",
        _t(
            "Ik doe hetzelfde werk als mijn collega's met een diploma.",
            "I do the same work as my colleagues with a degree.",
            "Faccio lo stesso lavoro dei miei colleghi con un titolo di studio.",
        ),
    ),
    (
        "mandate",
        _t(
            "Mijn statuut en mandaat zijn duidelijk afgesproken.",
            "My status and mandate are clearly agreed.",
            "Il mio status e il mio mandato sono concordati chiaramente.",
        ),
    ),
    (
        "training_needed",
        _t(
            "Om ervaringsdeskundig te werken, is een opleiding nodig.",
            "Working as an expert by experience needs training.",
            "Per lavorare come esperto per esperienza serve una formazione.",
        ),
    ),
    (
        "coaching",
        _t(
            "Ik krijg genoeg coaching bij mijn werk.",
            "I get enough coaching in my work.",
            "Ricevo abbastanza coaching nel mio lavoro.",
        ),
    ),
    (
        "intervision",
        _t(
            "Ik kan genoeg intervisie volgen met andere ervaringswerkers.",
            "I can take part in enough intervision with other experience workers.",
            "Posso partecipare a sufficienti intervisioni con altri operatori esperti per "
            "esperienza.",
        ),
    ),
]
LIKERT_ITEMS: list[str] = [code for code, _texts in POSITION_ITEMS]

OPEN_ITEMS: list[tuple[str, dict[str, str]]] = [
    (
        "open_equal_position",
        _t(
            "Wat betekent een evenwaardige positie voor jou?",
            "What does an equal position mean to you?",
            "Che cosa significa per te una posizione paritaria?",
        ),
    ),
    (
        "open_support",
        _t(
            "Wat heb je nodig om je werk als ervaringswerker goed te doen?",
            "What do you need to do your work as an experience worker well?",
            "Di che cosa hai bisogno per fare bene il tuo lavoro da esperto per esperienza?",
        ),
    ),
]
CONSENT_TEXTS = _t(
    "Mogen we je antwoorden over je rollen, je statuut en je opleiding ook bewaren in je "
    "profiel bij de opleiding sociaal werk? Als je nee zegt, gebruiken we ze alleen voor het "
    "onderzoek, zonder je naam.",
    "May we also keep your answers about your roles, your status and your training in your "
    "profile at the social-work department? If you say no, we use them only for the research, "
    "without your name.",
    "Possiamo conservare le tue risposte sui tuoi ruoli, il tuo status e la tua formazione "
    "anche nel tuo profilo presso il corso di servizio sociale? Se rispondi di no, le usiamo "
    "solo per la ricerca, senza il tuo nome.",
)


def _choices(texts: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    return [{"value": str(code), "labels": labels} for code, labels in texts.items()]


def item_specs() -> list[dict[str, Any]]:
    """The items of version 1 in order, as keyword arguments of ``Item``."""
    specs: list[dict[str, Any]] = []
    for code, texts in ROLE_TEXTS.items():
        row = {lang: f"{ROLE_QUESTION[lang]} — {text}" for lang, text in texts.items()}
        specs.append(
            {"code": f"{ROLE_PREFIX}{code}", "kind": "single", "texts": row, "choices": YES_NO}
        )
    specs.append(
        {
            "code": STATUS_ITEM,
            "kind": "multiple",
            "texts": _t(
                "Wat is je statuut als ervaringswerker? Meer antwoorden mogen.",
                "What is your status as an experience worker? More than one answer is allowed.",
                "Qual è il tuo status come operatore esperto per esperienza? Sono ammesse più "
                "risposte.",
            ),
            "choices": _choices(STATUS_TEXTS),
        }
    )
    specs.append(
        {
            "code": TRAINING_ITEM,
            "kind": "single",
            "texts": _t(
                "Welke opleiding heb je gevolgd?",
                "Which training have you followed?",
                "Quale formazione hai seguito?",
            ),
            "choices": _choices(TRAINING_TEXTS),
        }
    )
    for code, texts in POSITION_ITEMS:
        specs.append(
            {
                "code": code,
                "kind": "likert",
                "texts": texts,
                "scale_min": 1,
                "scale_max": 5,
                "scale_labels": AGREE,
            }
        )
    for code, texts in OPEN_ITEMS:
        specs.append({"code": code, "kind": "open", "texts": texts})
    specs.append(
        {"code": CONSENT_ITEM, "kind": "single", "texts": CONSENT_TEXTS, "choices": YES_NO}
    )
    return specs


def role_label(item_code: str, language: str) -> str:
    """The short label of a role row (``role_support`` -> "Ondersteuning")."""
    texts = ROLE_TEXTS.get(item_code.removeprefix(ROLE_PREFIX), {})
    return texts.get(language) or texts.get("en", item_code)


def ensure_experience_worker_instrument(apps: Any = None) -> Any:
    """Create the experience-worker instrument (version 1) if missing; return it."""
    instrument_model, _subscale_model, item_model = _models(apps)
    instrument, created = instrument_model.objects.get_or_create(
        slug=SLUG,
        version=VERSION,
        defaults={
            "name": gettext_noop("Practice research: experience workers"),
            "language": "nl",
            "validated": False,
            "licence_note": NOT_VALIDATED,
            "description": "Roles taken (forced choice per role), status, training, position.",
            "source": "builtin",
        },
    )
    if created:
        for order, spec in enumerate(item_specs(), start=1):
            item_model.objects.create(instrument=instrument, order=order, **spec)
    return instrument
