"""The claim form (expert and coordinator alike), the decision forms and the rates form."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Participant
from ontmoeting.expenses.enums import Regime, TravelMode
from ontmoeting.expenses.iban import clean_iban
from ontmoeting.expenses.models import Claim, YearRates
from ontmoeting.expenses.receipts import CheckedFile, check_upload
from ontmoeting.expenses.services import ClaimInput

if TYPE_CHECKING:  # django-stubs' helper types exist for the type checker only
    from django_stubs_ext import StrOrPromise

RECEIPT_ACCEPT = "image/jpeg,image/png,image/heic,application/pdf,.jpg,.jpeg,.png,.heic,.pdf"
LUNCH_CHOICES = [
    ("provided", _("I ate the lunch we offered (nothing to pay back)")),
    ("paid", _("I paid for my own lunch")),
]


def _money(label: StrOrPromise) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(10_000),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


def _file(label: StrOrPromise) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("A photo or a PDF, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": RECEIPT_ACCEPT}),
    )


class ClaimForm(forms.Form):
    """The questions of a claim in plain words; amounts are checked here, rules in services."""

    travel_mode = forms.ChoiceField(
        label=_("How did you come to the day?"),
        choices=TravelMode.choices,
        widget=forms.RadioSelect,
        initial=TravelMode.PUBLIC_TRANSPORT,
    )
    km = forms.DecimalField(
        label=_("How many kilometres, there and back?"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(2000),
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "inputmode": "decimal"}),
    )
    ticket_amount = _money(_("What did your tickets cost, in euro?"))
    ticket_receipt = _file(_("A photo of your tickets"))
    parking_amount = _money(_("Did you pay for parking? How much, in euro?"))
    parking_receipt = _file(_("A photo of the parking ticket"))
    lunch = forms.ChoiceField(
        label=_("Lunch"), choices=LUNCH_CHOICES, widget=forms.RadioSelect, initial="provided"
    )
    lunch_amount = _money(_("What did your lunch cost, in euro?"))
    lunch_receipt = _file(_("A photo of the lunch receipt"))
    regime = forms.ChoiceField(
        label=_("How do you want to be paid back?"),
        choices=Regime.choices,
        widget=forms.RadioSelect,
        initial=Regime.REAL,
    )
    iban = forms.CharField(
        label=_("Your bank account number (IBAN)"),
        required=False,
        max_length=42,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    account_holder = forms.CharField(
        label=_("Name of the account holder"), required=False, max_length=140
    )
    bic = forms.CharField(
        label=_("BIC of the bank"),
        required=False,
        max_length=11,
        help_text=_("Only needed for an account outside the EEA (for example in CH or GB)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    holder_street = forms.CharField(
        label=_("Account holder's street and number"), required=False, max_length=70
    )
    holder_postcode = forms.CharField(label=_("Postcode"), required=False, max_length=16)
    holder_town = forms.CharField(label=_("Town"), required=False, max_length=35)
    holder_country = forms.CharField(
        label=_("Country (two letters, like CH)"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"autocomplete": "country", "size": "2"}),
    )

    def clean_iban(self) -> str:
        value = self.cleaned_data.get("iban", "")
        return clean_iban(value) if value.strip() else ""

    def _receipt(self, name: str) -> CheckedFile | None:
        upload = self.cleaned_data.get(name)
        return check_upload(upload) if upload else None

    def clean_ticket_receipt(self) -> CheckedFile | None:
        return self._receipt("ticket_receipt")

    def clean_parking_receipt(self) -> CheckedFile | None:
        return self._receipt("parking_receipt")

    def clean_lunch_receipt(self) -> CheckedFile | None:
        return self._receipt("lunch_receipt")

    def to_input(self) -> ClaimInput:
        data = self.cleaned_data
        return ClaimInput(
            regime=data["regime"],
            travel_mode=data["travel_mode"],
            km=data.get("km"),
            ticket_amount=data.get("ticket_amount"),
            ticket_receipt=data.get("ticket_receipt"),
            parking_amount=data.get("parking_amount"),
            parking_receipt=data.get("parking_receipt"),
            lunch_paid=data.get("lunch") == "paid",
            lunch_amount=data.get("lunch_amount"),
            lunch_receipt=data.get("lunch_receipt"),
            iban=data.get("iban", ""),
            account_holder=data.get("account_holder", ""),
            bic=data.get("bic", ""),
            holder_street=data.get("holder_street", ""),
            holder_postcode=data.get("holder_postcode", ""),
            holder_town=data.get("holder_town", ""),
            holder_country=data.get("holder_country", ""),
        )


class TotalForm(ClaimForm):
    """The same questions, for the live total: files are not sent, so not looked at."""

    def _receipt(self, name: str) -> CheckedFile | None:
        return None


def initial_of(claim: Claim | None) -> dict[str, object]:
    """The form's starting values from a stored claim (never the IBAN itself)."""
    if claim is None:
        return {}
    lines = {line.kind: line for line in claim.lines.all()}
    initial: dict[str, object] = {"regime": claim.regime, "account_holder": claim.account_holder}
    for mode in ("car", "motorbike", "bicycle"):
        if mode in lines:
            initial.update(travel_mode=mode, km=lines[mode].km)
    if "public_transport" in lines:
        initial.update(
            travel_mode="public_transport", ticket_amount=lines["public_transport"].amount
        )
    if "parking" in lines:
        initial["parking_amount"] = lines["parking"].amount
    if "lunch" in lines:
        initial.update(lunch="paid", lunch_amount=lines["lunch"].amount)
    return initial


class ExpertChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic in the stubs only
    """An expert, shown by full name."""

    def label_from_instance(self, obj: Participant) -> str:
        return obj.person.full_name


class OnBehalfForm(forms.Form):
    participant = ExpertChoiceField(
        label=_("Expert"), queryset=Participant.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, experts: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        assert isinstance(field, ExpertChoiceField)
        field.queryset = experts


class ApproveForm(forms.Form):
    acknowledge = forms.BooleanField(
        label=_("I have seen the warnings and approve anyway"), required=False
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the expert will read this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RatesForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only
    class Meta:
        model = YearRates
        fields = [
            "year",
            "car_km_rate",
            "motorbike_km_rate",
            "bicycle_km_rate",
            "lunch_max",
            "flat_daily_allowance",
            "flat_yearly_ceiling",
            "real_km_yearly_cap",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name, value in list(data.items()):
            if name not in ("year", "notes") and value is not None and value < 0:
                self.add_error(name, _("A rate cannot be below zero."))
        return data
