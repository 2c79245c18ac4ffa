"""Turn an edition into the engine's plain inputs (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass

from ontmoeting.editions.enums import TAKING_PART, ParticipantRole, RoomKind
from ontmoeting.editions.models import Edition, KnowsLink, Participant
from ontmoeting.editions.models import Room as RoomModel
from ontmoeting.editions.selectors import veteran_person_ids
from ontmoeting.engine.model import Expert, Room, Student
from ontmoeting.people.selectors import eligibility_on

#: A floor up or down counts as this many metres of walking between rooms.
METRES_PER_FLOOR = 20.0

ENGINE_ROOM_KIND = {
    RoomKind.CONVERSATION: "conversation",
    RoomKind.GROUP: "group",
    RoomKind.ANY: "any",
}


@dataclass(frozen=True)
class EditionInputs:
    students: tuple[Student, ...]
    experts: tuple[Expert, ...]
    rooms: tuple[Room, ...]
    participants: dict[str, Participant]  # engine ref -> participant
    room_models: dict[str, RoomModel]  # engine room name -> room


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
                if profile
                else frozenset(),
                can_chair=bool(profile and profile.can_chair),
                chaired_before=bool(profile and profile.chaired_before),
                veteran=p.person_id in veterans,
                eligible=eligibility_on(profile, edition.date).eligible,
                needs=_needs(p),
                knows=frozenset(knows[p.pk]),
            )
        )

    room_models: dict[str, RoomModel] = {}
    rooms: list[Room] = []
    if edition.venue_id is not None:
        for room in edition.venue.rooms.filter(kind__in=list(ENGINE_ROOM_KIND)).order_by("name"):
            room_models[room.name] = room
            rooms.append(
                Room(
                    name=room.name,
                    capacity=room.capacity,
                    step_free=room.step_free,
                    kind=ENGINE_ROOM_KIND[room.kind],  # type: ignore[arg-type]
                    location=(0.0, METRES_PER_FLOOR * room.floor),
                )
            )
    return EditionInputs(
        students=tuple(students),
        experts=tuple(experts),
        rooms=tuple(rooms),
        participants={refs[p.pk]: p for p in people},
        room_models=room_models,
    )
