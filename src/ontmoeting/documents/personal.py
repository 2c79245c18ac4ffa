"""One participant's day from the published plan: for the personal page, the card and the ICS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ontmoeting.documents.pdf import render_html, render_pdf
from ontmoeting.documents.selectors import participant_data
from ontmoeting.editions.enums import BlockKind, ParticipantRole, RoomKind
from ontmoeting.editions.models import Edition, Participant, ProgrammeBlock, Room, Venue
from ontmoeting.planning.models import Plan, PlannedGroup, PlannedPair

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DOCUMENT_LANGUAGES = ("nl", "en", "it")


@dataclass(frozen=True)
class DayBlock:
    """One part of the programme as this participant lives it."""

    block_id: int
    kind: str
    title: StrOrPromise
    starts: dt.time
    ends: dt.time
    room: str = ""
    step_free: bool | None = None
    partners: tuple[str, ...] = ()
    group: str = ""
    chair: str = ""
    is_chair: bool = False

    @property
    def is_morning(self) -> bool:
        return self.kind == BlockKind.ONE_TO_ONE

    @property
    def is_groups(self) -> bool:
        return self.kind == BlockKind.GROUPS


@dataclass(frozen=True)
class PersonalDay:
    """A participant's day: times, partner(s) and room, group with chair and room, venue notes.

    ``published`` is False before the edition's plan is published: then ``blocks`` holds the
    programme without rooms or partners and the page says the schedule follows.
    """

    edition: Edition
    participant: Participant
    date: dt.date
    venue: Venue | None
    published: bool
    plan_version: int | None
    blocks: tuple[DayBlock, ...]
    plan_created: dt.datetime | None = None
    partners: tuple[str, ...] = ()
    morning_room: str = ""
    group_name: str = ""
    chair_first_name: str = ""
    group_room: str = ""
    is_chair: bool = False

    @property
    def first_name(self) -> str:
        return self.participant.person.first_name

    @property
    def role(self) -> str:
        return self.participant.role

    @property
    def venue_name(self) -> str:
        return self.venue.name if self.venue else ""

    @property
    def venue_address(self) -> str:
        if not self.venue:
            return ""
        return ", ".join(part for part in (self.venue.address, self.venue.town) if part)

    @property
    def venue_notes(self) -> str:
        return self.venue.notes if self.venue else ""


def block_title(block: ProgrammeBlock) -> StrOrPromise:
    """The block's own title, else the (lazily translated) name of its kind."""
    if block.title or block.kind not in BlockKind.values:
        return block.title
    return BlockKind(block.kind).label


#: Room kinds a block everyone shares falls back on when the plan names no rooms for it (a
#: plan made before blocks had rooms).
FALLBACK_KINDS: dict[str, tuple[str, ...]] = {
    BlockKind.WELCOME: (RoomKind.PLENARY,),
    BlockKind.CLOSING: (RoomKind.PLENARY,),
    BlockKind.LUNCH: (RoomKind.LUNCH, RoomKind.PLENARY),
}


def shared_rooms(plan: Plan | None, block: ProgrammeBlock, rooms: Sequence[Room]) -> list[Room]:
    """The rooms of a block everyone shares (welcome, lunch, closing): the ones the plan gave
    it, else the venue's first room of the block's kind. No queries."""
    by_pk = {r.pk: r for r in rooms}
    if plan is not None and str(block.pk) in (plan.block_rooms or {}):
        return [by_pk[pk] for pk in plan.block_rooms[str(block.pk)] if pk in by_pk]
    for kind in FALLBACK_KINDS.get(block.kind, ()):
        for room in rooms:
            if room.kind == kind:
                return [room]
    return []


def build_day(
    participant: Participant,
    *,
    edition: Edition,
    plan: Plan | None,
    blocks: Iterable[ProgrammeBlock],
    rooms: Sequence[Room],
    pairs: Sequence[PlannedPair],
    group: PlannedGroup | None,
) -> PersonalDay:
    """The day of ``participant`` from already loaded rows (no queries when they are loaded)."""
    published = plan is not None
    if participant.role == ParticipantRole.STUDENT:
        partners = tuple(p.expert.person.first_name for p in pairs)
    else:
        partners = tuple(p.student.person.first_name for p in pairs)
    morning = next((p.room for p in pairs if p.room is not None), None)
    chair_name = group.chair.person.first_name if group is not None else ""
    is_chair = group is not None and group.chair_id == participant.pk
    day_blocks = []
    for block in blocks:
        room: Room | None = None
        extra: dict[str, Any] = {}
        if block.kind == BlockKind.ONE_TO_ONE:
            room = morning
            extra = {"partners": partners}
        elif block.kind == BlockKind.GROUPS:
            room = group.room if group is not None else None
            extra = {
                "group": str(group.number) if group is not None else "",
                "chair": chair_name,
                "is_chair": is_chair,
            }
        elif block.kind in FALLBACK_KINDS:
            room = next(iter(shared_rooms(plan, block, rooms)), None)
        if not published and block.kind in (BlockKind.ONE_TO_ONE, BlockKind.GROUPS):
            room, extra = None, {}
        day_blocks.append(
            DayBlock(
                block_id=block.pk,
                kind=block.kind,
                title=block_title(block),
                starts=block.starts,
                ends=block.ends,
                room=room.name if room is not None else "",
                step_free=room.step_free if room is not None else None,
                **extra,
            )
        )
    return PersonalDay(
        edition=edition,
        participant=participant,
        date=edition.date,
        venue=edition.venue,
        published=published,
        plan_version=plan.version if plan is not None else None,
        plan_created=plan.created if plan is not None else None,
        blocks=tuple(day_blocks),
        partners=partners if published else (),
        morning_room=morning.name if (morning is not None and published) else "",
        group_name=str(group.number) if (group is not None and published) else "",
        chair_first_name=chair_name if published else "",
        group_room=group.room.name if (group is not None and group.room and published) else "",
        is_chair=is_chair and published,
    )


def personal_day(participant: Participant) -> PersonalDay:
    """The day of ``participant`` from the edition's published plan (a fixed number of queries).

    Before the plan is published the day has the programme only (``published`` is False).
    """
    data = participant_data(participant)
    return build_day(
        participant,
        edition=participant.edition,
        plan=data.plan,
        blocks=data.blocks,
        rooms=data.rooms,
        pairs=data.pairs,
        group=data.group,
    )


def document_language(participant: Participant, language: str | None = None) -> str:
    """The language to print a participant's own documents in."""
    for candidate in (language, participant.language, participant.person.language):
        if candidate in DOCUMENT_LANGUAGES:
            return candidate
    return settings.LANGUAGE_CODE


def card_html(day: PersonalDay, *, language: str) -> SafeString:
    """One schedule card as an HTML fragment in ``language`` (a page of its own)."""
    # The fragment comes from our own autoescaping template: every value in it is escaped.
    return mark_safe(  # nosec B308 B703
        render_html("documents/pdf/_schedule_card.html", {"day": day}, language=language)
    )


def schedule_cards_pdf(cards: Sequence[SafeString], *, language: str) -> bytes:
    """Schedule cards (fragments from ``card_html``) as one PDF, one page each."""
    return render_pdf(
        "documents/pdf/schedule_cards.html",
        {"cards": cards, "title": _("Schedule")},
        language=language,
        stylesheets=("card.css",),
    )


def schedule_card_pdf(participant: Participant, *, language: str | None = None) -> bytes:
    """The schedule card of ``participant`` as a one-page A4 PDF in their language."""
    language = document_language(participant, language)
    day = personal_day(participant)
    return schedule_cards_pdf([card_html(day, language=language)], language=language)
