"""Forms for editions: a new edition and a lifecycle step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import EditionStatus, Format
from ontmoeting.editions.models import Venue


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class EditionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    date = forms.DateField(label=_("Date of the day"), widget=DateInput())
    window_start = forms.DateField(label=_("Academic calendar window: from"), widget=DateInput())
    window_end = forms.DateField(label=_("Academic calendar window: until"), widget=DateInput())
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.all(), required=False, empty_label="—"
    )
    target_pairs = forms.IntegerField(label=_("Target number of pairs"), min_value=1, initial=108)
    target_newcomer_share = forms.IntegerField(
        label=_("Target share of newcomers among the experts (%)"),
        min_value=0,
        max_value=100,
        initial=50,
    )

    def clean_target_newcomer_share(self) -> Decimal:
        return Decimal(self.cleaned_data["target_newcomer_share"]) / 100


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=EditionStatus.choices)
