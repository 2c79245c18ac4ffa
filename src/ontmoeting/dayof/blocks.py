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


def planned_people(plan: Plan) -> dict[str, set[int]]:
    """Participant pks the plan puts in the morning conversations and in the afternoon groups
    (two queries)."""
    talks = {pk for pair in plan.pairs.values_list("student", "expert") for pk in pair}
    groups = {
        pk for row in plan.groups.values_list("chair", "members") for pk in row if pk is not None
    }
    return {BlockKind.ONE_TO_ONE: talks, BlockKind.GROUPS: groups}


def block_counts(
    edition: Edition,
    people: Iterable[Participant],
    planned: dict[str, set[int]] | None,
    *,
    now: dt.datetime,
) -> list[BlockCount]:
    """Expected, present and missing for each block of the day (debriefings excluded)."""
    people = list(people)
    rows = []
    blocks = ProgrammeBlock.objects.filter(edition=edition).exclude(kind=BlockKind.DEBRIEFING)
    for block in blocks.order_by("starts"):
        starts, ends = _aware(edition, block.starts), _aware(edition, block.ends)
        in_block = (planned or {}).get(block.kind)
        who = [p for p in people if in_block is None or p.pk in in_block]
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
