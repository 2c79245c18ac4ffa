"""The programme of the day and the venue's rooms: edits, validation, audit, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from ontmoeting.editions.enums import RoomKind
from ontmoeting.editions.models import ProgrammeBlock, Room, Venue
from ontmoeting.planning.models import Plan, PlannedPair
from ontmoeting.privacy.models import AuditEntry
from tests.factories import EditionFactory, ProgrammeBlockFactory, RoomFactory, VenueFactory
from tests.web.w1_helpers import expert, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, make_staff):
    client.force_login(make_staff("coordinator"))
    return client


@pytest.fixture
def edition():
    return EditionFactory(year=2026, venue=VenueFactory(name="Campus Zuid"))


def block_data(**overrides):
    return {"kind": "debriefing", "title": "", "starts": "16:00", "ends": "17:00", **overrides}


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_programme_and_venue_are_forbidden_for_researchers_and_admins(
    client, make_staff, edition, role
):
    room = RoomFactory(venue=edition.venue)
    block = ProgrammeBlockFactory(edition=edition)
    client.force_login(make_staff(role))
    e = f"/editions/{edition.pk}"
    for url in (f"{e}/programme/", f"{e}/venue/", f"{e}/venue/rooms/{room.pk}/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{e}/programme/new/", block_data()).status_code == 403
    assert client.post(f"{e}/programme/{block.pk}/delete/").status_code == 403
    assert client.post(f"{e}/venue/rooms/{room.pk}/delete/").status_code == 403
    assert client.post(f"{e}/venue/choose/", {"venue": ""}).status_code == 403
    assert (Room.objects.count(), ProgrammeBlock.objects.count()) == (1, 1)


def test_add_a_debriefing_block_is_audited(coordinator, edition):
    response = coordinator.post(f"/editions/{edition.pk}/programme/new/", block_data())
    assert response.status_code == 302
    block = edition.blocks.get()
    assert (block.kind, block.starts, block.ends) == ("debriefing", dt.time(16), dt.time(17))
    assert AuditEntry.objects.filter(action="programme.add").count() == 1
    # A double submit adds nothing.
    coordinator.post(f"/editions/{edition.pk}/programme/new/", block_data())
    assert edition.blocks.count() == 1


def test_block_must_end_after_it_starts(coordinator, edition):
    response = coordinator.post(
        f"/editions/{edition.pk}/programme/new/", block_data(starts="12:00", ends="11:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends"] == ["Een onderdeel moet eindigen na het begin."]
    assert not edition.blocks.exists()


def test_overlapping_blocks_are_saved_with_a_clear_warning(coordinator, edition):
    ProgrammeBlockFactory(edition=edition, kind="lunch", starts=dt.time(12), ends=dt.time(13, 30))
    response = coordinator.post(
        f"/editions/{edition.pk}/programme/new/",
        block_data(kind="other", title="Press", starts="13:00", ends="14:00"),
        follow=True,
    )
    html = response.content.decode()
    assert "overlaps" in html
    assert 'data-testid="overlaps"' in html
    assert edition.blocks.count() == 2


def test_edit_and_delete_a_block(coordinator, edition):
    block = ProgrammeBlockFactory(edition=edition)
    url = f"/editions/{edition.pk}/programme/{block.pk}/"
    coordinator.post(url, block_data(kind="welcome", starts="08:30", ends="10:00"))
    block.refresh_from_db()
    assert block.starts == dt.time(8, 30)
    assert AuditEntry.objects.get(action="programme.change").data["fields"] == ["starts"]
    coordinator.post(url + "delete/")
    assert not edition.blocks.exists()
    assert AuditEntry.objects.filter(action="programme.delete").count() == 1


def test_another_editions_block_or_room_is_404(coordinator, edition):
    other = EditionFactory(year=2025, venue=VenueFactory())
    block = ProgrammeBlockFactory(edition=other)
    room = RoomFactory(venue=other.venue)
    e = f"/editions/{edition.pk}"
    assert coordinator.get(f"{e}/programme/{block.pk}/").status_code == 404
    assert coordinator.post(f"{e}/programme/{block.pk}/delete/").status_code == 404
    assert coordinator.get(f"{e}/venue/rooms/{room.pk}/").status_code == 404
    assert coordinator.post(f"{e}/venue/rooms/{room.pk}/delete/").status_code == 404
    assert ProgrammeBlock.objects.filter(pk=block.pk).exists()
    assert Room.objects.filter(pk=room.pk).exists()


def room_data(**overrides):
    return {"name": "B.101", "capacity": "20", "kind": "conversation", "floor": "1", **overrides}


def test_add_and_edit_a_room(coordinator, edition):
    coordinator.post(f"/editions/{edition.pk}/venue/rooms/new/", room_data(step_free="on"))
    room = edition.venue.rooms.get()
    assert (room.name, room.capacity, room.kind, room.step_free) == (
        "B.101",
        20,
        RoomKind.CONVERSATION,
        True,
    )
    coordinator.post(f"/editions/{edition.pk}/venue/rooms/{room.pk}/", room_data(capacity="16"))
    room.refresh_from_db()
    assert (room.capacity, room.step_free) == (16, False)
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == ["room.add", "room.change"]


def test_room_validation_errors(coordinator, edition):
    RoomFactory(venue=edition.venue, name="B.101")
    url = f"/editions/{edition.pk}/venue/rooms/new/"
    response = coordinator.post(url, room_data(capacity="12"))
    assert response.context["form"].errors["name"]
    response = coordinator.post(url, room_data(name="C", capacity="0"))
    assert response.context["form"].errors["capacity"]
    assert edition.venue.rooms.count() == 1


def test_a_room_used_by_a_plan_cannot_be_deleted(coordinator, edition):
    room = RoomFactory(venue=edition.venue, name="B.101")
    plan = Plan.objects.create(edition=edition, version=1)
    PlannedPair.objects.create(
        plan=plan,
        student=student(edition, ref="S1", name="Anna Smet"),
        expert=expert(edition, ref="E1", name="Marc Peeters"),
        room=room,
    )
    response = coordinator.post(
        f"/editions/{edition.pk}/venue/rooms/{room.pk}/delete/", follow=True
    )
    assert "wordt gebruikt door een bewaarde planning" in response.content.decode()
    assert Room.objects.filter(pk=room.pk).exists()
    free = RoomFactory(venue=edition.venue, name="B.102")
    coordinator.post(f"/editions/{edition.pk}/venue/rooms/{free.pk}/delete/")
    assert not Room.objects.filter(pk=free.pk).exists()
    assert AuditEntry.objects.filter(action="room.delete").count() == 1


def test_choose_or_create_the_venue(coordinator):
    edition = EditionFactory(year=2026)
    campus = VenueFactory(name="Campus Noord")
    coordinator.post(f"/editions/{edition.pk}/venue/choose/", {"venue": campus.pk})
    edition.refresh_from_db()
    assert edition.venue == campus
    coordinator.post(f"/editions/{edition.pk}/venue/choose/", {"name": "Stadhuis", "town": "Gent"})
    edition.refresh_from_db()
    assert edition.venue == Venue.objects.get(name="Stadhuis")
    assert AuditEntry.objects.filter(action="edition.venue").count() == 2
    assert AuditEntry.objects.filter(action="venue.create").count() == 1


def test_rooms_without_a_venue_redirect_to_choose_one(coordinator):
    edition = EditionFactory(year=2026)
    response = coordinator.get(f"/editions/{edition.pk}/venue/rooms/new/")
    assert response.status_code == 302
    assert coordinator.get(f"/editions/{edition.pk}/venue/").status_code == 200


def test_rooms_list_query_count_does_not_grow(coordinator, edition, django_assert_max_num_queries):
    RoomFactory(venue=edition.venue)
    url = f"/editions/{edition.pk}/venue/"
    with django_assert_max_num_queries(10):
        assert coordinator.get(url).status_code == 200
    for _ in range(3):
        RoomFactory(venue=edition.venue)
        VenueFactory()
    with django_assert_max_num_queries(10):
        assert coordinator.get(url).status_code == 200


def test_programme_list_query_count_does_not_grow(
    coordinator, edition, django_assert_max_num_queries
):
    ProgrammeBlockFactory(edition=edition)
    url = f"/editions/{edition.pk}/programme/"
    with django_assert_max_num_queries(10):
        assert coordinator.get(url).status_code == 200
    for hour in (10, 11, 12):
        ProgrammeBlockFactory(edition=edition, starts=dt.time(hour), ends=dt.time(hour + 1))
    with django_assert_max_num_queries(10):
        assert coordinator.get(url).status_code == 200


def test_a_room_can_be_kept_out_of_a_part_of_the_day(coordinator, edition):
    url = f"/editions/{edition.pk}/venue/rooms/new/"
    coordinator.post(url, room_data(excluded_uses=["groups", "lunch"]))
    room = edition.venue.rooms.get()
    assert room.excluded_uses == ["groups", "lunch"]
    page = coordinator.get(f"/editions/{edition.pk}/venue/").content.decode()
    assert "de namiddaggroepen, de lunch" in page
    coordinator.post(f"/editions/{edition.pk}/venue/rooms/{room.pk}/", room_data())
    room.refresh_from_db()
    assert room.excluded_uses == []


def test_a_block_lists_the_rooms_taken_by_something_else(coordinator, edition):
    taken = RoomFactory(venue=edition.venue, name="C.0.02")
    RoomFactory(venue=edition.venue, name="C.0.03")
    other_venue_room = RoomFactory(name="Elders")
    url = f"/editions/{edition.pk}/programme/new/"
    response = coordinator.post(
        url, block_data(kind="groups", unavailable_rooms=[other_venue_room.pk])
    )
    assert response.context["form"].errors["unavailable_rooms"]  # not a room of this venue
    coordinator.post(url, block_data(kind="groups", unavailable_rooms=[taken.pk]))
    block = edition.blocks.get(kind="groups")
    assert list(block.unavailable_rooms.all()) == [taken]
    page = coordinator.get(f"/editions/{edition.pk}/programme/").content.decode()
    assert "C.0.02" in page


def test_a_room_id_no_database_can_hold_is_an_invalid_choice(coordinator, edition):
    RoomFactory(venue=edition.venue, name="C.0.02")
    response = coordinator.post(
        f"/editions/{edition.pk}/programme/new/",
        block_data(kind="groups", unavailable_rooms=[str(2**63)]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unavailable_rooms"] == [
        f"‘{2**63}’ is geen geldige waarde."
    ]
    assert not edition.blocks.filter(kind="groups").exists()
