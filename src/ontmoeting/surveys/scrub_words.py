"""Word lists of the scrubber (:mod:`ontmoeting.surveys.scrub`), apart so the rules stay short.

Every word is written folded: lower case, without accents (``"città"`` is ``"citta"``).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The words of ``text`` (a list easier to read and to keep than a literal of strings)."""
    return frozenset(text.split())


#: Words that are never masked on their own, even when a known name holds them ("De" of
#: "De Smet", "Van" of "Van Damme", "Di" of "Di Stefano"): articles, particles, prepositions,
#: pronouns and auxiliaries of Dutch, Italian, English and French. Inside a longer known name
#: ("Jan de Smet") they are masked with it.
FUNCTION_WORDS = _words(
    """
    de den der des het van von ter ten te op in aan bij uit voor tot met en of een die dat dit
    deze ik jij je hij zij ze wij we jullie hun hen mij me mijn zijn haar ons onze is was bent
    heb had niet wel ook nog al maar dan als om naar over door na zo er hier daar wat wie waar
    hoe sint sinte
    il lo la gli le un uno una di del dello della dei degli delle da dal dalla dai nella nei con
    su sul sulla per tra fra al alla ai ed che chi non io tu lui noi voi loro mio mia suo sua
    era ha ho come dove quando anche ma se piu molto san sant santa santo
    the of and or an to on at by for with from you he she they my his her our their it not but
    so very mr mrs ms
    du et ou sur sous
    """
)

#: Ordinary words that are also names ("Roos", "Rosa", "Bianco", "Ben", "Hoop"): a known name
#: among them is masked only where it is written with a capital *inside* a sentence ("met
#: Roos gepraat"), not at the start of one ("Roos is mooi") and not in lower case ("een roos").
ORDINARY_WORDS = _words(
    """
    roos hoop geluk bloem lente zomer winter storm zon ster vos wolf haan mol bos berg beek dijk
    meer hof kok bakker visser schipper koning prins keizer paus boer groen wit zwart rood bruin
    groot klein jong lang kort post dam brug ven veld wal kerk toren stad dorp molen molenaar
    koster smid timmerman kuiper brouwer slager haas vink kraai mees uil zwaan valk arend hert
    leeuw beer das kat hond ben wil mark ward joke toon lot els lief fleur jade amber iris lelie
    linde hazel robin staf trui fien lies nel door deken
    rosa viola bianca bianco chiara vera serena stella gioia speranza felice fortunato
    fortunata primo secondo angelo angela fiore sole luna aurora alba marina celeste gemma perla
    pia grazia gentile fedele giusto costante amato amata bruno bruna franco franca leone lupo
    orso marino romano romana greco russo rossi rosso neri nero conti costa monti gatti galli
    gallo testa guerra battaglia sala villa riva serra fontana farina grasso longo barone conte
    carbone mazza ferro ferri porta ponte piazza vitale leale rocca torre campo monte valle bosco
    mare colombo palma pace fede spina marchese duca papa capo ricci amico amica pagano basso
    alto forte lupi corona benedetto innocente domenica natale vittoria gloria letizia allegra
    clemente diletta massimo fausto salvatore pasquale lei
    will rose grace hope faith joy ruby lily daisy dawn summer autumn april may june august
    sunny sky river rain hunter baker smith cook miller mason porter fisher king bishop young
    long short brown white black green gray grey wood hill hall church bell rich bill art pat
    frank earl guy jack drew chase page rock stone field brook well gold silver price best good
    love noble major bond park holly ivy heather olive violet angel star sage reed fox crow swan
    bird
    """
)

#: Particles that may stand between the parts of a name ("Jan van der Berg", "Maria De Luca").
PARTICLES = _words(
    "van von de den der des het 't ter ten te di del della dei degli delle da dal d' le la du "
    "st sint san santa"
)

#: Phrases after which a capitalised word is taken as a name ("mijn buurman Jan", "signora
#: Rossi", "dhr. Peeters"). Regular-expression pieces, matched without regard to case.
_RELATIONS_NL = (
    r"buurman|buurvrouw|buren|zus|zuster|zusje|broer|broertje|vriend|vriendin|vriendje|"
    r"begeleider|begeleidster|collega|partner|man|vrouw|echtgenoot|echtgenote|vader|moeder|"
    r"papa|mama|zoon|dochter|oom|tante|neef|nicht|opa|oma|leraar|lerares|docent|docente|"
    r"therapeut|therapeute|psycholoog|psychologe|psychiater|huisarts|dokter|coach|mentor|baas|"
    r"lief|ex|kotgenoot|klasgenoot|medestudent|medestudente|ervaringsdeskundige"
)
_RELATIONS_IT = (
    r"vicino|vicina|vicini|amico|amica|fratello|sorella|collega|compagno|compagna|marito|"
    r"moglie|padre|madre|papà|mamma|figlio|figlia|zio|zia|cugino|cugina|nonno|nonna|"
    r"educatore|educatrice|operatore|operatrice|terapeuta|psicologo|psicologa|medico|dottore|"
    r"dottoressa|professore|professoressa|insegnante|maestro|maestra|ragazzo|ragazza|"
    r"fidanzato|fidanzata|capo|coinquilino|coinquilina"
)
_RELATIONS_EN = (
    r"neighbou?r|friend|sister|brother|colleague|partner|husband|wife|mother|father|mum|mom|"
    r"dad|son|daughter|coach|counsell?or|therapist|doctor|teacher|boss|mentor"
)
NAME_CUES = "|".join(
    [
        rf"(?:mijn|m'n|onze|haar|zijn|z'n)\s+(?:{_RELATIONS_NL})",
        r"meneer|mevrouw|juffrouw|juf|meester|dhr\.?|mevr\.?|mw\.|dr\.|prof\.|dokter",
        r"mijn\s+naam\s+is|ik\s+heet|ik\s+ben|heet|genaamd|noem\s+me",
        rf"(?:il\s+mio|la\s+mia|i\s+miei|le\s+mie|mio|mia|il\s+suo|la\s+sua|suo|sua|"
        rf"nostro|nostra)\s+(?:{_RELATIONS_IT})",
        r"signor|signora|signorina|sig\.ra|sig\.na|sig\.|dottor|dottore|dottoressa|dott\.ssa|"
        r"dott\.|dr\.ssa|prof\.ssa",
        r"mi\s+chiamo|il\s+mio\s+nome\s+è|sono|chiamato|chiamata|di\s+nome",
        rf"my\s+(?:{_RELATIONS_EN})",
        r"mr\.?|mrs\.?|ms\.?|miss|my\s+name\s+is|i\s+am|i'm|called|named",
        r"monsieur|madame|mme\.?|mademoiselle",
    ]
)

#: The end of a street name written as one word ("Kerkstraat", "Sint-Pietersnieuwstraat"):
#: recognised in any case.
STREET_ENDINGS = (
    r"straat|str\.|laan|steenweg|dreef|plein|kaai|kade|gracht|singel|dijk|steeg|wegel|"
    r"straatje|pleintje"
)
#: Endings that also close ordinary words: only a capitalised word with at least three letters
#: before them ("Blandijnberg", "Koornmarkt", "Frankrijklei") counts as a street.
STREET_ENDINGS_CAPITALISED = (
    r"weg|lei|vest|berg|hof|markt|park|veld|pad|hoek|plaats|dries|baan|heide|meers|kouter|"
    r"vliet|wijk|dal|gaarde|hove|brug|poort|rei|reke|dam|burg|akker|weide"
)
#: Words that open a street name ("Via Roma", "Piazza Garibaldi", "Rue de la Loi"), in any case.
STREET_OPENERS = (
    r"via|viale|piazza|piazzale|piazzetta|corso|largo|vicolo|vico|strada|contrada|borgo|"
    r"lungomare|lungotevere|salita|calle|rue|avenue|boulevard|chaussée|place|quai|chemin|"
    r"allée|impasse|square|rond-point"
)
#: Dutch words that open a street name only when capitalised ("Korte Meer", "Oude Houtlei").
STREET_OPENERS_CAPITALISED = r"Korte|Lange|Oude|Nieuwe|Grote|Kleine|Hoge|Lage|Onze-Lieve-Vrouw"

#: Words before a 4-digit number that make it a year, not a postcode ("sinds 2019 Gent ...").
#: Not "in": "ik woon in 9000 Gent" is an address.
YEAR_CUES = _words("sinds vanaf tot tussen jaar anno nel dal since until year")
