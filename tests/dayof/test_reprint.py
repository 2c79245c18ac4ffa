"""After a repair, only what reads differently is printed again: the desk slip names everyone
whose day changed, and only the changed door signs and group sheets come out of the printer.

The expectations are worked out from the plan rows themselves (pairs, rooms, group members),
not from the documents code."""

from __future__ import annotations

from collections import defaultdict

import pytest

from ontmoeting.dayof.repair import apply_repair
from ontmoeting.dayof.reprint import (
    NothingToReprint,
    changes_on_paper,
    door_signs_pdf,
    group_sheets_pdf,
    slip_pdf,
)
from ontmoeting.editions.models import DEFAULT_PROGRAMME, ProgrammeBlock
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from tests.documents.builders import pdf_text
from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def repaired():
    """Twelve pairs, three willing chairs; one expert who does not chair is absent."""
    edition, _students, _experts = plannable_edition(n_pairs=12, chairs=3)
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in DEFAULT_PROGRAMME
    )
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    chairs = set(plan.groups.values_list("chair", flat=True))
    absent = next(p.expert for p in plan.pairs.order_by("pk") if p.expert_id not in chairs)
    new = apply_repair(edition, absent=[absent], actor="test")
    return edition, plan, new, absent


def _talks(plan):
    """Participant pk -> {(partner pk, room pk)} from the plan's pair rows."""
    talks = defaultdict(set)
    for pair in plan.pairs.all():
        talks[pair.student_id].add((pair.expert_id, pair.room_id))
        talks[pair.expert_id].add((pair.student_id, pair.room_id))
    return talks


def _afternoon(plan):
    """Participant pk -> (group number, room pk, chair pk)."""
    seen = {}
    for group in plan.groups.prefetch_related("memberships"):
        for member in group.memberships.all():
            seen[member.participant_id] = (group.number, group.room_id, group.chair_id)
        seen[group.chair_id] = (group.number, group.room_id, group.chair_id)
    return seen


def _room_uses(plan):
    """Room pk -> (conversations = experts talking there, group numbers meeting there)."""
    experts, groups = defaultdict(set), defaultdict(set)
    for pair in plan.pairs.all():
        experts[pair.room_id].add(pair.expert_id)
    for group in plan.groups.all():
        groups[group.room_id].add(group.number)
    rooms = (set(experts) | set(groups)) - {None}
    return {r: (len(experts[r]), frozenset(groups[r])) for r in rooms}


def test_the_slip_names_exactly_the_people_whose_day_reads_differently(repaired):
    edition, before, after, absent = repaired
    talks_before, talks_after = _talks(before), _talks(after)
    noon_before, noon_after = _afternoon(before), _afternoon(after)
    in_new_plan = set(talks_after) | set(noon_after)
    expected = {
        pk
        for pk in in_new_plan
        if talks_before.get(pk) != talks_after.get(pk) or noon_before.get(pk) != noon_after.get(pk)
    }
    changes = changes_on_paper(edition)
    assert {line.participant.pk for line in changes.slip} == expected
    assert expected  # the absent expert's students got another expert
    assert absent.pk not in expected
    students_of_absent = set(before.pairs.filter(expert=absent).values_list("student", flat=True))
    assert students_of_absent <= expected
    for line in changes.slip:
        if line.participant.pk in students_of_absent:
            assert line.morning_changed
            assert absent.person.full_name in line.before.morning


def test_only_the_changed_door_signs_and_group_sheets_are_printed_again(repaired):
    edition, before, after, _absent = repaired
    uses_before, uses_after = _room_uses(before), _room_uses(after)
    changed_rooms = {r for r in uses_after if uses_before.get(r) != uses_after[r]}
    members_before = {
        g.number: (g.room_id, g.chair_id, {m.participant_id for m in g.memberships.all()})
        for g in before.groups.prefetch_related("memberships")
    }
    members_after = {
        g.number: (g.room_id, g.chair_id, {m.participant_id for m in g.memberships.all()})
        for g in after.groups.prefetch_related("memberships")
    }
    changed_groups = {n for n in members_after if members_before.get(n) != members_after[n]}

    changes = changes_on_paper(edition)
    assert {sign.room.pk for sign in changes.signs} == changed_rooms
    assert {sheet.group.number for sheet in changes.sheets} == changed_groups
    assert changed_groups  # the absent expert left their group
    all_groups = set(members_after)
    assert changed_groups < all_groups  # …and the other groups' sheets stay on the tables


def test_the_pdfs_hold_the_changes_and_nothing_more(repaired):
    edition, _before, _after, absent = repaired
    changes = changes_on_paper(edition)
    slip = "\n".join(pdf_text(slip_pdf(changes, language="nl")))
    assert "Wijzigingen voor de onthaalbalie" in slip
    for line in changes.slip:
        assert line.participant.person.full_name in slip
    assert "was: " in slip
    sheets = pdf_text(group_sheets_pdf(changes, language="nl"))
    assert len(sheets) == len(changes.sheets)
    assert absent.person.first_name not in "\n".join(sheets)
    signs = pdf_text(door_signs_pdf(changes, language="nl"))
    assert len(signs) == len(changes.signs)
    for page, sign in zip(signs, changes.signs, strict=True):
        assert sign.room.name in page


def test_a_first_version_has_nothing_to_compare_with():
    edition, _students, _experts = plannable_edition(n_pairs=4, chairs=1)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    with pytest.raises(NothingToReprint):
        changes_on_paper(edition)


def test_after_the_repair_the_coordinator_lands_on_what_to_print(client, make_staff, repaired):
    edition, _before, after, _absent = repaired
    client.force_login(make_staff("coordinator"))
    board = client.get(f"/day/{edition.pk}/board/").content.decode()
    assert 'data-testid="reprint-link"' in board
    page = client.get(f"/day/{edition.pk}/reprint/").content.decode()
    assert "Wijzigingen afdrukken" in page
    slip = client.get(f"/day/{edition.pk}/reprint/slip.pdf?version={after.version}")
    assert slip.status_code == 200
    assert slip["Content-Type"] == "application/pdf"
    sheets = client.get(f"/day/{edition.pk}/reprint/group-sheets.pdf")
    assert sheets.status_code == 200


def test_a_helper_prints_the_slip_and_signs_but_not_the_group_sheets(client, make_staff, repaired):
    edition, _before, _after, _absent = repaired
    client.force_login(make_staff("helper"))
    page = client.get(f"/day/{edition.pk}/reprint/").content.decode()
    assert 'data-testid="sheets-pdf"' not in page
    assert client.get(f"/day/{edition.pk}/reprint/slip.pdf").status_code == 200
    assert client.get(f"/day/{edition.pk}/reprint/door-signs.pdf").status_code == 200
    assert client.get(f"/day/{edition.pk}/reprint/group-sheets.pdf").status_code == 403


def test_the_cli_writes_the_slip_and_the_changed_papers(repaired, tmp_path, capsys):
    from ontmoeting.cli import main

    edition, _before, _after, _absent = repaired
    changes = changes_on_paper(edition)
    assert main(["day", "reprint", str(edition.year), str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for line in changes.slip:
        assert line.participant.ref in out
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["desk-slip.pdf", "door-signs.pdf", "group-sheets.pdf"]
    assert (
        "Wijzigingen voor de onthaalbalie" in pdf_text((tmp_path / "desk-slip.pdf").read_bytes())[0]
    )
    assert main(["day", "reprint", str(edition.year), str(tmp_path), "--version", "1"]) == 2
