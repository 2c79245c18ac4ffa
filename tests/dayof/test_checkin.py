"""The check-in desk: one tap marks present, a repeated tap counts once, every action can be
undone, and two desks at once never lose or double an arrival."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from ontmoeting.dayof.board import board, find
from ontmoeting.dayof.checkin import DeskError, tap
from ontmoeting.dayof.models import Attendance, DeskAction
from ontmoeting.documents.checkin import checkin_token
from ontmoeting.editions.enums import ParticipantRole, ParticipantStatus
from ontmoeting.planning.services import plan_edition
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory
from tests.web.plans_factories import plannable_edition

AT = dt.datetime(2026, 12, 10, 9, 12, tzinfo=dt.UTC)


@pytest.fixture
def edition(db):
    return EditionFactory(year=2026)


@pytest.fixture
def lotte(edition):
    return ParticipantFactory(
        edition=edition,
        person=PersonFactory(first_name="Lotte", last_name="Mertens"),
        role=ParticipantRole.EXPERT,
        status=ParticipantStatus.CONFIRMED,
        ref="E001",
    )


def test_one_tap_marks_present_with_the_time(edition, lotte):
    result = tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk 1", at=AT)
    assert result.outcome == "done"
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.PRESENT
    assert lotte.attendance.arrived == AT
    assert lotte.attendance.status_before == ParticipantStatus.CONFIRMED
    assert DeskAction.objects.get().by_label == "desk 1"


def test_a_second_desk_finds_them_present_already_and_records_nothing(edition, lotte):
    tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk 1", at=AT)
    later = AT + dt.timedelta(minutes=3)
    again = tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk 2", at=later)
    assert again.outcome == "already"
    assert Attendance.objects.get().arrived == AT
    assert DeskAction.objects.count() == 1


def test_the_same_tap_sent_twice_counts_once(edition, lotte):
    first = tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk", key="k1", at=AT)
    resent = tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk", key="k1")
    assert (first.outcome, resent.outcome) == ("done", "repeated")
    assert resent.action_id == first.action_id
    assert DeskAction.objects.count() == 1


def test_leaving_early_and_every_undo(edition, lotte):
    tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk", at=AT)
    tap(edition, participant_id=lotte.pk, kind="leave", actor="desk", at=AT.replace(hour=14))
    assert Attendance.objects.get().left == AT.replace(hour=14)
    tap(edition, participant_id=lotte.pk, kind="undo", actor="desk")
    attendance = Attendance.objects.get()
    assert (attendance.arrived, attendance.left) == (AT, None)
    tap(edition, participant_id=lotte.pk, kind="undo", actor="desk")
    lotte.refresh_from_db()
    assert lotte.status == ParticipantStatus.CONFIRMED  # given back
    assert lotte.attendance.arrived is None
    nothing = tap(edition, participant_id=lotte.pk, kind="undo", actor="desk")
    assert nothing.outcome == "already"


def test_leaving_before_arriving_and_cancelled_people_are_refused(edition, lotte):
    with pytest.raises(DeskError, match="Lotte Mertens"):
        tap(edition, participant_id=lotte.pk, kind="leave", actor="desk")
    cancelled = ParticipantFactory(edition=edition, status=ParticipantStatus.CANCELLED)
    with pytest.raises(DeskError):
        tap(edition, participant_id=cancelled.pk, kind="arrive", actor="desk")
    other = ParticipantFactory(edition=EditionFactory(year=2025))
    with pytest.raises(DeskError):
        tap(edition, participant_id=other.pk, kind="arrive", actor="desk")
    assert not DeskAction.objects.exists()


def test_the_desk_finds_by_badge_code_ref_or_name(edition, lotte):
    assert find(edition, checkin_token(lotte)) == [lotte]
    assert find(edition, "e001") == [lotte]
    assert find(edition, "lotte mert") == [lotte]
    assert find(edition, checkin_token(lotte.pk + 999)) == []
    assert find(edition, "lotte:forged") == []


def test_the_board_counts_and_names_the_pairs_and_groups_missing_someone(db):
    edition, students, experts = plannable_edition(n_pairs=6, chairs=2)
    plan, _ = plan_edition(edition, actor="test", seed=0, time_limit=1)
    from ontmoeting.planning.publish import publish_plan

    publish_plan(plan, actor="test")
    for person in [*students, *experts]:
        if person != experts[0]:
            tap(edition, participant_id=person.pk, kind="arrive", actor="desk")
    now = board(edition)
    counts = {r.role: (r.expected, r.present, [p.ref for p in r.missing]) for r in now.roles}
    assert counts["expert"] == (len(experts), len(experts) - 1, [experts[0].ref])
    assert counts["student"] == (len(students), len(students), [])
    # Independently of the board: the pairs of the absent expert, from the plan's own rows.
    with_absent = plan.pairs.filter(expert=experts[0]).count()
    assert with_absent >= 1
    assert [row.missing for row in now.pairs] == [(experts[0],)]
    in_groups = (
        plan.groups.filter(members=experts[0]).count()
        + plan.groups.filter(chair=experts[0]).count()
    )
    assert len(now.groups) == min(1, in_groups)


@pytest.mark.django_db(transaction=True)
def test_two_desks_at_once_never_lose_or_double_an_arrival():
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are tested on PostgreSQL")
    edition = EditionFactory(year=2026)
    people = [
        ParticipantFactory(edition=edition, status=ParticipantStatus.CONFIRMED) for _ in range(30)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def desk(name: str) -> None:
        try:
            barrier.wait()
            for person in people:
                result = tap(edition, participant_id=person.pk, kind="arrive", actor=name)
                with lock:
                    outcomes.append(result.outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk, args=(f"desk {i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes)) <= ["already", "done"]
    assert outcomes.count("done") == 30
    assert DeskAction.objects.filter(edition=edition).count() == 30
    assert (
        Attendance.objects.filter(participant__edition=edition, arrived__isnull=False).count() == 30
    )
    assert timezone.now() >= max(a.arrived for a in Attendance.objects.all())


def test_someone_marked_present_by_hand_counts_as_present_until_the_desk_says_otherwise(
    edition, lotte
):
    from ontmoeting.dayof.board import is_present

    lotte.status = ParticipantStatus.PRESENT
    lotte.save()
    lotte = edition.participants.select_related("attendance").get(pk=lotte.pk)
    assert is_present(lotte)
    tap(edition, participant_id=lotte.pk, kind="arrive", actor="desk", at=AT)
    tap(edition, participant_id=lotte.pk, kind="leave", actor="desk", at=AT)
    lotte = edition.participants.select_related("attendance").get(pk=lotte.pk)
    assert not is_present(lotte)
