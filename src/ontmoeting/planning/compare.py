"""What changed between two plan versions: who moved, which chairs and rooms changed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Participant
from ontmoeting.planning.models import Plan, PlannedGroupMember

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


def _snapshot(plan: Plan) -> tuple[dict, dict, dict, dict]:
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
    return pairs, members, groups, rooms


def compare_plans(a: Plan, b: Plan) -> list[Change]:
    """Every difference from version ``a`` to version ``b`` (same edition), in a stable order:
    other experts, other groups, other chairs, other rooms (a fixed number of queries)."""
    pa, ma, ga, ra = _snapshot(a)
    pb, mb, gb, rb = _snapshot(b)
    out: list[Change] = []
    for sid in sorted(set(pa) | set(pb), key=lambda k: _sort(pa.get(k) or pb.get(k))):
        before, after = pa.get(sid), pb.get(sid)
        if (before and before.expert_id) != (after and after.expert_id):
            who = (before or after).student
            out.append(
                Change(
                    "expert",
                    who,
                    "",
                    _person(before.expert if before else None),
                    _person(after.expert if after else None),
                )
            )
    for pid in sorted(set(ma) | set(mb), key=lambda k: _sort_member(ma.get(k) or mb.get(k))):
        before, after = ma.get(pid), mb.get(pid)
        if (before and before.group.number) != (after and after.group.number):
            out.append(
                Change(
                    "group",
                    (before or after).participant,
                    "",
                    before.group.name if before else "—",
                    after.group.name if after else "—",
                )
            )
    for number in sorted(set(ga) | set(gb)):
        before, after = ga.get(number), gb.get(number)
        if (before and before.chair_id) != (after and after.chair_id):
            out.append(
                Change(
                    "chair",
                    after.chair if after else None,
                    (after or before).name,
                    _person(before.chair if before else None),
                    _person(after.chair if after else None),
                )
            )
    for eid in sorted(set(ra) & set(rb), key=lambda k: ra[k][0].ref):
        (expert, room_a), (_expert, room_b) = ra[eid], rb[eid]
        if room_a != room_b:
            out.append(
                Change(
                    "morning_room",
                    expert,
                    "",
                    room_a.name if room_a else "—",
                    room_b.name if room_b else "—",
                )
            )
    for number in sorted(set(ga) & set(gb)):
        room_a, room_b = ga[number].room, gb[number].room
        if room_a != room_b:
            out.append(
                Change(
                    "group_room",
                    None,
                    gb[number].name,
                    room_a.name if room_a else "—",
                    room_b.name if room_b else "—",
                )
            )
    return out


def _sort(pair) -> str:
    return pair.student.ref


def _sort_member(m) -> str:
    return m.participant.ref
