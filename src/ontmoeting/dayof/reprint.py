"""What to print again after a repair: the desk slip, and only the door signs and group sheets
that changed.

A repaired plan (``dayof/repair.py``) is a new published version based on the one before. This
module compares the two versions as printed, never the engine's change list, so whatever made
the new version (a repair, a hand edit) the papers on the doors match the plan:

* the **desk slip** lists everyone still expected whose morning or afternoon reads differently
  now (conversation partner, room, group, group room, chair), with what it was before;
* a **door sign** is reprinted when its lines differ (another number of conversations, other
  groups); a room no longer used is listed to take its sign down;
* a **group sheet** is reprinted when its room, chair or members differ; a group that is gone
  is listed to collect its sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ontmoeting.dayof.repair import published_plan
from ontmoeting.documents.pdf import render_pdf
from ontmoeting.documents.selectors import EditionData, edition_data
from ontmoeting.documents.sheets import (
    ChairSheet,
    DoorSign,
    chair_sheets,
    chair_sheets_source,
    door_signs,
    door_signs_source,
)
from ontmoeting.editions.models import Edition, Participant, Room
from ontmoeting.planning.models import Plan

Signature = tuple[object, ...]


class NothingToReprint(ValueError):
    """No version to compare with (the plan was not made from an earlier one)."""


@dataclass(frozen=True)
class Day:
    """A person's day as the papers show it."""

    morning: str
    afternoon: str


@dataclass(frozen=True)
class SlipLine:
    participant: Participant
    now: Day
    before: Day

    @property
    def morning_changed(self) -> bool:
        return self.now.morning != self.before.morning

    @property
    def afternoon_changed(self) -> bool:
        return self.now.afternoon != self.before.afternoon


@dataclass(frozen=True)
class Reprint:
    """What changed on paper between ``before`` and ``plan``."""

    edition: Edition
    plan: Plan
    before: Plan
    slip: tuple[SlipLine, ...]
    signs: tuple[DoorSign, ...]
    signs_gone: tuple[Room, ...]
    sheets: tuple[ChairSheet, ...]
    sheets_gone: tuple[str, ...]
    data: EditionData

    @property
    def anything(self) -> bool:
        return bool(self.slip or self.signs or self.signs_gone or self.sheets or self.sheets_gone)


def _room(room: Room | None) -> str:
    return room.name if room is not None else _("room to be announced")


def _day(participant: Participant, data: EditionData) -> Day:
    pairs = data.pairs_of.get(participant.pk, [])
    talks = sorted(
        {
            _("with %(name)s in %(room)s")
            % {
                "name": (
                    p.expert if p.student_id == participant.pk else p.student
                ).person.full_name,
                "room": _room(p.room),
            }
            for p in pairs
        }
    )
    group = data.group_of.get(participant.pk)
    if group is None:
        afternoon = "—"
    else:
        afternoon = _("%(group)s in %(room)s, chaired by %(chair)s") % {
            "group": group.name,
            "room": _room(group.room),
            "chair": group.chair.person.full_name,
        }
    return Day(morning="; ".join(talks) or "—", afternoon=afternoon)


def _sign_key(sign: DoorSign) -> Signature:
    return tuple(
        (line.starts, line.ends, str(line.what), line.groups, line.conversations)
        for line in sign.lines
    )


def _sheet_key(sheet: ChairSheet) -> Signature:
    return (
        sheet.room.pk if sheet.room else None,
        sheet.chair.pk,
        tuple((row.name, str(row.role), row.is_chair) for row in sheet.members),
    )


def _slip(now: EditionData, before: EditionData) -> tuple[SlipLine, ...]:
    """Everyone the new version names whose day reads differently."""
    lines = []
    named = set(now.pairs_of) | set(now.group_of)
    for participant in now.participants:
        if participant.pk not in named:
            continue
        day_now, day_before = _day(participant, now), _day(participant, before)
        if day_now != day_before:
            lines.append(SlipLine(participant, day_now, day_before))
    return tuple(
        sorted(
            lines,
            key=lambda s: (
                s.participant.person.last_name.lower(),
                s.participant.person.first_name.lower(),
                s.participant.pk,
            ),
        )
    )


def changes_on_paper(edition: Edition, *, version: int | None = None) -> Reprint:
    """The papers to print again for plan ``version`` (default: the published one) against the
    version it was made from."""
    plan = (
        edition.plans.filter(version=version).first()
        if version is not None
        else published_plan(edition)
    )
    if plan is None:
        raise NothingToReprint(_("There is no published plan."))
    if plan.based_on_id is None:
        raise NothingToReprint(
            _("Version %(v)s was not made from an earlier version: print the whole pack.")
            % {"v": plan.version}
        )
    before = Plan.objects.get(pk=plan.based_on_id)
    now_data = edition_data(edition, plan, with_domains=True)
    before_data = edition_data(edition, before, with_domains=True)
    old_signs = {s.room.pk: _sign_key(s) for s in door_signs(before_data)}
    new_signs = door_signs(now_data)
    new_rooms = {s.room.pk for s in new_signs}
    before_sheets = chair_sheets(before_data)
    old_sheets = {s.group.number: _sheet_key(s) for s in before_sheets}
    new_sheets = chair_sheets(now_data)
    new_numbers = {s.group.number for s in new_sheets}
    return Reprint(
        edition=edition,
        plan=plan,
        before=before,
        slip=_slip(now_data, before_data),
        signs=tuple(s for s in new_signs if old_signs.get(s.room.pk) != _sign_key(s)),
        signs_gone=tuple(
            room for room in before_data.rooms if room.pk in old_signs and room.pk not in new_rooms
        ),
        sheets=tuple(s for s in new_sheets if old_sheets.get(s.group.number) != _sheet_key(s)),
        sheets_gone=tuple(s.group.name for s in before_sheets if s.group.number not in new_numbers),
        data=now_data,
    )


def slip_pdf(reprint: Reprint, *, language: str) -> bytes:
    """The desk slip: who to tell what, and which papers to swap on the doors and tables."""
    return render_pdf(
        "documents/pdf/desk_slip.html",
        {"reprint": reprint, "edition": reprint.edition, "title": _("Changes for the desk")},
        language=language,
        stylesheets=("attendance.css",),
    )


def door_signs_pdf(reprint: Reprint, *, language: str) -> bytes:
    """Only the door signs that changed."""
    return door_signs_source(reprint.data, language=language, signs=reprint.signs).pdf()


def group_sheets_pdf(reprint: Reprint, *, language: str) -> bytes:
    """Only the group sheets that changed (for the chairs: may show consented domains)."""
    return chair_sheets_source(reprint.data, language=language, sheets=reprint.sheets).pdf()
