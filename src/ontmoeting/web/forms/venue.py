"""Forms for the programme of the day, the venue and its rooms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import BlockKind, RoomKind
from ontmoeting.editions.models import Venue


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%H:%M", **kwargs)  # type: ignore[arg-type]


class BlockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BlockKind.choices)
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts >= ends:  # type: ignore[operator]
            self.add_error("ends", _("A block must end after it starts."))
        return data


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1, max_value=2000)
    kind = forms.ChoiceField(label=_("Kind"), choices=RoomKind.choices, initial=RoomKind.ANY)
    floor = forms.IntegerField(label=_("Floor"), initial=0, min_value=-5, max_value=50)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False, initial=True)


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
