"""The demo's co-creation tables: two rounds and round 1's harvest in Dutch."""

from __future__ import annotations

import pytest

from ontmoeting.cocreation.models import TableNote, TablePlan
from ontmoeting.demo.cocreation_tables import HARVEST_ROUND_1, plan_demo_tables
from tests.cocreation.tables_data import co_creation_edition

pytestmark = pytest.mark.django_db


def test_demo_tables_have_two_rounds_and_a_harvest_for_round_one():
    cc = co_creation_edition(experts=8, professionals=16, chairs=5)
    plan = plan_demo_tables(cc.edition)
    assert plan is not None
    assert sorted(set(plan.seats.values_list("round", flat=True))) == [1, 2]
    tables = set(plan.seats.filter(round=1).values_list("table", flat=True))
    notes = list(TableNote.objects.filter(plan=plan).order_by("table"))
    assert [n.round for n in notes] == [1] * min(len(tables), len(HARVEST_ROUND_1))
    assert notes[0].text == HARVEST_ROUND_1[0]
    assert plan_demo_tables(cc.edition) == plan  # idempotent


def test_the_demo_meeting_is_seated_with_every_rule_kept_and_no_one_meeting_twice(built):
    """What a newcomer sees on the Tafels page of `make demo`: two rounds, a facilitator and an
    expert at every table, more than one sector, and (counted here from the seats, not from the
    engine's findings) no two people at one table twice."""
    from collections import Counter
    from itertools import combinations

    plan = TablePlan.objects.get(edition__format="co_creation")
    assert plan.violations == []
    seats = list(
        plan.seats.select_related("participant__person__professional_profile__sector").order_by(
            "round", "table"
        )
    )
    tables: dict[tuple[int, int], list] = {}
    for seat in seats:
        tables.setdefault((seat.round, seat.table), []).append(seat)
    assert {r for r, _t in tables} == {1, 2}
    met = Counter()
    for people in tables.values():
        assert [s.role for s in people].count("facilitator") == 1
        assert any(s.participant.role == "expert" for s in people)
        sectors = {
            s.participant.person.professional_profile.sector.code
            for s in people
            if s.participant.role == "professional"
        }
        assert len(sectors) > 1
        met.update(combinations(sorted(s.participant_id for s in people), 2))
    assert [pair for pair, times in met.items() if times > 1] == []
