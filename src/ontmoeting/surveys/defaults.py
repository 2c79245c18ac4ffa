"""The instruments that ship with the product: written for this project and NOT validated.

Two instruments: the student questionnaire (pre, post and follow-up) with three subscales that
match the seed's findings, and the expert feedback questionnaire. ``ensure_default_instruments``
creates them idempotently; a data migration calls it with the historical models. Their names and
licence note are stored in English and are messages of the catalogues: ``Instrument`` shows
them in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

STUDENT_SLUG = "ontmoeting-students"
EXPERT_SLUG = "ontmoeting-expert-feedback"
NOT_VALIDATED = gettext_noop(
    "Written for the ontmoeting project; not validated. Scores are indicative only; use a "
    "validated instrument (imported from a file the department owns) for publications."
)

AGREE = {
    "1": {"nl": "helemaal oneens", "en": "strongly disagree", "it": "per niente d'accordo"},
    "2": {"nl": "oneens", "en": "disagree", "it": "in disaccordo"},
    "3": {"nl": "niet eens, niet oneens", "en": "neither", "it": "né d'accordo né in disaccordo"},
    "4": {"nl": "eens", "en": "agree", "it": "d'accordo"},
    "5": {"nl": "helemaal eens", "en": "strongly agree", "it": "del tutto d'accordo"},
}
ENERGY = {
    "1": {"nl": "geen energie", "en": "no energy at all", "it": "nessuna energia"},
    "2": {"nl": "weinig energie", "en": "little energy", "it": "poca energia"},
    "3": {"nl": "een beetje", "en": "some", "it": "un po'"},
    "4": {"nl": "veel energie", "en": "quite a lot", "it": "abbastanza energia"},
    "5": {"nl": "heel veel energie", "en": "a lot of energy", "it": "moltissima energia"},
}


def _t(nl: str, en: str, it: str) -> dict[str, str]:
    return {"nl": nl, "en": en, "it": it}


# (code, label, labels, k, items: (code, texts, reverse_keyed))
STUDENT_SUBSCALES: list[
    tuple[str, str, dict[str, str], int, list[tuple[str, dict[str, str], bool]]]
] = [
    (
        "attitudes",
        "Attitudes towards service users",
        _t(
            "Houding tegenover cliënten",
            "Attitudes towards service users",
            "Atteggiamenti verso gli utenti dei servizi",
        ),
        3,
        [
            (
                "att_1",
                _t(
                    "Mensen die hulp krijgen van sociale diensten kunnen mij veel leren.",
                    "People who get help from social services can teach me a lot.",
                    "Le persone che ricevono aiuto dai servizi sociali possono insegnarmi molto.",
                ),
                False,
            ),
            (
                "att_2",
                _t(
                    "De meeste cliënten kunnen hun problemen oplossen als ze beter hun best doen.",
                    "Most service users could solve their problems if they tried harder.",
                    "La maggior parte degli utenti potrebbe risolvere i propri problemi impegnandosi di più.",
                ),
                True,
            ),
            (
                "att_3",
                _t(
                    "Ik voel me op mijn gemak in een gesprek met iemand die een verslaving heeft gehad.",
                    "I feel at ease talking with someone who has lived with an addiction.",
                    "Mi sento a mio agio a parlare con qualcuno che ha vissuto una dipendenza.",
                ),
                False,
            ),
            (
                "att_4",
                _t(
                    "Mensen met een psychische aandoening zijn onvoorspelbaar.",
                    "People with a mental illness are unpredictable.",
                    "Le persone con un disturbo psichico sono imprevedibili.",
                ),
                True,
            ),
            (
                "att_5",
                _t(
                    "Iemand is veel meer dan de problemen die hij of zij heeft meegemaakt.",
                    "A person is much more than the problems they have lived through.",
                    "Una persona è molto di più dei problemi che ha vissuto.",
                ),
                False,
            ),
        ],
    ),
    (
        "critical",
        "Critical thinking",
        _t("Kritisch denken", "Critical thinking", "Pensiero critico"),
        3,
        [
            (
                "crit_1",
                _t(
                    "Ik stel de ideeën in vraag die ik vroeger over cliënten had.",
                    "I question the ideas I used to have about service users.",
                    "Metto in discussione le idee che avevo sugli utenti dei servizi.",
                ),
                False,
            ),
            (
                "crit_2",
                _t(
                    "Ik bekijk een probleem vanuit de persoon die het meemaakt.",
                    "I look at a problem from the point of view of the person who lives it.",
                    "Guardo un problema dal punto di vista della persona che lo vive.",
                ),
                False,
            ),
            (
                "crit_3",
                _t(
                    "Wat de media over cliënten vertellen, is meestal het hele verhaal.",
                    "What the media say about service users is usually the whole story.",
                    "Quello che dicono i media sugli utenti dei servizi è di solito tutta la storia.",
                ),
                True,
            ),
            (
                "crit_4",
                _t(
                    "Ik denk na over hoe de samenleving bijdraagt aan de problemen van mensen.",
                    "I think about how society adds to people's problems.",
                    "Rifletto su come la società contribuisce ai problemi delle persone.",
                ),
                False,
            ),
            (
                "crit_5",
                _t(
                    "Ik vraag me zelden af waarom hulpverlening werkt zoals ze werkt.",
                    "I rarely ask myself why social services work the way they do.",
                    "Raramente mi chiedo perché i servizi sociali funzionano come funzionano.",
                ),
                True,
            ),
        ],
    ),
    (
        "positioning",
        "Helper-versus-helped positioning (high = mutual relationship)",
        _t(
            "Helper tegenover geholpene (hoog = wederkerig)",
            "Helper versus helped (high = mutual)",
            "Chi aiuta e chi è aiutato (alto = relazione reciproca)",
        ),
        3,
        [
            (
                "pos_1",
                _t(
                    "In een goede hulprelatie leren beide mensen van elkaar.",
                    "In a good helping relationship both people learn from each other.",
                    "In una buona relazione d'aiuto entrambe le persone imparano l'una dall'altra.",
                ),
                False,
            ),
            (
                "pos_2",
                _t(
                    "Als sociaal werker is mijn taak vooral de problemen van anderen oplossen.",
                    "As a social worker my task is mainly to solve other people's problems.",
                    "Come assistente sociale il mio compito è soprattutto risolvere i problemi degli altri.",
                ),
                True,
            ),
            (
                "pos_3",
                _t(
                    "Ervaringsdeskundigen zijn partners in mijn opleiding, net als mijn docenten.",
                    "Experts by experience are partners in my education, just like my lecturers.",
                    "Gli esperti per esperienza sono partner della mia formazione, come i miei docenti.",
                ),
                False,
            ),
            (
                "pos_4",
                _t(
                    "Er is een duidelijke grens tussen mensen die helpen en mensen die geholpen worden.",
                    "There is a clear line between people who help and people who are helped.",
                    "C'è una linea netta tra chi aiuta e chi viene aiutato.",
                ),
                True,
            ),
            (
                "pos_5",
                _t(
                    "Ook ik kan later de hulp nodig hebben die cliënten nu krijgen.",
                    "I too may one day need the help that service users get now.",
                    "Anch'io un giorno potrei aver bisogno dell'aiuto che gli utenti ricevono oggi.",
                ),
                False,
            ),
        ],
    ),
]

YES_NO_PRIVATE = [
    {"value": "yes", "labels": _t("ja", "yes", "sì")},
    {"value": "no", "labels": _t("nee", "no", "no")},
    {
        "value": "private",
        "labels": _t("zeg ik liever niet", "I'd rather not say", "preferisco non dirlo"),
    },
]
COME_BACK = [
    {"value": "yes", "labels": _t("ja", "yes", "sì")},
    {"value": "maybe", "labels": _t("misschien", "maybe", "forse")},
    {"value": "no", "labels": _t("nee", "no", "no")},
]


def _student_extra() -> list[dict[str, Any]]:
    return [
        {
            "code": "prior_contact",
            "kind": "single",
            "texts": _t(
                "Had je zelf of iemand dicht bij jou al contact met hulpverlening?",
                "Have you, or someone close to you, had contact with social services before?",
                "Tu o una persona a te vicina avete già avuto contatti con i servizi sociali?",
            ),
            "choices": YES_NO_PRIVATE,
        },
        {
            "code": "open_thoughts",
            "kind": "open",
            "texts": _t(
                "Waar denk je aan als je denkt aan een gesprek met een ervaringsdeskundige?",
                "What comes to mind when you think of a conversation with an expert by experience?",
                "Che cosa ti viene in mente pensando a una conversazione con un esperto per esperienza?",
            ),
        },
    ]


def _expert_items() -> list[dict[str, Any]]:
    return [
        {
            "code": "energy",
            "kind": "likert",
            "texts": _t(
                "Hoeveel energie heb je om je verhaal volgend jaar opnieuw te vertellen?",
                "How much energy do you have to tell your story again next year?",
                "Quanta energia hai per raccontare di nuovo la tua storia l'anno prossimo?",
            ),
            "scale_labels": ENERGY,
            "flag_when": {"max": 2},
        },
        {
            "code": "come_back",
            "kind": "single",
            "texts": _t(
                "Wil je volgende keer opnieuw meedoen?",
                "Would you like to take part again next time?",
                "Vorresti partecipare di nuovo la prossima volta?",
            ),
            "choices": COME_BACK,
            "flag_when": {"in": ["no"]},
        },
        {
            "code": "equal_partner",
            "kind": "likert",
            "texts": _t(
                "Ik voelde me een gelijkwaardige partner.",
                "I felt like an equal partner.",
                "Mi sono sentito/a un partner alla pari.",
            ),
            "scale_labels": AGREE,
            "subscale": "experience",
        },
        {
            "code": "good_conversation",
            "kind": "likert",
            "texts": _t(
                "Het gesprek met de student was goed.",
                "The conversation with the student went well.",
                "La conversazione con lo studente è andata bene.",
            ),
            "scale_labels": AGREE,
            "subscale": "experience",
        },
        {
            "code": "too_heavy",
            "kind": "likert",
            "texts": _t(
                "De dag was te zwaar voor mij.",
                "The day was too heavy for me.",
                "La giornata è stata troppo pesante per me.",
            ),
            "scale_labels": AGREE,
            "subscale": "experience",
            "reverse_keyed": True,
        },
        {
            "code": "open_tips",
            "kind": "open",
            "texts": _t(
                "Wat moeten we volgende keer anders doen?",
                "What should we do differently next time?",
                "Che cosa dovremmo fare diversamente la prossima volta?",
            ),
        },
    ]


def _models(apps: Any) -> tuple[Any, Any, Any]:
    if apps is None:
        from ontmoeting.surveys.models import Instrument, Item, Subscale

        return Instrument, Subscale, Item
    return (
        apps.get_model("surveys", "Instrument"),
        apps.get_model("surveys", "Subscale"),
        apps.get_model("surveys", "Item"),
    )


def ensure_default_instruments(apps: Any = None) -> dict[str, Any]:
    """Create the two built-in instruments (version 1) if missing; return them by slug."""
    instrument_model, subscale_model, item_model = _models(apps)
    student, created = instrument_model.objects.get_or_create(
        slug=STUDENT_SLUG,
        version=1,
        defaults={
            "name": gettext_noop("Encounter day: students (ontmoeting)"),
            "language": "nl",
            "validated": False,
            "licence_note": NOT_VALIDATED,
            "description": "Attitudes, critical thinking, helper-versus-helped positioning.",
            "source": "builtin",
        },
    )
    if created:
        order = 0
        for s_order, (code, label, labels, k, items) in enumerate(STUDENT_SUBSCALES):
            subscale = subscale_model.objects.create(
                instrument=student,
                code=code,
                label=label,
                labels=labels,
                min_items_answered=k,
                order=s_order,
            )
            for item_code, texts, reverse in items:
                order += 1
                item_model.objects.create(
                    instrument=student,
                    code=item_code,
                    texts=texts,
                    kind="likert",
                    scale_min=1,
                    scale_max=5,
                    scale_labels=AGREE,
                    reverse_keyed=reverse,
                    subscale=subscale,
                    order=order,
                )
        for extra in _student_extra():
            order += 1
            item_model.objects.create(instrument=student, order=order, **extra)
    expert, created = instrument_model.objects.get_or_create(
        slug=EXPERT_SLUG,
        version=1,
        defaults={
            "name": gettext_noop("Encounter day: feedback of experts by experience"),
            "language": "nl",
            "validated": False,
            "licence_note": NOT_VALIDATED,
            "description": "Experience of the day, energy to tell one's story, coming back.",
            "source": "builtin",
        },
    )
    if created:
        experience = subscale_model.objects.create(
            instrument=expert,
            code="experience",
            label="Experience of the day",
            labels=_t("Beleving van de dag", "Experience of the day", "Esperienza della giornata"),
            min_items_answered=2,
            order=0,
        )
        for order, spec in enumerate(_expert_items(), start=1):
            spec = dict(spec)
            subscale = experience if spec.pop("subscale", None) else None
            if spec["kind"] == "likert":
                spec.update(scale_min=1, scale_max=5)
            item_model.objects.create(instrument=expert, order=order, subscale=subscale, **spec)
    return {STUDENT_SLUG: student, EXPERT_SLUG: expert}


#: Which default instrument a wave kind uses.
DEFAULT_FOR_WAVE = {
    "pre": STUDENT_SLUG,
    "post": STUDENT_SLUG,
    "follow_up": STUDENT_SLUG,
    "expert_feedback": EXPERT_SLUG,
}
