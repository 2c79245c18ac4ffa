"""The demo's co-creation tables: two rounds and round 1's harvest in Dutch."""

from __future__ import annotations

import pytest

from ontmoeting.cocreation.models import TableNote
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
