"""Forms for the programme of the day, the venue and its rooms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import ROOM_USES, BlockKind, RoomKind
from ontmoeting.editions.models import Room, Venue
from ontmoeting.web.forms.fields import RecordsChoiceField


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class BlockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BlockKind.choices)
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput())
    unavailable_rooms = RecordsChoiceField(
        label=_("Rooms not free in this block"),
        queryset=Room.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Rooms taken by something else at this time (a lecture, say). The plan uses every "
            "other room of the venue that is free."
        ),
    )

    def __init__(self, *args: Any, rooms: QuerySet[Room] | None = None, **kwargs: Any) -> None:
        """``rooms``: the venue's rooms (None without a venue); without any, no room field."""
        super().__init__(*args, **kwargs)
        field = self.fields["unavailable_rooms"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = rooms if rooms is not None else Room.objects.none()
        if rooms is None or not rooms.exists():
            del self.fields["unavailable_rooms"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts >= ends:
            self.add_error("ends", _("A block must end after it starts."))
        return data


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1, max_value=2000)
    kind = forms.ChoiceField(label=_("Kind"), choices=RoomKind.choices, initial=RoomKind.ANY)
    floor = forms.IntegerField(label=_("Floor"), initial=0, min_value=-5, max_value=50)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False, initial=True)
    excluded_uses = forms.MultipleChoiceField(
        label=_("Never use this room for"),
        choices=ROOM_USES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The kind is only a preference: a room free in a part of the day may be used for "
            "it when the rooms meant for it run short, unless you tick that part here."
        ),
    )


class VenueChoiceForm(forms.Form):
    venue = forms.ModelChoiceField(
        label=_("Venue of this edition"),
        queryset=Venue.objects.all(),
        required=False,
        empty_label="—",
    )


class NewVenueForm(forms.Form):
    name = forms.CharField(label=_("Name of the new venue"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
