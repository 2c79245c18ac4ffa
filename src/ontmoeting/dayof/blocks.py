"""The board per programme block: who is expected in each block, who is (or was) there.

A person counts as present in a block when the desk recorded their arrival before the block
ends and they had not left before it starts; someone marked present by hand (no desk record)
counts in every block. Expected in the morning conversations and the afternoon groups are the
people the published plan puts there; in the other blocks (welcome, lunch, closing) everyone
expected on the day. A block that has not started yet counts who is here now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from ontmoeting.dayof.models import Attendance
from ontmoeting.documents.personal import block_title
from ontmoeting.editions.enums import BlockKind, ParticipantStatus
from ontmoeting.editions.models import Edition, Participant, ProgrammeBlock
from ontmoeting.planning.models import Plan


@dataclass(frozen=True)
class BlockCount:
    title: str
    starts: dt.time
    ends: dt.time
    expected: int
    present: int
    is_now: bool

    @property
    def missing(self) -> int:
        return self.expected - self.present


def _aware(edition: Edition, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(edition.date, time))


def there(participant: Participant, starts: dt.datetime, ends: dt.datetime) -> bool:
    """Present during [starts, ends) by the desk's record (see the module docstring)."""
    attendance: Attendance | None = getattr(participant, "attendance", None)
    if attendance is None or attendance.arrived is None:
        return attendance is None and participant.status == ParticipantStatus.PRESENT
    return attendance.arrived < ends and (attendance.left is None or attendance.left > starts)


def _in_plan(plan: Plan | None, kind: str) -> set[int] | None:
    if plan is None:
        return None
    if kind == BlockKind.ONE_TO_ONE:
        return set(plan.pairs.values_list("student", flat=True)) | set(
            plan.pairs.values_list("expert", flat=True)
        )
    if kind == BlockKind.GROUPS:
        return set(plan.groups.values_list("members", flat=True)) | set(
            plan.groups.values_list("chair", flat=True)
        )
    return None


def block_counts(
    edition: Edition, people: Iterable[Participant], plan: Plan | None, *, now: dt.datetime
) -> list[BlockCount]:
    """Expected, present and missing for each block of the day (debriefings excluded)."""
    people = list(people)
    rows = []
    blocks = ProgrammeBlock.objects.filter(edition=edition).exclude(kind=BlockKind.DEBRIEFING)
    for block in blocks.order_by("starts"):
        starts, ends = _aware(edition, block.starts), _aware(edition, block.ends)
        planned = _in_plan(plan, block.kind)
        who = [p for p in people if planned is None or p.pk in planned]
        present = sum(there(p, starts, ends) for p in who)
        rows.append(
            BlockCount(
                title=str(block_title(block)),
                starts=block.starts,
                ends=block.ends,
                expected=len(who),
                present=present,
                is_now=starts <= now < ends,
            )
        )
    return rows
