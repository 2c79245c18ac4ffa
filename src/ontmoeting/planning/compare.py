"""What changed between two plan versions: who moved, which chairs and rooms changed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Participant, Room
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedGroupMember, PlannedPair

KIND_LABELS = {
    "expert": _("other expert in the morning"),
    "group": _("other group in the afternoon"),
    "chair": _("other chair"),
    "morning_room": _("conversation in another room"),
    "group_room": _("group in another room"),
}


@dataclass(frozen=True)
class Change:
    """One difference; ``who`` is the person concerned (None for a group's room)."""

    kind: str
    who: Participant | None
    subject: str  # the group's name for chair and room changes, else ""
    before: str
    after: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _person(p: Participant | None) -> str:
    if p is None:
        return "—"
    return f"{p.person.full_name} ({p.ref})" if p.ref else p.person.full_name


@dataclass(frozen=True)
class _Snapshot:
    """One version read in four queries."""

    pairs: dict[int, PlannedPair]  # by the student's pk
    members: dict[int, PlannedGroupMember]  # by the participant's pk
    groups: dict[int, PlannedGroup]  # by number
    rooms: dict[int, tuple[Participant, Room | None]]  # the expert and the room, by expert pk


def _snapshot(plan: Plan) -> _Snapshot:
    pairs = {
        p.student_id: p
        for p in plan.pairs.select_related("student__person", "expert__person", "room")
    }
    members = {
        m.participant_id: m
        for m in PlannedGroupMember.objects.filter(group__plan=plan).select_related(
            "participant__person", "group__room", "group__chair__person"
        )
    }
    groups = {
        g.number: g for g in plan.groups.select_related("chair__person", "room").order_by("number")
    }
    rooms = {p.expert_id: (p.expert, p.room) for p in pairs.values()}
    return _Snapshot(pairs, members, groups, rooms)


def compare_plans(a: Plan, b: Plan) -> list[Change]:
    """Every difference from version ``a`` to version ``b`` (same edition), in a stable order:
    other experts, other groups, other chairs, other rooms (a fixed number of queries)."""
    sa, sb = _snapshot(a), _snapshot(b)
    return [
        *_expert_changes(sa.pairs, sb.pairs),
        *_group_changes(sa.members, sb.members),
        *_chair_changes(sa.groups, sb.groups),
        *_morning_room_changes(sa.rooms, sb.rooms),
        *_group_room_changes(sa.groups, sb.groups),
    ]


def _expert_changes(pa: dict[int, PlannedPair], pb: dict[int, PlannedPair]) -> list[Change]:
    """Students with another expert (or none, or newly one), by the student's ref."""
    out = []
    for sid in sorted(set(pa) | set(pb), key=lambda k: (pa.get(k) or pb[k]).student.ref):
        before, after = pa.get(sid), pb.get(sid)
        if (before and before.expert_id) != (after and after.expert_id):
            who = (before or pb[sid]).student
            out.append(
                Change(
                    "expert",
                    who,
                    "",
                    _person(before.expert if before else None),
                    _person(after.expert if after else None),
                )
            )
    return out


def _group_changes(
    ma: dict[int, PlannedGroupMember], mb: dict[int, PlannedGroupMember]
) -> list[Change]:
    """People in another group (or none, or newly one), by the person's ref."""
    out = []
    for pid in sorted(set(ma) | set(mb), key=lambda k: (ma.get(k) or mb[k]).participant.ref):
        before, after = ma.get(pid), mb.get(pid)
        if (before and before.group.number) != (after and after.group.number):
            out.append(
                Change(
                    "group",
                    (before or mb[pid]).participant,
                    "",
                    before.group.name if before else "—",
                    after.group.name if after else "—",
                )
            )
    return out


def _chair_changes(ga: dict[int, PlannedGroup], gb: dict[int, PlannedGroup]) -> list[Change]:
    """Groups (by number) with another chair; a group that is gone has none."""
    out = []
    for number in sorted(set(ga) | set(gb)):
        before, after = ga.get(number), gb.get(number)
        if (before and before.chair_id) != (after and after.chair_id):
            out.append(
                Change(
                    "chair",
                    after.chair if after else None,
                    (after or ga[number]).name,
                    _person(before.chair if before else None),
                    _person(after.chair if after else None),
                )
            )
    return out


def _morning_room_changes(
    ra: dict[int, tuple[Participant, Room | None]], rb: dict[int, tuple[Participant, Room | None]]
) -> list[Change]:
    """Experts in both versions whose conversation moved to another room, by the expert's ref."""
    out = []
    for eid in sorted(set(ra) & set(rb), key=lambda k: ra[k][0].ref):
        (expert, room_a), (_expert, room_b) = ra[eid], rb[eid]
        if room_a != room_b:
            out.append(Change("morning_room", expert, "", _room(room_a), _room(room_b)))
    return out


def _group_room_changes(ga: dict[int, PlannedGroup], gb: dict[int, PlannedGroup]) -> list[Change]:
    """Groups in both versions that moved to another room, by number."""
    out = []
    for number in sorted(set(ga) & set(gb)):
        room_a, room_b = ga[number].room, gb[number].room
        if room_a != room_b:
            out.append(Change("group_room", None, gb[number].name, _room(room_a), _room(room_b)))
    return out


def _room(room: Room | None) -> str:
    return room.name if room else "—"
