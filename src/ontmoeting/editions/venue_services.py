"""Domain functions for an edition's programme blocks, its venue and the venue's rooms.

The editions app sits below planning, so it cannot ask whether a saved plan uses a room. A
higher app registers a *room guard* instead (planning does so in its ``AppConfig.ready()``):
``delete_room`` refuses while a guard gives a reason, in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition, ProgrammeBlock, Room, Venue
from ontmoeting.privacy.audit import Actor, record

BLOCK_FIELDS = ("kind", "starts", "ends", "title")
ROOM_FIELDS = ("name", "capacity", "step_free", "kind", "floor", "excluded_uses")

#: A room guard: ``None`` when ``room`` may be deleted, else why not.
RoomGuard = Callable[[Room], str | None]

_ROOM_GUARDS: list[RoomGuard] = []


@dataclass(frozen=True)
class Overlap:
    first: ProgrammeBlock
    second: ProgrammeBlock


def block_overlaps(blocks: list[ProgrammeBlock]) -> list[Overlap]:
    """Pairs of blocks whose times overlap (touching ends do not overlap)."""
    ordered = sorted(blocks, key=lambda b: (b.starts, b.ends, b.pk or 0))
    return [
        Overlap(a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if b.starts < a.ends and a.starts < b.ends
    ]


def _check_times(starts: dt.time, ends: dt.time) -> None:
    if starts >= ends:
        raise ValidationError({"ends": _("A block must end after it starts.")})


def _rooms_elsewhere(room_ids: list[int], *, venue_id: int | None) -> bool:
    """True when a room of ``room_ids`` is not of the venue ``venue_id`` (without a venue:
    every room is elsewhere)."""
    rooms = Room.objects.filter(pk__in=room_ids)
    return (rooms if venue_id is None else rooms.exclude(venue_id=venue_id)).exists()


@transaction.atomic
def save_block(
    *,
    edition: Edition,
    actor: Actor,
    kind: str,
    starts: dt.time,
    ends: dt.time,
    title: str = "",
    block: ProgrammeBlock | None = None,
    unavailable_rooms: Iterable[Room] | None = None,
) -> ProgrammeBlock:
    """Add a block to ``edition``'s programme, or change ``block``; audited when it changes.

    ``unavailable_rooms`` (None = unchanged) are the venue's rooms taken by something else
    during the block. Raises ValidationError when the block does not end after it starts or a
    room is not of the edition's venue. Overlaps are allowed (a parallel session is possible)
    and reported by ``block_overlaps``.
    """
    _check_times(starts, ends)
    taken = None if unavailable_rooms is None else sorted({r.pk for r in unavailable_rooms})
    if taken and _rooms_elsewhere(taken, venue_id=edition.venue_id):
        raise ValidationError({"unavailable_rooms": _("Choose rooms of this edition's venue.")})
    values = {"kind": kind, "starts": starts, "ends": ends, "title": title}
    if block is None:
        same = edition.blocks.filter(**values).first()
        if same is not None:  # a double submit
            return same
        block = ProgrammeBlock(edition=edition, **values)
        block.full_clean()
        block.save()
        block.unavailable_rooms.set(taken or [])
        record("programme.add", actor=actor, obj=block, edition=edition.pk, kind=kind)
        return block
    if block.edition_id != edition.pk:
        raise ValueError("block belongs to another edition")
    changed = [name for name, value in values.items() if getattr(block, name) != value]
    if taken is not None and taken != sorted(block.unavailable_rooms.values_list("pk", flat=True)):
        block.unavailable_rooms.set(taken)
        changed.append("unavailable_rooms")
    if not changed:
        return block
    for name in changed:
        if name in values:
            setattr(block, name, values[name])
    block.full_clean()
    block.save()
    record("programme.change", actor=actor, obj=block, edition=edition.pk, fields=changed)
    return block


@transaction.atomic
def delete_block(block: ProgrammeBlock, *, actor: Actor) -> None:
    """Remove a block from the programme (audited)."""
    record(
        "programme.delete",
        actor=actor,
        obj=block,
        edition=block.edition_id,
        kind=block.kind,
        starts=block.starts.isoformat(),
        ends=block.ends.isoformat(),
    )
    block.delete()


@transaction.atomic
def create_venue(*, name: str, actor: Actor, address: str = "", town: str = "") -> Venue:
    """A new venue; idempotent on its name (ignoring case)."""
    existing = Venue.objects.filter(name__iexact=name.strip()).first()
    if existing is not None:
        return existing
    venue = Venue(name=name.strip(), address=address, town=town)
    venue.full_clean()
    venue.save()
    record("venue.create", actor=actor, obj=venue)
    return venue


@transaction.atomic
def set_edition_venue(edition: Edition, *, venue: Venue | None, actor: Actor) -> Edition:
    """Choose the venue of ``edition``; idempotent."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.venue_id == (venue.pk if venue else None):
        return locked
    before = locked.venue_id
    locked.venue = venue
    locked.save(update_fields=["venue"])
    record(
        "edition.venue", actor=actor, obj=locked, before=before, after=venue.pk if venue else None
    )
    edition.venue = venue
    return locked


def register_room_guard(guard: RoomGuard) -> None:
    """Ask ``guard`` before a room is deleted; registering it twice changes nothing."""
    if guard not in _ROOM_GUARDS:
        _ROOM_GUARDS.append(guard)


def why_room_is_kept(room: Room) -> str | None:
    """The reason of the first room guard that keeps ``room``, or None when it may go."""
    for guard in _ROOM_GUARDS:
        reason = guard(room)
        if reason:
            return reason
    return None


def room_in_use(room: Room) -> bool:
    """True when a room guard keeps ``room`` (a saved plan puts a pair or a group in it)."""
    return why_room_is_kept(room) is not None


@transaction.atomic
def save_room(
    *,
    venue: Venue,
    actor: Actor,
    name: str,
    capacity: int,
    step_free: bool,
    kind: str,
    floor: int = 0,
    room: Room | None = None,
    excluded_uses: Iterable[str] = (),
) -> Room:
    """Add a room to ``venue`` or change ``room``; audited when it changes.

    ``excluded_uses``: the parts of the day (block kinds) the room may never host; its kind is
    only a preference. Raises ValidationError (keyed by field) for a name the venue already has.
    """
    values = {
        "name": name.strip(),
        "capacity": capacity,
        "step_free": step_free,
        "kind": kind,
        "floor": floor,
        "excluded_uses": sorted(set(excluded_uses)),
    }
    clash = venue.rooms.filter(Q(name__iexact=values["name"]))
    if room is not None:
        if room.venue_id != venue.pk:
            raise ValueError("room belongs to another venue")
        clash = clash.exclude(pk=room.pk)
    if clash.exists():
        existing = clash.first()
        if (
            room is None
            and existing is not None
            and all(getattr(existing, k) == v for k, v in values.items())
        ):
            return existing  # a double submit
        raise ValidationError({"name": _("This venue already has a room with this name.")})
    if room is None:
        room = Room(venue=venue, **values)
        room.full_clean()
        room.save()
        record("room.add", actor=actor, obj=room, venue=venue.pk)
        return room
    changed = [k for k, v in values.items() if getattr(room, k) != v]
    if not changed:
        return room
    for k in changed:
        setattr(room, k, values[k])
    room.full_clean()
    room.save()
    record("room.change", actor=actor, obj=room, venue=venue.pk, fields=changed)
    return room


@transaction.atomic
def delete_room(room: Room, *, actor: Actor) -> None:
    """Delete ``room``; raises ValidationError while a guard keeps it (a saved plan uses it)."""
    reason = why_room_is_kept(room)
    if reason:
        raise ValidationError(reason)
    record("room.delete", actor=actor, obj=room, venue=room.venue_id, name=room.name)
    room.delete()
