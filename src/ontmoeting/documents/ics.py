"""Calendars (iCalendar, RFC 5545): the edition's programme and each participant's own day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ontmoeting.documents.personal import DayBlock, PersonalDay, document_language, personal_day
from ontmoeting.editions.models import Edition, Participant, ProgrammeBlock

TIME_ZONE = "Europe/Brussels"
PRODID = "-//ontmoeting//documents//EN"
UID_DOMAIN = "ontmoeting"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    return calendar


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(TIME_ZONE))


def _stamp(edition: Edition, plan_created: dt.datetime | None = None) -> dt.datetime:
    """DTSTAMP: when the information was made (stable, so the bytes are too)."""
    stamp = plan_created or edition.created or dt.datetime(edition.year, 1, 1, tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _finish(calendar: Calendar, day: dt.date) -> bytes:
    calendar.add_missing_timezones(
        first_date=day - dt.timedelta(days=366), last_date=day + dt.timedelta(days=366)
    )
    return bytes(calendar.to_ical())


def _location(edition: Edition, room: str) -> str:
    venue = edition.venue
    parts = [room] if room else []
    if venue is not None:
        parts.append(venue.name)
        parts.extend(p for p in (venue.address, venue.town) if p)
    return ", ".join(parts)


def block_uid(edition: Edition, block_id: int, participant_id: int | None = None) -> str:
    """Stable UID of a block (per participant when given): the same event in every download."""
    who = f"-p{participant_id}" if participant_id is not None else ""
    return f"e{edition.pk}-b{block_id}{who}@{UID_DOMAIN}"


def edition_ics(
    edition: Edition, *, blocks: Iterable[ProgrammeBlock] | None = None, language: str = "nl"
) -> bytes:
    """The edition's programme blocks as one calendar."""
    from ontmoeting.documents.personal import block_title

    blocks = list(blocks) if blocks is not None else list(edition.blocks.order_by("starts"))
    with translation.override(language):
        calendar = _calendar(str(edition))
        stamp = _stamp(edition)
        for block in blocks:
            event = Event()
            event.add("uid", block_uid(edition, block.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", _at(edition.date, block.starts))
            event.add("dtend", _at(edition.date, block.ends))
            event.add("summary", f"{edition}: {block_title(block)}")
            location = _location(edition, "")
            if location:
                event.add("location", location)
            calendar.add_component(event)
        return _finish(calendar, edition.date)


def _description(block: DayBlock, day: PersonalDay) -> str:
    lines: list[str] = []
    if block.room:
        lines.append(_("Room: %(room)s") % {"room": block.room})
    if block.partners:
        lines.append(_("You talk with: %(names)s") % {"names": ", ".join(block.partners)})
    if block.group:
        lines.append(_("Group: %(group)s") % {"group": block.group})
        if block.is_chair:
            lines.append(_("You chair this group."))
        elif block.chair:
            lines.append(_("Chair: %(name)s") % {"name": block.chair})
    if not day.published and block.kind in ("one_to_one", "groups"):
        lines.append(_("Your room and partner follow when the schedule is published."))
    if day.venue_notes:
        lines.append(day.venue_notes)
    return "\n".join(lines)


def day_ics(day: PersonalDay, *, language: str = "nl") -> bytes:
    """A participant's day (from ``personal_day``) as a calendar."""
    edition = day.edition
    with translation.override(language):
        calendar = _calendar(str(edition))
        stamp = _stamp(edition, day.plan_created)
        for block in day.blocks:
            event = Event()
            event.add("uid", block_uid(edition, block.block_id, day.participant.pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", _at(day.date, block.starts))
            event.add("dtend", _at(day.date, block.ends))
            event.add("summary", f"{edition}: {block.title}")
            location = _location(edition, block.room)
            if location:
                event.add("location", location)
            description = _description(block, day)
            if description:
                event.add("description", description)
            calendar.add_component(event)
        return _finish(calendar, day.date)


def participant_ics(participant: Participant) -> bytes:
    """The participant's day as an ICS calendar: the edition's programme blocks with their room,
    partner(s) and group where the published plan knows them; UIDs stable per person and block."""
    day = personal_day(participant)
    return day_ics(day, language=document_language(day.participant))
