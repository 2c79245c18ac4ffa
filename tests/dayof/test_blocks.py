"""The board per block: someone counts in a block when they arrived before it ended and had not
left before it started; the conversations and groups expect whom the plan puts there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ontmoeting.dayof.blocks import block_counts, planned_people
from ontmoeting.dayof.board import expected
from ontmoeting.dayof.checkin import tap
from ontmoeting.editions.models import DEFAULT_PROGRAMME, ProgrammeBlock
from ontmoeting.planning.publish import publish_plan
from ontmoeting.planning.services import plan_edition
from tests.web.plans_factories import plannable_edition

pytestmark = pytest.mark.django_db


def _at(edition, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(edition.date, dt.time(hour, minute)))


@pytest.fixture
def day():
    edition, students, experts = plannable_edition(n_pairs=6, chairs=2)
    ProgrammeBlock.objects.bulk_create(
        ProgrammeBlock(edition=edition, kind=kind, starts=starts, ends=ends)
        for kind, starts, ends in DEFAULT_PROGRAMME
    )
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    publish_plan(plan, actor="test")
    return edition, students, experts, plan


def test_arrivals_late_and_leaving_early_count_in_the_blocks_they_were_there(day):
    edition, students, experts, plan = day
    everyone = [*students, *experts]
    on_time, late, left_early = everyone[:-2], everyone[-2], everyone[-1]
    for person in [*on_time, left_early]:
        tap(edition, participant_id=person.pk, kind="arrive", actor="t", at=_at(edition, 8, 50))
    tap(edition, participant_id=late.pk, kind="arrive", actor="t", at=_at(edition, 12, 40))
    tap(edition, participant_id=left_early.pk, kind="leave", actor="t", at=_at(edition, 14, 0))

    rows = block_counts(edition, expected(edition), planned_people(plan), now=_at(edition, 17))
    by_start = {row.starts: row for row in rows}
    n = len(everyone)
    # welcome 9:00-10:00 and the conversations 10:00-12:00: the late one is missing
    assert (by_start[dt.time(9)].expected, by_start[dt.time(9)].present) == (n, n - 1)
    assert by_start[dt.time(10)].present == by_start[dt.time(10)].expected - 1
    # lunch 12:00-13:30: the late one came at 12:40
    assert by_start[dt.time(12)].present == n
    # groups 13:30-15:30: the one who left at 14:00 was there for half of it
    assert by_start[dt.time(13, 30)].present == by_start[dt.time(13, 30)].expected
    # closing 15:30-16:00: gone
    assert by_start[dt.time(15, 30)].missing == 1
    assert not any(row.is_now for row in rows)


def test_the_block_running_now_is_marked_and_the_conversations_expect_the_planned(day):
    edition, _students, _experts, plan = day
    rows = block_counts(edition, expected(edition), planned_people(plan), now=_at(edition, 10, 5))
    now = [row for row in rows if row.is_now]
    assert [row.starts for row in now] == [dt.time(10)]
    planned = set(plan.pairs.values_list("student", flat=True)) | set(
        plan.pairs.values_list("expert", flat=True)
    )
    assert now[0].expected == len(planned)
    assert now[0].present == 0


def test_the_board_page_shows_the_blocks(client, make_staff, day):
    edition, *_ = day
    client.force_login(make_staff("helper"))
    html = client.get(f"/day/{edition.pk}/board/").content.decode()
    assert 'data-testid="board-blocks"' in html
    assert "Per blok van de dag" in html
