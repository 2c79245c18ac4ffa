"""The co-creation meeting's printed documents, rendered for real and read back."""

from __future__ import annotations

import re

import pytest

from ontmoeting.cocreation.documents import (
    facilitator_sheets_pdf,
    meeting_badges_pdf,
    table_cards_pdf,
)
from ontmoeting.cocreation.enums import SeatRole
from ontmoeting.cocreation.tables import plan_tables
from tests.cocreation.tables_data import co_creation_edition
from tests.documents.builders import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    return cc, plan


def test_table_cards_one_page_per_round_and_table_with_its_people(planned):
    _, plan = planned
    pages = [flat(p) for p in pdf_text(table_cards_pdf(plan, language="nl"))]
    slots = sorted(set(plan.seats.values_list("round", "table")))
    assert len(pages) == len(slots)
    for page, (rnd, table) in zip(pages, slots, strict=True):
        seats = plan.seats.filter(round=rnd, table=table).select_related("participant__person")
        for seat in seats:
            assert seat.participant.person.full_name in page
        fac = seats.get(role=SeatRole.FACILITATOR).participant.person.full_name
        assert f"Ronde {rnd}" in page or f"Round {rnd}" in page
        assert f"{table}" in page
        assert fac in page


def test_badges_name_everyone_with_their_tables(planned):
    cc, plan = planned
    text = flat(" ".join(pdf_text(meeting_badges_pdf(plan, language="nl"))))
    for p in cc.experts + cc.professionals:
        assert p.person.first_name in text
    assert "PC Sint-Jan" in text  # a professional's organisation
    prof = cc.professionals[0]
    t1, t2 = (plan.seats.get(participant=prof, round=r).table for r in (1, 2))
    pattern = rf"(Ronde|Round) 1: (tafel|table) {t1} · (Ronde|Round) 2: (tafel|table) {t2}"
    assert re.search(pattern, text)


def test_facilitator_sheets_list_their_tables_members_and_questions(planned):
    _, plan = planned
    pages = [flat(p) for p in pdf_text(facilitator_sheets_pdf(plan, language="nl"))]
    facilitators = set(
        plan.seats.filter(role=SeatRole.FACILITATOR).values_list("participant", flat=True)
    )
    assert len(pages) >= len(facilitators)
    text = " ".join(pages)
    fac_seat = plan.seats.filter(role=SeatRole.FACILITATOR, round=1).first()
    assert fac_seat is not None
    assert fac_seat.participant.person.full_name in text
    for seat in plan.seats.filter(round=1, table=fac_seat.table):
        assert seat.participant.person.full_name in text
    assert text.count("?") >= 5  # the guiding questions
