"""A small edition with a published plan, built directly (no engine run), for document tests.

The plan keeps every rule of the engine's check (small groups are allowed by its settings), so
the documents of it are written without ``--force``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ontmoeting.editions.enums import ParticipantRole, RoomKind
from ontmoeting.editions.models import DEFAULT_PROGRAMME, Edition, Participant, Room
from ontmoeting.planning.models import (
    Plan,
    PlannedGroup,
    PlannedGroupMember,
    PlannedPair,
    PlanStatus,
)
from tests.factories import (
    EditionFactory,
    ExpertProfileFactory,
    MembershipFactory,
    ParticipantFactory,
    PersonFactory,
    ProgrammeBlockFactory,
    RoomFactory,
    VenueFactory,
)


@dataclass
class Built:
    edition: Edition
    plan: Plan
    students: list[Participant]
    experts: list[Participant]
    rooms: dict[str, Room] = field(default_factory=dict)
    groups: list[PlannedGroup] = field(default_factory=list)


def build_edition(
    *,
    pairs: int = 4,
    names: list[tuple[str, str]] | None = None,
    status: str = PlanStatus.PUBLISHED,
    year: int = 2026,
) -> Built:
    """``pairs`` students and experts, one pair each, two groups chaired by the first experts.

    ``names`` (first, last) are given to the students first, then the experts.
    """
    venue = VenueFactory(
        name="Campus Sociaal Werk",
        address="Campusplein 1",
        town="Gent",
        notes="Enter by the main door.",
    )
    rooms = {
        "plenary": RoomFactory(venue=venue, name="Aula", capacity=200, kind=RoomKind.PLENARY),
        "lunch": RoomFactory(venue=venue, name="Restaurant", capacity=200, kind=RoomKind.LUNCH),
        "talk": RoomFactory(venue=venue, name="A.1.01", capacity=20, kind=RoomKind.CONVERSATION),
        "talk_old": RoomFactory(
            venue=venue, name="B.2.15", capacity=20, kind=RoomKind.CONVERSATION, step_free=False
        ),
        "group1": RoomFactory(venue=venue, name="C.0.01", capacity=14, kind=RoomKind.GROUP),
        "group2": RoomFactory(venue=venue, name="C.0.02", capacity=14, kind=RoomKind.GROUP),
    }
    edition = EditionFactory(year=year, venue=venue, title=f"Ontmoetingsdag {year}")
    for kind, starts, ends in DEFAULT_PROGRAMME:
        ProgrammeBlockFactory(edition=edition, kind=kind, starts=starts, ends=ends)
    names = list(names or [])
    people = []
    for i in range(2 * pairs):
        first, last = names[i] if i < len(names) else (f"Person{i}", f"Family{i}")
        people.append(PersonFactory(first_name=first, last_name=last, email=f"p{i}@example.org"))
    students = [
        ParticipantFactory(
            edition=edition, person=people[i], role=ParticipantRole.STUDENT, class_group="1A"
        )
        for i in range(pairs)
    ]
    experts = [
        ParticipantFactory(edition=edition, person=people[pairs + i], role=ParticipantRole.EXPERT)
        for i in range(pairs)
    ]
    for expert in experts:  # eligible, and willing to chair
        MembershipFactory(expert=ExpertProfileFactory(person=expert.person, can_chair=True))
    plan = Plan.objects.create(
        edition=edition,
        version=1,
        status=status,
        settings={"group_min_size": 2, "group_max_size": 10},
    )
    for i, (student, expert) in enumerate(zip(students, experts, strict=True)):
        PlannedPair.objects.create(
            plan=plan,
            student=student,
            expert=expert,
            room=rooms["talk"] if i % 2 == 0 else rooms["talk_old"],
        )
    groups = []
    half = (pairs + 1) // 2
    for number, chunk in enumerate(
        (range(half), range(half, pairs)),
        start=1,
    ):
        chunk = list(chunk)
        if not chunk:
            continue
        chair = experts[chunk[0]]
        group = PlannedGroup.objects.create(
            plan=plan,
            number=number,
            name=f"Groep {number}",  # as the planner names them in Dutch
            chair=chair,
            room=rooms[f"group{number}"],
        )
        for i in chunk:
            PlannedGroupMember.objects.create(group=group, participant=experts[i])
            PlannedGroupMember.objects.create(group=group, participant=students[i])
        groups.append(group)
    return Built(
        edition=edition, plan=plan, students=students, experts=experts, rooms=rooms, groups=groups
    )


def pdf_text(content: bytes) -> list[str]:
    """The text of every page of a PDF (pypdf)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text() or "" for page in reader.pages]


def flat(text: str) -> str:
    """Text with every run of white space made one space (lines wrap in PDFs)."""
    return " ".join(text.split())
