"""Forms for editions: a new edition and a lifecycle step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import EditionStatus, Format
from ontmoeting.editions.models import Edition, Venue
from ontmoeting.people.models import Sector
from ontmoeting.web.views.portal.forms import PHONE


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


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only
    """Whom participants contact with a question (shown on their pages and in messages)."""

    class Meta:
        model = Edition
        fields = ("contact_name", "contact_phone", "contact_email")
        labels = {
            "contact_name": _("Name"),
            "contact_phone": _("Phone number"),
            "contact_email": _("Email address"),
        }
        help_texts = {
            "contact_name": _("For example: Sofie Claes, coordinator of the encounter day."),
            "contact_phone": _("A number participants can call on weekdays and on the day itself."),
        }
        widgets = {
            "contact_phone": forms.TextInput({"type": "tel", "autocomplete": "off"}),
        }

    def clean_contact_phone(self) -> str:
        phone: str = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(_("Use only numbers, for example 09 234 56 78."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("contact_name") or "").strip() and not (
            data.get("contact_phone") or data.get("contact_email")
        ):
            self.add_error("contact_phone", _("Give a phone number or an email address, or both."))
        return data


class SectorTargetsForm(forms.Form):
    """How many professionals of each sector a co-creation meeting aims for (0: no target)."""

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = dict(edition.sector_targets.values_list("sector_id", "professionals"))
        self.codes: list[str] = []
        for sector in Sector.objects.order_by("-builtin", "pk"):
            self.codes.append(sector.code)
            self.fields[f"sector_{sector.code}"] = forms.IntegerField(
                label=sector.name,
                min_value=0,
                max_value=1000,
                initial=current.get(sector.pk, 0),
            )

    def targets(self) -> dict[str, int]:
        """Sector code → target, from the cleaned data."""
        return {code: self.cleaned_data[f"sector_{code}"] or 0 for code in self.codes}


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=EditionStatus.choices)
