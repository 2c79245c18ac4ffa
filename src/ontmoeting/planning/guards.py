"""Guards planning sets on the apps below it (registered in ``PlanningConfig.ready()``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ontmoeting.editions.models import Room
from ontmoeting.planning.models import PlannedGroup, PlannedPair


def room_in_a_saved_plan(room: Room) -> str | None:
    """Room guard: None when no saved plan puts a pair or a group in ``room``, else why the
    room cannot be deleted."""
    used = (
        PlannedPair.objects.filter(room=room).exists()
        or PlannedGroup.objects.filter(room=room).exists()
    )
    if not used:
        return None
    return _(
        "The room %(room)s is used by a saved plan and cannot be deleted. Make a new plan "
        "without it first, or lower its capacity instead."
    ) % {"room": room.name}
