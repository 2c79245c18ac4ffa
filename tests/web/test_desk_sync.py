"""The desk's batch endpoint: taps kept on a phone while offline arrive once, at their own time.

The desk page sends ``{"taps": [{key, kind, participant | token, at}]}``; each tap is answered by
its key. Checked here against the database (DeskAction rows, Attendance times), never only
against the endpoint's own answer.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ontmoeting.dayof.models import Attendance, DeskAction
from ontmoeting.documents.checkin import checkin_token
from ontmoeting.editions.enums import EditionStatus, ParticipantRole, ParticipantStatus
from tests.factories import EditionFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _today_edition(**extra):
    today = timezone.localdate()
    return EditionFactory(
        **{"year": today.year, **extra},
        date=today,
        window_start=today - dt.timedelta(days=7),
        window_end=today + dt.timedelta(days=7),
        status=EditionStatus.PUBLISHED,
    )


@pytest.fixture
def edition():
    return _today_edition()


def _person(edition, first, last, ref, role=ParticipantRole.EXPERT):
    return ParticipantFactory(
        edition=edition,
        person=PersonFactory(first_name=first, last_name=last),
        role=role,
        status=ParticipantStatus.CONFIRMED,
        ref=ref,
    )


@pytest.fixture
def anna(edition):
    return _person(edition, "Anna", "Peeters", "E001")


@pytest.fixture
def helper(client, make_staff):
    client.force_login(make_staff("helper"))
    return client


def _send(client, edition, taps):
    return client.post(
        f"/day/{edition.pk}/desk/sync/", json.dumps({"taps": taps}), content_type="application/json"
    )


def _iso(moment: dt.datetime) -> str:
    """As ``Date.toISOString()`` writes it: UTC, milliseconds, a Z."""
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def test_a_batch_with_a_repeated_key_counts_once(helper, edition, anna):
    at = _iso(timezone.now())
    tap = {"key": "k-1", "kind": "arrive", "participant": anna.pk, "at": at}
    first = _send(helper, edition, [tap, tap]).json()["results"]
    again = _send(helper, edition, [tap]).json()["results"]  # the answer was lost; sent again
    assert [r["outcome"] for r in first + again] == ["done", "repeated", "repeated"]
    assert first[0]["message"] == "Anna Peeters is aanwezig."
    assert DeskAction.objects.filter(participant=anna).count() == 1
    anna.refresh_from_db()
    assert anna.status == ParticipantStatus.PRESENT


def test_an_offline_tap_keeps_its_own_time_as_the_arrival(helper, edition, anna):
    bart = _person(edition, "Bart", "Claes", "S001", ParticipantRole.STUDENT)
    tapped = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=20)
    left = tapped + dt.timedelta(minutes=3)
    taps = [
        {"key": "a", "kind": "arrive", "token": checkin_token(anna), "at": _iso(tapped)},
        {"key": "b", "kind": "arrive", "participant": str(bart.pk), "at": _iso(tapped)},
        {"key": "c", "kind": "leave", "participant": bart.pk, "at": _iso(left)},
    ]
    results = _send(helper, edition, taps).json()["results"]
    assert [(r["key"], r["ok"], r["outcome"]) for r in results] == [
        ("a", True, "done"),
        ("b", True, "done"),
        ("c", True, "done"),
    ]
    assert Attendance.objects.get(participant=anna).arrived == tapped
    assert Attendance.objects.get(participant=bart).arrived == tapped
    assert Attendance.objects.get(participant=bart).left == left
    assert [a.at for a in DeskAction.objects.order_by("pk")] == [tapped, tapped, left]


def test_a_badge_or_a_person_of_another_edition_is_refused(helper, edition, anna):
    other = EditionFactory(year=edition.year - 1, status=EditionStatus.HELD)
    stranger = _person(other, "Chris", "Wouters", "E009")
    results = _send(
        helper,
        edition,
        [
            {"key": "x", "kind": "arrive", "token": checkin_token(stranger)},
            {"key": "y", "kind": "arrive", "participant": stranger.pk},
            {"key": "z", "kind": "arrive", "token": checkin_token(stranger) + "forged"},
        ],
    ).json()["results"]
    assert [(r["key"], r["ok"]) for r in results] == [("x", False), ("y", False), ("z", False)]
    assert results[0]["message"] == "deze persoon neemt niet deel aan deze editie"
    assert "Chris" not in json.dumps(results)
    assert DeskAction.objects.count() == 0
    stranger.refresh_from_db()
    assert stranger.status == ParticipantStatus.CONFIRMED


def test_a_key_recorded_at_another_editions_desk_tells_nothing_about_that_person(
    helper, edition, anna
):
    other = _today_edition(year=edition.year - 1)
    stranger = _person(other, "Chris", "Wouters", "E009")
    _send(helper, other, [{"key": "shared", "kind": "arrive", "participant": stranger.pk}])
    results = _send(
        helper, edition, [{"key": "shared", "kind": "arrive", "participant": anna.pk}]
    ).json()["results"]
    assert results[0]["ok"] is False
    assert "Chris" not in json.dumps(results)


@pytest.mark.parametrize(
    ("at", "why"),
    [
        ("tomorrow", "not a date"),
        ("2026-13-40T10:00:00Z", "not a date"),
        ("NAIVE", "no time zone"),
        ("FUTURE", "device clock an hour ahead"),
        ("YESTERDAY", "before the day"),
    ],
)
def test_a_tap_with_a_wrong_time_is_refused_and_records_nothing(helper, edition, anna, at, why):
    now = timezone.now()
    at = {
        "NAIVE": timezone.localtime(now).replace(tzinfo=None).isoformat(),
        "FUTURE": _iso(now + dt.timedelta(hours=1)),
        "YESTERDAY": _iso(now - dt.timedelta(days=1)),
    }.get(at, at)
    results = _send(
        helper, edition, [{"key": "k", "kind": "arrive", "participant": anna.pk, "at": at}]
    )
    answer = results.json()["results"][0]
    assert answer["ok"] is False, why
    assert answer["message"], why
    assert DeskAction.objects.count() == 0
    assert not Attendance.objects.filter(participant=anna, arrived__isnull=False).exists()


def test_a_device_clock_a_little_fast_is_taken_as_now(helper, edition, anna):
    before = timezone.now()
    at = _iso(before + dt.timedelta(minutes=2))
    _send(helper, edition, [{"key": "k", "kind": "arrive", "participant": anna.pk, "at": at}])
    after = timezone.now()
    arrived = Attendance.objects.get(participant=anna).arrived
    assert before <= arrived <= after


def test_before_the_day_a_recent_tap_counts_and_an_old_one_is_refused(helper, anna):
    today = timezone.localdate()
    later = EditionFactory(
        year=today.year + 1,
        date=today + dt.timedelta(days=30),
        window_start=today,
        window_end=today + dt.timedelta(days=60),
    )
    eva = _person(later, "Eva", "Janssens", "E002")
    fien = _person(later, "Fien", "Maes", "E003")
    now = timezone.now()
    results = _send(
        helper,
        later,
        [
            {
                "key": "r1",
                "kind": "arrive",
                "participant": eva.pk,
                "at": _iso(now - dt.timedelta(hours=1)),
            },
            {
                "key": "r2",
                "kind": "arrive",
                "participant": fien.pk,
                "at": _iso(now - dt.timedelta(hours=13)),
            },
        ],
    ).json()["results"]
    assert [r["ok"] for r in results] == [True, False]
    assert list(DeskAction.objects.values_list("participant", flat=True)) == [eva.pk]


def test_a_tap_without_a_key_or_a_person_is_refused_and_the_others_still_count(
    helper, edition, anna
):
    results = _send(
        helper,
        edition,
        [
            {"kind": "arrive", "participant": anna.pk},
            {"key": "q", "kind": "arrive"},
            {"key": "r", "kind": "dance", "participant": anna.pk},
            "not a tap",
            {"key": "t", "kind": "arrive", "participant": 10**30},
            {"key": "u", "kind": "arrive", "participant": True},
            {"key": "v", "kind": "arrive", "participant": anna.pk, "at": ["2026"]},
            {"key": "s", "kind": "arrive", "participant": anna.pk},
        ],
    ).json()["results"]
    assert [r["ok"] for r in results] == [False] * 7 + [True]
    assert DeskAction.objects.count() == 1


@pytest.mark.parametrize("body", ["not json", json.dumps({"taps": "x"}), json.dumps([1, 2])])
def test_a_body_that_is_not_a_batch_is_a_bad_request(helper, edition, body):
    response = helper.post(f"/day/{edition.pk}/desk/sync/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]


def test_a_batch_too_large_is_refused_whole(helper, edition, anna):
    taps = [{"key": f"k{i}", "kind": "arrive", "participant": anna.pk} for i in range(101)]
    assert _send(helper, edition, taps).status_code == 400
    assert DeskAction.objects.count() == 0


@pytest.mark.parametrize(("role", "status"), [("helper", 200), ("coordinator", 200)])
def test_day_roles_may_send_taps(client, make_staff, edition, anna, role, status):
    client.force_login(make_staff(role))
    tap = {"key": role, "kind": "arrive", "participant": anna.pk}
    assert _send(client, edition, [tap]).status_code == status
    assert DeskAction.objects.get().by.username == role


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_other_staff_may_not_send_taps(client, make_staff, edition, anna, role):
    client.force_login(make_staff(role))
    tap = {"key": role, "kind": "arrive", "participant": anna.pk}
    assert _send(client, edition, [tap]).status_code == 403
    assert DeskAction.objects.count() == 0


def test_a_visitor_is_sent_to_the_login_page(client, edition, anna):
    response = _send(client, edition, [{"key": "v", "kind": "arrive", "participant": anna.pk}])
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert DeskAction.objects.count() == 0


def test_the_batch_needs_the_pages_csrf_token(make_staff, edition, anna):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff("helper"))
    tap = {"key": "c", "kind": "arrive", "participant": anna.pk}
    assert _send(client, edition, [tap]).status_code == 403
    assert DeskAction.objects.count() == 0
    page = client.get(f"/day/{edition.pk}/desk/").content.decode()
    match = re.search(r'data-csrf="([^"]+)"', page)
    assert match is not None
    response = client.post(
        f"/day/{edition.pk}/desk/sync/",
        json.dumps({"taps": [tap]}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=match.group(1),
    )
    assert response.status_code == 200
    assert DeskAction.objects.count() == 1


def test_the_desk_page_gives_the_script_its_sentences_and_loads_no_inline_script(helper, edition):
    page = helper.get(f"/day/{edition.pk}/desk/").content.decode()
    assert f'data-sync-url="/day/{edition.pk}/desk/sync/"' in page
    assert "/static/web/desk.js" in page
    assert "/static/vendor/jsqr/jsQR.js" in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
TAP = st.fixed_dictionaries(
    {},
    optional={
        "key": st.text(max_size=80) | JUNK,
        "kind": st.sampled_from(["arrive", "leave", "undo", "", "ARRIVE"]) | JUNK,
        "participant": st.integers() | st.text(max_size=30) | JUNK,
        "token": st.text(max_size=300) | JUNK,
        "at": st.datetimes().map(lambda d: d.isoformat()) | st.text(max_size=50) | JUNK,
    },
)


@given(taps=st.lists(TAP | JUNK, max_size=6))
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_junk_taps_are_answered_one_by_one_never_with_a_server_error(helper, edition, anna, taps):
    before = DeskAction.objects.count()
    response = _send(helper, edition, taps)
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == len(taps)
    recorded = sum(r["ok"] and r["outcome"] == "done" for r in results)
    assert DeskAction.objects.count() - before == recorded
