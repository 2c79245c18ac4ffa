"""Planning a co-creation meeting's tables: the edition's roster to the engine, a saved,
audited plan version, the one check of a saved seating, the harvest notes and its export."""

from __future__ import annotations

import csv
import io
import itertools

import pytest

from ontmoeting.cocreation.enums import SeatRole
from ontmoeting.cocreation.models import TableNote, TablePlan
from ontmoeting.cocreation.selectors import harvest_sheet, table_plan_view
from ontmoeting.cocreation.tables import (
    NothingToSeat,
    check_saved_tables,
    plan_tables,
    save_note,
    table_inputs,
)
from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.models import KnowsLink
from ontmoeting.privacy.models import AuditEntry
from ontmoeting.privacy.tabular import csv_bytes
from tests.cocreation.tables_data import co_creation_edition

pytestmark = pytest.mark.django_db


def test_inputs_hold_confirmed_experts_and_professionals_with_sector_and_organisation():
    cc = co_creation_edition(experts=3, professionals=3, chairs=1)
    cc.professionals[2].status = ParticipantStatus.DECLINED
    cc.professionals[2].save()
    KnowsLink.objects.create(edition=cc.edition, a=cc.experts[0], b=cc.professionals[0])
    inputs = table_inputs(cc.edition)
    by_ref = {m.ref: m for m in inputs.members}
    assert sorted(by_ref) == ["B001", "B002", "E001", "E002", "E003"]
    assert by_ref["E001"].can_facilitate
    assert not by_ref["E002"].can_facilitate
    assert (by_ref["B001"].sector, by_ref["B001"].organisation) == ("ggz", "PC Sint-Jan")
    assert by_ref["B001"].can_co_facilitate
    assert set(inputs.knows) == {("E001", "B001")}


def test_plan_saves_a_version_with_every_person_once_per_round_and_audits_it(django_user_model):
    cc = co_creation_edition()
    user = django_user_model.objects.create_user("coord")
    plan, result = plan_tables(cc.edition, actor=user, rounds=2, min_size=4, max_size=6)
    assert plan.version == 1
    assert plan.created_by == user
    everyone = {p.pk for p in cc.experts + cc.professionals}
    for rnd in (1, 2):
        seats = list(plan.seats.filter(round=rnd))
        assert sorted(s.participant_id for s in seats) == sorted(everyone)
        tables = {s.table for s in seats}
        for t in tables:
            roles = [s.role for s in seats if s.table == t]
            assert roles.count(SeatRole.FACILITATOR) == 1
    assert plan.violations == [v.to_json() for v in result.violations]
    entry = AuditEntry.objects.get(action="tables.create")
    assert entry.object_id == str(plan.pk)
    again, _ = plan_tables(cc.edition, actor=user, rounds=2, min_size=4, max_size=6)
    assert again.version == 2


def test_saved_seating_is_checked_by_the_engine_like_a_fresh_one():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    _, now = check_saved_tables(plan)
    assert [v.to_json() for v in now] == plan.violations
    # a hand edit: the facilitator of table 1 in round 1 swaps places with a professional
    seats = list(plan.seats.filter(round=1, table=1))
    fac = next(s for s in seats if s.role == SeatRole.FACILITATOR)
    other = plan.seats.filter(round=1).exclude(table=1).filter(role=SeatRole.MEMBER)
    pro = next(s for s in other if s.participant.role == "professional")
    fac.table, pro.table = pro.table, 1
    fac.save()
    pro.save()
    _, edited = check_saved_tables(plan)
    assert any(v.code in {"no_chair", "chair_not_member"} for v in edited)


def test_repeat_meetings_in_a_saved_plan_match_a_hand_count():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    tables: dict[tuple[int, int], list[int]] = {}
    for s in plan.seats.all():
        tables.setdefault((s.round, s.table), []).append(s.participant_id)
    met = {
        r: {
            frozenset(p)
            for (rr, _), ps in tables.items()
            if rr == r
            for p in itertools.combinations(ps, 2)
        }
        for r in (1, 2)
    }
    named = sum(len(v["params"]["pairs"]) for v in plan.violations if v["code"] == "met_before")
    assert named == len(met[1] & met[2])


def test_nothing_to_seat_without_experts():
    cc = co_creation_edition(experts=0, professionals=3)
    with pytest.raises(NothingToSeat):
        plan_tables(cc.edition, actor="test")
    assert not TablePlan.objects.exists()


def test_harvest_note_is_one_per_table_replaced_and_removed_when_emptied(django_user_model):
    cc = co_creation_edition()
    user = django_user_model.objects.create_user("coord")
    plan, _ = plan_tables(cc.edition, actor=user, rounds=2, min_size=4, max_size=6)
    save_note(plan, round=1, table=2, text="Drempels bij de intake", actor=user)
    save_note(plan, round=1, table=2, text="Drempels bij de intake", actor=user)  # a double click
    assert TableNote.objects.count() == 1
    assert AuditEntry.objects.filter(action="tables.note").count() == 1
    save_note(plan, round=1, table=2, text="Wachtlijsten en drempels", actor=user)
    assert list(TableNote.objects.values_list("text", flat=True)) == ["Wachtlijsten en drempels"]
    save_note(plan, round=1, table=2, text="  ", actor=user)
    assert not TableNote.objects.exists()
    with pytest.raises(ValueError, match="no table 99"):
        save_note(plan, round=1, table=99, text="x", actor=user)


def test_harvest_export_has_one_row_per_round_and_table_with_its_note():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    save_note(plan, round=1, table=1, text="=Wie beslist over de hulp?", actor="test")
    sheet = harvest_sheet(plan)
    rows = list(sheet.rows)
    n_tables = plan.seats.values("round", "table").distinct().count()
    assert len(rows) == n_tables
    text = csv_bytes(sheet.header, rows).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    assert len(parsed[0]) == 6
    assert parsed[1][:2] == ["1", "1"]
    assert parsed[1][5] == "'=Wie beslist over de hulp?"  # the one writer neutralises formulas


def test_plan_view_lists_tables_with_names_sector_and_organisation():
    cc = co_creation_edition()
    plan, _ = plan_tables(cc.edition, actor="test", rounds=2, min_size=4, max_size=6)
    view = table_plan_view(plan)
    assert [r.number for r in view.rounds] == [1, 2]
    assert view.people == 18
    table = view.rounds[0].tables[0]
    assert table.facilitator is not None
    assert table.facilitator.is_expert
    pros = [s for s in table.everyone if not s.is_expert]
    assert all(s.organisation and s.sector for s in pros)
