"""The form that schedules a class group's debriefing session after the day."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Room
from ontmoeting.web.forms.editions import DateInput
from ontmoeting.web.forms.venue import TimeInput


class SessionForm(forms.Form):
    class_group = forms.ChoiceField(label=_("Class group"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput())
    room = forms.ChoiceField(label=_("Room"), required=False)
    place = forms.CharField(
        label=_("Or another place"),
        max_length=200,
        required=False,
        help_text=_("Where it takes place when it is not a room of the venue (a classroom, say)."),
    )
    lecturer = forms.CharField(label=_("Lecturer (optional)"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        class_groups: list[str],
        rooms: QuerySet[Room] | None,
        **kwargs: Any,
    ) -> None:
        """``class_groups``: the edition's; ``rooms``: its venue's (None without a venue)."""
        super().__init__(*args, **kwargs)
        group = self.fields["class_group"]
        assert isinstance(group, forms.ChoiceField)
        group.choices = [(g, g) for g in class_groups]
        self.rooms = {str(r.pk): r for r in rooms} if rooms is not None else {}
        room = self.fields["room"]
        assert isinstance(room, forms.ChoiceField)
        room.choices = [("", "—"), *((pk, r.name) for pk, r in self.rooms.items())]
        if not self.rooms:
            del self.fields["room"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts >= ends:
            self.add_error("ends", _("A session must end after it starts."))
        data["room"] = self.rooms.get(data.get("room") or "")
        return data
