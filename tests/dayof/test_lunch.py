"""Lunch: the headcount for the caterer per diet, planned and on the day, and its PDF."""

from __future__ import annotations

import pytest

from ontmoeting.cli import main
from ontmoeting.dayof.checkin import tap
from ontmoeting.dayof.lunch import lunch_count, lunch_pdf, read_diet
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from tests.documents.builders import pdf_text
from tests.factories import EditionFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "diets", "unread"),
    [
        # As coordinators and participants write them; labelled by hand.
        ("vegetarisch", {"vegetarian"}, False),
        ("Veganistisch", {"vegan"}, False),
        ("halal", {"halal"}, False),
        ("geen varkensvlees", {"no_pork"}, False),
        ("vegetarisch, geen noten", {"vegetarian", "nut_allergy"}, False),
        ("glutenvrij (coeliakie)", {"gluten_free"}, False),
        ("lactose-intolerant", {"lactose_free"}, False),
        ("senza glutine", {"gluten_free"}, False),
        ("pinda-allergie", {"nut_allergy"}, False),
        ("geen", set(), False),
        ("", set(), False),
        ("zoutarm", set(), True),
    ],
)
def test_a_diet_in_words_is_read_into_its_diets(written, diets, unread):
    assert read_diet(written) == (diets, unread)


@pytest.fixture
def edition():
    edition = EditionFactory(year=2026)
    wishes = ["", "", "vegetarisch", "vegetarisch, geen noten", "halal", "zoutarm", "zoutarm"]
    for i, diet in enumerate(wishes):
        ParticipantFactory(
            edition=edition,
            role=ParticipantRole.EXPERT if i % 2 else ParticipantRole.STUDENT,
            status=ParticipantStatus.CONFIRMED,
            diet=diet,
            ref=f"P{i}",
        )
    ParticipantFactory(edition=edition, status=ParticipantStatus.CANCELLED, diet="vegan")
    return edition


def test_the_planned_count_adds_up_per_diet(edition):
    count = lunch_count(edition)
    assert count.total == 7  # the cancelled one does not eat
    assert count.standard == 2
    assert dict(count.diets) == {"vegetarisch": 2, "halal": 1, "notenallergie": 1}
    assert count.other == [("zoutarm", 2)]


def test_on_the_day_only_who_arrived_is_counted(edition):
    for ref in ("P0", "P2"):
        tap(edition, participant_id=edition.participants.get(ref=ref).pk, kind="arrive", actor="t")
    count = lunch_count(edition, source="present")
    assert (count.total, count.standard, dict(count.diets)) == (2, 1, {"vegetarisch": 1})


def test_the_caterers_page_is_one_pdf_page_with_the_totals(edition):
    pages = pdf_text(lunch_pdf(lunch_count(edition), language="nl"))
    assert len(pages) == 1
    assert "7 maaltijden in totaal" in pages[0]
    assert "Zonder speciaal dieet" in pages[0]
    assert "zoutarm (× 2)" in pages[0]


def test_the_cli_prints_the_count_and_writes_the_pdf(edition, tmp_path, capsys):
    out = tmp_path / "lunch.pdf"
    assert main(["day", "lunch", "2026", "--pdf", str(out)]) == 0
    text = capsys.readouterr().out
    assert ": 7 maaltijden" in text
    assert "  zonder speciaal dieet: 2" in text
    assert out.read_bytes().startswith(b"%PDF")
