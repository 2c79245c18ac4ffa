"""Turn an edition into the engine's plain inputs (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass

from ontmoeting.editions.enums import TAKING_PART, ParticipantRole, RoomKind
from ontmoeting.editions.models import Edition, KnowsLink, Participant, ProgrammeBlock
from ontmoeting.editions.models import Room as RoomModel
from ontmoeting.editions.selectors import veteran_person_ids
from ontmoeting.engine.model import (
    BLOCK_KINDS,
    DEFAULT_BLOCKS,
    Block,
    Expert,
    Room,
    Student,
)
from ontmoeting.engine.model import RoomKind as EngineRoomKind
from ontmoeting.people.selectors import eligibility_on, special_consent_given

#: A floor up or down counts as this many metres of walking between rooms.
METRES_PER_FLOOR = 20.0

ENGINE_ROOM_KIND: dict[str, EngineRoomKind] = {
    RoomKind.CONVERSATION: "conversation",
    RoomKind.GROUP: "group",
    RoomKind.PLENARY: "plenary",
    RoomKind.LUNCH: "lunch",
    RoomKind.ANY: "any",
}
#: Programme blocks the engine gives rooms to (the others, a debriefing say, need none).
ENGINE_BLOCK_KINDS = frozenset(BLOCK_KINDS)


@dataclass(frozen=True)
class EditionInputs:
    students: tuple[Student, ...]
    experts: tuple[Expert, ...]
    rooms: tuple[Room, ...]
    participants: dict[str, Participant]  # engine ref -> participant
    room_models: dict[str, RoomModel]  # engine room name -> room
    blocks: tuple[Block, ...] = DEFAULT_BLOCKS  # engine block key = the programme block's id


def engine_ref(participant: Participant) -> str:
    """The coordinator's ref, or a stable stand-in when the roster gave none."""
    return participant.ref or f"P{participant.pk}"


def _needs(participant: Participant) -> frozenset[str]:
    return frozenset({"step_free"}) if participant.needs_step_free else frozenset()


def edition_inputs(edition: Edition) -> EditionInputs:
    """Students, experts and rooms of ``edition`` as engine dataclasses."""
    people = list(
        edition.participants.filter(
            status__in=TAKING_PART, role__in=[ParticipantRole.STUDENT, ParticipantRole.EXPERT]
        )
        .select_related("person", "person__expert_profile")
        .prefetch_related(
            "person__expert_profile__domains", "person__expert_profile__memberships__group"
        )
        .annotate(special_consent=special_consent_given("person_id"))
        .order_by("role", "ref", "pk")
    )
    refs = {p.pk: engine_ref(p) for p in people}
    knows: dict[int, set[str]] = {p.pk: set() for p in people}
    for a_id, b_id in KnowsLink.objects.filter(edition=edition).values_list("a_id", "b_id"):
        if a_id in knows and b_id in knows:
            knows[a_id].add(refs[b_id])
            knows[b_id].add(refs[a_id])
    veterans = veteran_person_ids(edition, [p.person_id for p in people])

    students: list[Student] = []
    experts: list[Expert] = []
    for p in people:
        languages = frozenset(p.spoken_languages)
        if p.role == ParticipantRole.STUDENT:
            students.append(
                Student(
                    ref=refs[p.pk],
                    languages=languages,
                    interests=tuple(p.interests),
                    class_group=p.class_group,
                    gender=p.person.gender,
                    needs=_needs(p),
                    knows=frozenset(knows[p.pk]),
                )
            )
            continue
        profile = getattr(p.person, "expert_profile", None)
        experts.append(
            Expert(
                ref=refs[p.pk],
                languages=languages | frozenset(profile.languages if profile else ()),
                domains=frozenset(d.code for d in profile.domains.all())
                # Domains of experience are used only with a recorded special-category consent.
                if profile and p.special_consent
                else frozenset(),
                can_chair=bool(profile and profile.can_chair),
                chaired_before=bool(profile and profile.chaired_before),
                veteran=p.person_id in veterans,
                eligible=eligibility_on(profile, edition.date).eligible,
                needs=_needs(p),
                knows=frozenset(knows[p.pk]),
            )
        )

    blocks, room_models, rooms = edition_rooms(edition)
    return EditionInputs(
        students=tuple(students),
        experts=tuple(experts),
        rooms=tuple(rooms),
        participants={refs[p.pk]: p for p in people},
        room_models=room_models,
        blocks=blocks,
    )


def edition_blocks(edition: Edition) -> tuple[Block, ...]:
    """The edition's programme blocks that need rooms, as engine blocks keyed by their id."""
    return (
        tuple(
            Block(str(b.pk), b.kind)
            for b in edition.blocks.order_by("starts")
            if b.kind in ENGINE_BLOCK_KINDS
        )
        or DEFAULT_BLOCKS
    )


def edition_rooms(
    edition: Edition,
) -> tuple[tuple[Block, ...], dict[str, RoomModel], list[Room]]:
    """The blocks, the venue's rooms by name and the engine's rooms: every room is a resource
    in every block in which it is free (its excluded uses and the block's taken rooms aside).
    Three queries."""
    blocks = edition_blocks(edition)
    room_models: dict[str, RoomModel] = {}
    rooms: list[Room] = []
    venue = edition.venue
    if venue is None:
        return blocks, room_models, rooms
    taken: dict[int, set[str]] = {}
    through = ProgrammeBlock.unavailable_rooms.through
    for block_id, room_id in through.objects.filter(programmeblock__edition=edition).values_list(
        "programmeblock_id", "room_id"
    ):
        taken.setdefault(room_id, set()).add(str(block_id))
    for room in venue.rooms.order_by("name"):
        excluded = set(room.excluded_uses or ())
        unavailable = taken.get(room.pk, set()) | {b.key for b in blocks if b.kind in excluded}
        room_models[room.name] = room
        rooms.append(
            Room(
                name=room.name,
                capacity=room.capacity,
                step_free=room.step_free,
                kind=ENGINE_ROOM_KIND.get(room.kind, "any"),
                location=(0.0, METRES_PER_FLOOR * room.floor),
                unavailable=frozenset(unavailable),
            )
        )
    return blocks, room_models, rooms
