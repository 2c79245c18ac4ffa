"""The demo's open answers in Dutch and the themes researchers coded them with (plain Python).

An answer is made of one or two fragments from a pool per question (before the day, after the
day, the experts' tips), with words filled in (a domain, a label, who they spoke with), an
opening and a closing now and then. Each fragment carries the theme a researcher would give it;
the coded segment's excerpt is that fragment. A few answers hold personal data a respondent
wrote down (a neighbour's name, e-mail address and phone number, a street address): the
scrubber has something to find in them. Names, addresses and numbers are fictitious (reserved
example domains).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

STIGMA = "stigma doorbroken"
RECOGNITION = "herkenning"
HOPE = "hoop"
CRITICAL = "kritisch denken over hulpverlening"
LANGUAGE = "taal en labels"
EQUAL = "gelijkwaardigheid"
NERVES = "spanning vooraf"
HARD = "moeilijke ervaring"
ORGANISATION = "organisatie van de dag"

#: The themes (label, description) of the demo's thematic coding.
QUAL_CODES = (
    (STIGMA, "Een vooroordeel of een beeld over cliënten wordt bijgesteld."),
    (RECOGNITION, "De student herkent zichzelf of de eigen omgeving in het verhaal."),
    (HOPE, "Herstel, toekomst, wat een zelfhulpgroep kan betekenen."),
    (CRITICAL, "Vragen bij hoe hulp georganiseerd is, wie beslist en wat de samenleving doet."),
    (LANGUAGE, "Woorden en etiketten voor mensen en hun problemen."),
    (EQUAL, "Een wederkerige relatie in plaats van helper tegenover geholpene."),
    (NERVES, "Zenuwen en onzekerheid voor het gesprek."),
    (HARD, "Het gesprek of de dag was zwaar of confronterend."),
    (ORGANISATION, "Praktische opmerkingen: tijd, lokalen, eten, vervoer, onkosten."),
)

TOPICS = (
    "een verslaving",
    "psychische problemen",
    "armoede",
    "een vechtscheiding",
    "jeugdhulp",
    "langdurige werkloosheid",
    "een beperking",
)
LABELS = ("junkie", "zot", "profiteur", "gehandicapte", "kansarm", "probleemgezin")
PARTNERS = (
    "mijn gesprekspartner",
    "de ervaringsdeskundige",
    "de vrouw met wie ik sprak",
    "de man met wie ik sprak",
)

PRE = (
    (NERVES, "Ik ben een beetje zenuwachtig: wat als ik iets verkeerds zeg?"),
    (NERVES, "Twee uur praten met iemand die ik niet ken, dat vind ik spannend."),
    (NERVES, "Ik weet niet goed welke vragen ik wel en niet mag stellen."),
    (LANGUAGE, "Ik weet niet of ik '{label}' mag zeggen of dat dat kwetsend is."),
    (LANGUAGE, "Ik ben benieuwd hoe iemand zichzelf noemt: cliënt, patiënt of gewoon mens."),
    (RECOGNITION, "In mijn familie is er ook iemand met {topic}, dus het raakt me wel."),
    (RECOGNITION, "Ik heb zelf ook een moeilijke periode gehad en ben benieuwd naar hun verhaal."),
    ("", "Ik verwacht vooral een triest verhaal over {topic}."),
    ("", "Ik denk dat het vooral over hun problemen met {topic} zal gaan."),
    (HOPE, "Ik ben benieuwd hoe iemand na {topic} het leven weer opnieuw opbouwt."),
    (CRITICAL, "Ik vraag me af wat hulpverleners volgens hen beter kunnen doen."),
)
POST = (
    (STIGMA, "Ik had een beeld van mensen met {topic} dat helemaal niet klopte."),
    (STIGMA, "Mijn vooroordelen over {topic} zijn echt bijgesteld."),
    (STIGMA, "Ik zag eerst iemand met {topic}, na een uur zag ik gewoon een mens."),
    (RECOGNITION, "Ik herkende veel van mijn eigen twijfels in het verhaal van {partner}."),
    (RECOGNITION, "We bleken allebei van wandelen en van onze grootmoeder te houden."),
    (HOPE, "Het verhaal van herstel gaf me hoop, ook voor mensen in mijn eigen omgeving."),
    (HOPE, "Het deed me goed te horen wat een zelfhulpgroep voor iemand kan betekenen."),
    (
        CRITICAL,
        "Ik vraag me nu af waarom hulpverleners zo vaak over mensen beslissen, niet met hen.",
    ),
    (CRITICAL, "{partner_cap} werd van loket naar loket gestuurd; dat wil ik later anders doen."),
    (CRITICAL, "Ik besef nu dat de samenleving mee bepaalt hoe zwaar {topic} weegt."),
    (LANGUAGE, "Ik let nu meer op woorden: '{label}' zeg ik niet meer."),
    (LANGUAGE, "{partner_cap} vertelde hoe een etiket in een dossier jaren blijft kleven."),
    (EQUAL, "Het voelde als een gesprek tussen twee mensen, niet tussen helper en cliënt."),
    (EQUAL, "Ik heb minstens evenveel geleerd als ik gevraagd heb; het was wederzijds."),
    (HARD, "Het was niet makkelijk: sommige dingen bleven nog dagen in mijn hoofd zitten."),
    (HARD, "Ik wist soms niet wat zeggen toen {partner} over {topic} vertelde."),
)
EXPERT = (
    (ORGANISATION, "Meer tijd voor het groepsgesprek; het kwam net op gang."),
    (ORGANISATION, "De lokalen in de oude vleugel zijn moeilijk voor wie slecht te been is."),
    (ORGANISATION, "Mijn treinkaart mocht sneller terugbetaald worden."),
    (ORGANISATION, "De lunch was lekker, maar het was erg druk in het restaurant."),
    (ORGANISATION, "Graag vooraf weten wie mijn student is, al is het maar de voornaam."),
    (
        EQUAL,
        "Sommige studenten vroegen zoals bij een intake; zeg hun dat het een gewoon gesprek is.",
    ),
    (EQUAL, "Ik voelde me echt een partner in de opleiding en geen casus."),
    (HARD, "Mijn verhaal vertellen kost me elk jaar meer energie."),
    (HARD, "Na afloop had ik nood aan een moment met de andere ervaringsdeskundigen."),
    (HOPE, "De studenten waren zo open; dat geeft me hoop voor de hulpverlening van later."),
    (CRITICAL, "Laat de studenten nadenken over hoe diensten mensen van kastje naar muur sturen."),
    (LANGUAGE, "Leer de studenten dat '{label}' geen mens is maar een etiket."),
    ("", "Niets, het was goed zo!"),
    ("", "Gewoon zo doorgaan."),
)
POOLS = {"pre": PRE, "post": POST, "expert_feedback": EXPERT}
OPENINGS = ("", "", "", "Eerlijk gezegd: ", "Wat me vooral bijblijft: ", "Kort: ")
CLOSINGS = ("", "", "", " Bedankt voor deze dag.", " Ik zou het iedereen aanraden.")

#: Answers with personal data a respondent wrote down (all fictitious).
NAMES = ("Jan Peeters", "An Claes", "Marco Rossi", "Els Vermeulen", "Koen De Smet", "Lies Maes")
STREETS = (
    "Kerkstraat 12, 9000 Gent",
    "Stationsstraat 48, 2800 Mechelen",
    "Molenstraat 3, 3500 Hasselt",
    "Dorpsstraat 101, 8500 Kortrijk",
)
WITH_PERSONAL_DATA = {
    "pre": (
        "Mijn tante woont in de {street} en zit zelf in een zelfhulpgroep; ik denk veel aan haar.",
        "Mijn buurman {name} ({email}, {phone}) heeft {topic} meegemaakt; hij vertelt er nooit over.",
    ),
    "post": (
        "Mijn buurman {name} ({email}, {phone}) heeft hetzelfde meegemaakt; ik ga hem over de "
        "zelfhulpgroep vertellen.",
        "Ik ga mijn gesprekspartner opzoeken in het inloophuis in de {street}.",
    ),
    "expert_feedback": (
        "Bel me gerust voor volgend jaar op {phone} of mail naar {email}.",
        "Mijn begeleider {name} van het CAW in de {street} wil ook eens komen vertellen.",
    ),
}


@dataclass(frozen=True)
class OpenAnswer:
    """An open answer and the themes of its fragments: (theme, excerpt)."""

    text: str
    segments: tuple[tuple[str, str], ...]
    personal_data: bool = False


def _fill(template: str, rng: random.Random) -> str:
    partner = rng.choice(PARTNERS)
    name = rng.choice(NAMES)
    first, last = name.split(" ", 1)
    email = f"{first}.{last.replace(' ', '')}@example.org".lower()
    return template.format(
        topic=rng.choice(TOPICS),
        label=rng.choice(LABELS),
        partner=partner,
        partner_cap=partner[0].upper() + partner[1:],
        name=name,
        email=email,
        phone=f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        street=rng.choice(STREETS),
    )


def open_answer(wave: str, rng: random.Random, *, personal_data: bool = False) -> OpenAnswer:
    """An open answer to the question of ``wave`` (pre, post, expert_feedback)."""
    if personal_data:
        return OpenAnswer(_fill(rng.choice(WITH_PERSONAL_DATA[wave]), rng), (), True)
    pool = POOLS[wave]
    picked = rng.sample(pool, 2 if rng.random() < 0.45 else 1)
    fragments = [(theme, _fill(template, rng)) for theme, template in picked]
    opening = rng.choice(OPENINGS)
    if opening:  # "Kort: ik ben …" (lower case after the colon)
        theme, first = fragments[0]
        fragments[0] = (theme, first[0].lower() + first[1:])
    body = " ".join(text for _theme, text in fragments)
    text = opening + body + rng.choice(CLOSINGS)
    return OpenAnswer(text, tuple((theme, part) for theme, part in fragments if theme))
