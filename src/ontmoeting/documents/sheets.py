"""The printed sheets of an edition: name badges, door signs, chair sheets, attendance lists."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from ontmoeting.documents.checkin import checkin_token
from ontmoeting.documents.pdf import Source, render_html
from ontmoeting.documents.personal import FALLBACK_KINDS, block_title, shared_rooms
from ontmoeting.documents.selectors import EditionData
from ontmoeting.editions.enums import BlockKind, ParticipantRole
from ontmoeting.editions.models import Participant, ProgrammeBlock, Room
from ontmoeting.people.models import ExperienceDomain
from ontmoeting.planning.models import PlannedGroup

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BADGES_PER_PAGE = 8

#: (longest text, size class): names up to that many characters get that class; longer ones the
#: smallest class and wrap. The sizes (badges.css) keep each class on one line of the badge.
FIRST_NAME_SIZES: tuple[tuple[int, str], ...] = ((9, "xl"), (12, "l"), (16, "m"), (21, "s"))
LAST_NAME_SIZES: tuple[tuple[int, str], ...] = ((16, "l"), (22, "m"), (28, "s"))

ROLE_ORDER = (ParticipantRole.STUDENT, ParticipantRole.EXPERT, ParticipantRole.PROFESSIONAL)


def size_class(text: str, sizes: Sequence[tuple[int, str]]) -> str:
    """The font-size class for ``text``: shrink with length, then ``xs`` (which wraps)."""
    length = len(text.strip())
    for longest, name in sizes:
        if length <= longest:
            return name
    return "xs"


def qr_png(text: str) -> bytes:
    """A QR code of ``text`` as a PNG of one pixel per module (with a one-module quiet zone;
    the badge adds white space around it). Print it scaled up with ``image-rendering:
    pixelated`` so the modules stay sharp. A fixed mask pattern keeps it fast."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, mask_pattern=0
    )
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(text: str) -> str:
    """``qr_png(text)`` as a data URI for an ``<img>``."""
    return "data:image/png;base64," + base64.b64encode(qr_png(text)).decode("ascii")


def short_name(participant: Participant) -> str:
    """First name and last initial ("Anna D."), for lists that others see."""
    person = participant.person
    initial = person.last_name.strip()[:1]
    return f"{person.first_name} {initial}." if initial else person.first_name


# --- badges ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    participant: Participant
    first_name: str
    last_name: str
    first_size: str
    last_size: str
    role: StrOrPromise
    detail: str
    qr: str
    position: int


def _role_label(participant: Participant, data: EditionData) -> StrOrPromise:
    group = data.group_of.get(participant.pk)
    if group is not None and group.chair_id == participant.pk:
        return _("Expert by experience · group chair")
    if participant.role in ParticipantRole.values:
        return ParticipantRole(participant.role).label
    return participant.role


def badges(data: EditionData) -> list[list[Badge]]:
    """Badges of everyone taking part, by role then name, in sheets of ``BADGES_PER_PAGE``."""
    people = sorted(
        data.participants,
        key=lambda p: (
            ROLE_ORDER.index(p.role) if p.role in ROLE_ORDER else 9,
            p.person.last_name.lower(),
            p.person.first_name.lower(),
            p.pk,
        ),
    )
    items = []
    for index, participant in enumerate(people):
        person = participant.person
        group = data.group_of.get(participant.pk)
        items.append(
            Badge(
                participant=participant,
                first_name=person.first_name,
                last_name=person.last_name,
                first_size=size_class(person.first_name, FIRST_NAME_SIZES),
                last_size=size_class(person.last_name, LAST_NAME_SIZES),
                role=_role_label(participant, data),
                detail=group.name if group is not None else "",
                qr=qr_data_uri(checkin_token(participant)),
                position=index % BADGES_PER_PAGE,
            )
        )
    return [items[i : i + BADGES_PER_PAGE] for i in range(0, len(items), BADGES_PER_PAGE)]


def badges_source(data: EditionData, *, language: str) -> Source:
    return Source(
        render_html(
            "documents/pdf/badges.html",
            {"sheets": badges(data), "edition": data.edition, "title": _("Name badges")},
            language=language,
        ),
        ("badges.css",),
    )


def badges_pdf(data: EditionData, *, language: str) -> bytes:
    """A4 sheets of eight name badges (95 by 65 mm) with cut marks and a check-in QR code."""
    return badges_source(data, language=language).pdf()


# --- door signs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignLine:
    starts: dt.time
    ends: dt.time
    what: StrOrPromise
    groups: tuple[str, ...] = ()
    conversations: int = 0


@dataclass(frozen=True)
class DoorSign:
    room: Room
    lines: tuple[SignLine, ...]


def door_signs(data: EditionData) -> list[DoorSign]:
    """One sign per room in use: the plenary hall, the lunch room and every planned room."""
    uses = _RoomUses(
        conversations=_conversations_per_room(data),
        groups=_groups_per_room(data),
        shared={b.pk: {r.pk for r in shared_rooms(data.plan, b, data.rooms)} for b in data.blocks},
    )
    signs = []
    for room in data.rooms:
        lines = [line for block in data.blocks if (line := uses.line(room, block)) is not None]
        if lines:
            signs.append(DoorSign(room=room, lines=tuple(lines)))
    return signs


@dataclass(frozen=True)
class _RoomUses:
    """What the plan puts in each room (by pk): how many conversations in the morning, which
    groups in the afternoon, and the rooms of the blocks everyone shares (by block pk)."""

    conversations: dict[int, int]
    groups: dict[int, list[str]]
    shared: dict[int, set[int]]

    def line(self, room: Room, block: ProgrammeBlock) -> SignLine | None:
        """The line of ``room``'s sign for ``block``; None when the room is not used then."""
        if block.kind == BlockKind.ONE_TO_ONE and room.pk in self.conversations:
            return SignLine(
                block.starts,
                block.ends,
                block_title(block),
                conversations=self.conversations[room.pk],
            )
        if block.kind == BlockKind.GROUPS and room.pk in self.groups:
            return SignLine(
                block.starts, block.ends, block_title(block), groups=tuple(self.groups[room.pk])
            )
        if block.kind in FALLBACK_KINDS and room.pk in self.shared[block.pk]:
            return SignLine(block.starts, block.ends, block_title(block))
        return None


def _conversations_per_room(data: EditionData) -> dict[int, int]:
    """Room pk -> conversations held there (a trio is one conversation: one per expert)."""
    experts_in: dict[int, set[int]] = {}
    for pairs in data.pairs_of.values():
        for pair in pairs:
            if pair.room_id is not None:
                experts_in.setdefault(pair.room_id, set()).add(pair.expert_id)
    return {room_id: len(experts) for room_id, experts in experts_in.items()}


def _groups_per_room(data: EditionData) -> dict[int, list[str]]:
    """Room pk -> the names of the groups meeting there."""
    groups_in: dict[int, list[str]] = {}
    for group in data.groups:
        if group.room_id is not None:
            groups_in.setdefault(group.room_id, []).append(group.name)
    return groups_in


def door_signs_source(
    data: EditionData, *, language: str, signs: Sequence[DoorSign] | None = None
) -> Source:
    """The door signs of ``data`` (or only ``signs``, the changed ones to reprint)."""
    signs = door_signs(data) if signs is None else signs
    return Source(
        render_html(
            "documents/pdf/door_signs.html",
            {"signs": signs, "edition": data.edition, "title": _("Door signs")},
            language=language,
        ),
        ("signs.css",),
    )


def door_signs_pdf(data: EditionData, *, language: str) -> bytes:
    """One A4 landscape sign per room: its name, what happens there when, step-free or not."""
    return door_signs_source(data, language=language).pdf()


# --- chair sheets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    name: str
    role: StrOrPromise
    is_chair: bool
    domains: tuple[ExperienceDomain, ...]  # named in the language of the document


@dataclass(frozen=True)
class ChairSheet:
    group: PlannedGroup
    room: Room | None
    chair: Participant
    members: tuple[MemberRow, ...]
    starts: dt.time | None
    ends: dt.time | None


def chair_sheets(data: EditionData) -> list[ChairSheet]:
    """Per group: its members (first name + last initial, role) for the chair; an expert's
    domains of experience only when that expert consented (``data.special_consent``)."""
    block = next((b for b in data.blocks if b.kind == BlockKind.GROUPS), None)
    sheets = []
    for group in data.groups:
        members = [m.participant for m in group.memberships.all()]
        if group.chair not in members:
            members.insert(0, group.chair)
        members.sort(
            key=lambda p: (
                p.pk != group.chair_id,
                ROLE_ORDER.index(p.role) if p.role in ROLE_ORDER else 9,
                p.person.first_name.lower(),
            )
        )
        rows = []
        for member in members:
            domains: tuple[ExperienceDomain, ...] = ()
            if member.role == ParticipantRole.EXPERT and member.pk in data.special_consent:
                domains = tuple(data.domains_of.get(member.pk, []))
            role = (
                ParticipantRole(member.role).label
                if member.role in ParticipantRole.values
                else member.role
            )
            rows.append(
                MemberRow(
                    name=short_name(member),
                    role=role,
                    is_chair=member.pk == group.chair_id,
                    domains=domains,
                )
            )
        sheets.append(
            ChairSheet(
                group=group,
                room=group.room,
                chair=group.chair,
                members=tuple(rows),
                starts=block.starts if block else None,
                ends=block.ends if block else None,
            )
        )
    return sheets


def chair_sheets_source(
    data: EditionData, *, language: str, sheets: Sequence[ChairSheet] | None = None
) -> Source:
    """The group sheets of ``data`` (or only ``sheets``, the changed ones to reprint)."""
    sheets = chair_sheets(data) if sheets is None else sheets
    return Source(
        render_html(
            "documents/pdf/chair_sheets.html",
            {"sheets": sheets, "edition": data.edition, "title": _("Group sheets")},
            language=language,
        ),
    )


def chair_sheets_pdf(data: EditionData, *, language: str) -> bytes:
    """One A4 page per afternoon group for its chair."""
    return chair_sheets_source(data, language=language).pdf()


# --- attendance lists -----------------------------------------------------------------------

ATTENDANCE_ORDERS = ("last_name", "first_name")


@dataclass(frozen=True)
class AttendanceList:
    role: str
    label: StrOrPromise
    rows: tuple[tuple[Participant, str], ...]  # (participant, group name)


def attendance_lists(data: EditionData, *, order: str = "last_name") -> list[AttendanceList]:
    """Per role, everyone taking part sorted by ``order`` ("last_name" or "first_name")."""
    if order not in ATTENDANCE_ORDERS:
        raise ValueError(f"order must be one of {', '.join(ATTENDANCE_ORDERS)}")

    def key(p: Participant) -> tuple[str, str, int]:
        first, last = p.person.first_name.lower(), p.person.last_name.lower()
        return (last, first, p.pk) if order == "last_name" else (first, last, p.pk)

    lists = []
    for role in ROLE_ORDER:
        people = sorted((p for p in data.participants if p.role == role), key=key)
        if people:
            rows = tuple(
                (p, data.group_of[p.pk].name if p.pk in data.group_of else "") for p in people
            )
            lists.append(AttendanceList(role=role, label=ParticipantRole(role).label, rows=rows))
    return lists


def attendance_source(data: EditionData, *, language: str, order: str = "last_name") -> Source:
    return Source(
        render_html(
            "documents/pdf/attendance.html",
            {
                "lists": attendance_lists(data, order=order),
                "order": order,
                "edition": data.edition,
                "title": _("Attendance lists"),
            },
            language=language,
        ),
        ("attendance.css",),
    )


def attendance_pdf(data: EditionData, *, language: str, order: str = "last_name") -> bytes:
    """Attendance lists per role with a box to tick and a column to sign."""
    return attendance_source(data, language=language, order=order).pdf()
