"""The scrubber of open answers: planted names, e-mail addresses, phone numbers and addresses in
Dutch, Italian and English sentences are masked; dates, years, counts, scores and a town alone
are left as they are. Expected outputs are written out by hand."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from hypothesis import given
from hypothesis import strategies as st

from ontmoeting.surveys.scrub import Scrubber
from ontmoeting.surveys.scrub_names import database_scrubber
from tests.factories import PersonFactory

KNOWN = [
    "Jan Peeters",
    "Marie De Smet",
    "Giulia Rossi",
    "Roos",
    "Claes",
    "Zoë Van den Bossche",
    "Ben",
    "Janssens",
]


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(known_names=KNOWN)


MASKED = [
    (
        "Mijn buurman Jan Peeters (jan.peeters@example.org, 0470 12 34 56) woont in de "
        "Kerkstraat 12, 9000 Gent.",
        "Mijn buurman [NAME] ([EMAIL], [PHONE]) woont in de [ADDRESS].",
    ),
    (
        "Bel Marie gerust op 0470/12.34.56 of op kantoor: 09 264 11 11.",
        "Bel [NAME] gerust op [PHONE] of op kantoor: [PHONE].",
    ),
    (
        "Vanuit het buitenland: +32 470 12 34 56, 0032 470 12 34 56 of +32 (0)9 264 11 11.",
        "Vanuit het buitenland: [PHONE], [PHONE] of [PHONE].",
    ),
    (
        "De les was in de Sint-Pietersnieuwstraat 33, daarna op de Blandijnberg 2 en in de "
        "Korte Meer 7 bus 3.",
        "De les was in de [ADDRESS], daarna op de [ADDRESS] en in de [ADDRESS].",
    ),
    (
        "Ik sprak met zoe van den bossche en met JAN, later met Marie De Smet.",
        "Ik sprak met [NAME] en met [NAME], later met [NAME].",
    ),
    (
        "Mijn begeleidster Els Vermeulen was er ook, net als mevrouw Wouters en dhr. Maes.",
        "Mijn begeleidster [NAME] was er ook, net als mevrouw [NAME] en dhr. [NAME].",
    ),
    (
        "Roos is een mooie naam, maar ik sprak met Roos over een roos.",
        "Roos is een mooie naam, maar ik sprak met [NAME] over een roos.",
    ),
    (
        "Ben je er volgend jaar weer bij? Ik kwam samen met Ben en met de familie Janssens.",
        "Ben je er volgend jaar weer bij? Ik kwam samen met [NAME] en met de familie [NAME].",
    ),
    (
        "Il mio vicino Marco Bianchi abita in Via Roma 10, 20121 Milano; il suo numero è "
        "+39 333 123 4567.",
        "Il mio vicino [NAME] abita in [ADDRESS]; il suo numero è [PHONE].",
    ),
    (
        "Ho parlato con la signora Ferraro e con Giulia in piazza Garibaldi, 3.",
        "Ho parlato con la signora [NAME] e con [NAME] in [ADDRESS].",
    ),
    (
        "Scrivete a giulia.rossi@unimi.it oppure chiamate lo 0039 02 1234 5678 o il 333 1234567.",
        "Scrivete a [EMAIL] oppure chiamate lo [PHONE] o il [PHONE].",
    ),
    (
        "La dottoressa Lucia De Luca mi ha aiutato. Mi chiamo Paolo.",
        "La dottoressa [NAME] mi ha aiutato. Mi chiamo [NAME].",
    ),
    (
        "My name is Tom Baker; write to tom(at)example.com or visit Rue de la Loi 16, 1000 Brussel.",
        "My name is [NAME]; write to [EMAIL] or visit [ADDRESS].",
    ),
    ("Post: 1012 AB Amsterdam of 00184 Roma.", "Post: [ADDRESS] of [ADDRESS]."),
    (
        "Stort het op BE71 0961 2345 6769; mijn rijksregisternummer is 85.07.15-123.45.",
        "Stort het op [ID]; mijn rijksregisternummer is [ID].",
    ),
    ("IBAN IT60X0542811101000000123456, codice 85071512345.", "IBAN [ID], codice [ID]."),
]

UNTOUCHED = [
    "Op 12/03/2025 was ik er 3 keer; score 4 op 5, of gewoon 4/5.",
    "In 2025 ging ik voor het eerst naar Gent, en ik woon in Gent.",
    "Sinds 2019 Erasmus-student, sinds 2020 vrijwilliger.",
    "Het duurde van 09.30 tot 12.00, op 03.12.2025, en kostte 15 euro.",
    "We woonden vlak bij de Kerkstraat, niet ver van Piazza Garibaldi.",
    "Vraag 5, groep 12, les 3, module 2: 10 minuten te kort.",
    "De dag was lang. Van de ervaringsdeskundige leerde ik veel.",
    "Een roos, wat hoop en een ben vol fruit.",
    "Il 03/12/2025 ho partecipato 2 volte; voto 8/10, abito a Milano da 10 anni.",
    "Ik ben blij en ik ben er 2 keer geweest.",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_planted_details_are_masked(scrubber, text, expected):
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_text_is_left_as_it_is(scrubber, text):
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_scrubbing_a_scrubbed_text_changes_nothing(scrubber, text, expected):
    assert scrubber.scrub(expected) == expected


def test_the_report_counts_each_kind():
    scrubbed, counts = Scrubber(known_names=KNOWN).scrub_report(MASKED[0][0])
    assert scrubbed == MASKED[0][1]
    assert counts == {"email": 1, "id": 0, "phone": 1, "address": 1, "name": 1}


def test_a_name_shorter_than_three_letters_or_a_particle_is_not_masked_alone():
    scrubber = Scrubber(known_names=["Li", "De Smet"])
    assert scrubber.scrub("Li, de Smet, De Smet en de dag.") == "Li, [NAME], [NAME] en de dag."


def test_an_excerpt_is_scrubbed_as_it_reads_in_the_answer(scrubber):
    text = "Ik sprak met Jan Peeters over herstel. Roos lachte."
    assert scrubber.scrub_excerpt(text, "met Jan") == "met [NAME]"
    assert scrubber.scrub_excerpt(text, "Peeters over") == "[NAME] over"
    assert scrubber.scrub_excerpt(text, "herstel") == "herstel"
    # Not in the text (copied from the scrubbed text): scrubbed on its own.
    assert scrubber.scrub_excerpt(text, "[NAME] over herstel") == "[NAME] over herstel"


# Properties ------------------------------------------------------------------------------------

#: Filler text: letters, accents, blanks and punctuation, no digit, no "@", no "+".
FILLER = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéèABCXYZ .,;!?'"), max_size=30)


@given(before=FILLER, email=st.emails(), after=FILLER)
def test_any_email_in_text_is_masked_and_nothing_of_it_survives(before, email, after):
    scrubber = Scrubber()
    out = scrubber.scrub(f"{before} {email} {after}")
    assert out == f"{scrubber.scrub(before)} [EMAIL] {scrubber.scrub(after)}"


MOBILE_FORMATS = [
    lambda d: f"0{d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
    lambda d: f"0{d[:3]}/{d[3:5]}.{d[5:7]}.{d[7:]}",
    lambda d: f"0{d[:3]} / {d[3:5]} {d[5:7]} {d[7:]}",
    lambda d: f"0{d[:3]}-{d[3:5]}-{d[5:7]}-{d[7:]}",
    lambda d: f"0{d[:3]} {d[3:6]} {d[6:]}",
    lambda d: f"0{d}",
    lambda d: f"+32 {d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
    lambda d: f"+32 (0){d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
    lambda d: f"+32{d}",
    lambda d: f"0032 {d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
]


@st.composite
def belgian_mobiles(draw: st.DrawFn) -> str:
    """A Belgian mobile number (04xx) in one of the ways people write it."""
    digits = (
        "4" + draw(st.sampled_from("56789")) + draw(st.text("0123456789", min_size=7, max_size=7))
    )
    return draw(st.sampled_from(MOBILE_FORMATS))(digits)


@given(before=FILLER, number=belgian_mobiles(), after=FILLER)
def test_any_belgian_mobile_number_in_text_is_masked_and_no_digit_survives(before, number, after):
    scrubber = Scrubber()
    out = scrubber.scrub(f"{before} {number} {after}")
    assert out == f"{scrubber.scrub(before)} [PHONE] {scrubber.scrub(after)}"
    assert not any(c.isdigit() for c in out)


#: What each masked sentence plants: none of it may survive, whatever the sentences around.
SECRETS = [
    "jan.peeters@example.org",
    "0470 12 34 56",
    "Peeters",
    "Kerkstraat 12",
    "0470/12.34.56",
    "09 264 11 11",
    "Sint-Pietersnieuwstraat",
    "Blandijnberg",
    "bossche",
    "Vermeulen",
    "Bianchi",
    "Via Roma 10",
    "123 4567",
    "giulia.rossi",
    "Giulia",
    "De Luca",
]


@given(st.lists(st.sampled_from([text for text, _ in MASKED]), min_size=1, max_size=5))
def test_no_planted_detail_survives_in_any_mix_of_sentences(texts):
    scrubber = Scrubber(known_names=KNOWN)
    out = scrubber.scrub(" ".join(texts))
    assert [s for s in SECRETS if s.casefold() in out.casefold()] == []
    assert scrubber.scrub(out) == out


# The database's names ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_scrubber_masks_people_and_staff_it_knows(django_assert_num_queries):
    PersonFactory(first_name="Annelies", last_name="Verstraete")
    PersonFactory(first_name="", last_name="")  # an anonymised record: no name to mask
    User.objects.create(username="koen", first_name="Koen", last_name="Van Acker")
    text = "Ik sprak met annelies verstraete en met Koen Van Acker, niet met Anneke."
    with django_assert_num_queries(2):
        scrubber = database_scrubber()
    assert scrubber.scrub(text) == "Ik sprak met [NAME] en met [NAME], niet met Anneke."
