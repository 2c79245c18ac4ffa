"""The claim form (expert and coordinator alike), the decision forms and the rates form."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.models import Participant
from ontmoeting.expenses.enums import RateKind, Regime, TravelMode
from ontmoeting.expenses.iban import clean_iban
from ontmoeting.expenses.models import Claim
from ontmoeting.expenses.receipts import CheckedFile, check_upload
from ontmoeting.expenses.services import ClaimInput

if TYPE_CHECKING:  # django-stubs' helper types exist for the type checker only
    from django_stubs_ext import StrOrPromise

RECEIPT_ACCEPT = "image/jpeg,image/png,image/heic,application/pdf,.jpg,.jpeg,.png,.heic,.pdf"
OTHER_CHOICES = [
    ("no", _("No")),
    ("yes", _("Yes")),
]
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
    other_received = forms.ChoiceField(
        label=_("Did you receive volunteer allowances from other organisations this year?"),
        help_text=_(
            "The legal maximum holds for all organisations together, so we count theirs too."
        ),
        choices=OTHER_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    other_allowances = _money(_("How much did they pay you this year, in euro?"))
    other_km = forms.DecimalField(
        label=_("For how many kilometres did they pay you travel this year?"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100_000),
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "inputmode": "decimal"}),
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
            **self._declaration(),
        )

    def _declaration(self) -> dict[str, Any]:
        """The answer about other organisations, as ClaimInput fields (no answer: not declared)."""
        answer = self.cleaned_data.get("other_received") or ""
        if answer not in ("yes", "no"):
            return {}
        received = answer == "yes"
        return {
            "other_declared": True,
            "other_allowances": self.cleaned_data.get("other_allowances") if received else None,
            "other_km": self.cleaned_data.get("other_km") if received else None,
        }


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
    if claim.other_declared:
        received = bool(claim.other_allowances or claim.other_km)
        initial.update(
            other_received="yes" if received else "no",
            other_allowances=claim.other_allowances if received else None,
            other_km=claim.other_km if received else None,
        )
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


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why may this claim pass the ceiling?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the expert will read this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RateForm(forms.Form):
    """One figure with its period and its source (see services.save_rate)."""

    kind = forms.ChoiceField(label=_("Figure"), choices=RateKind.choices)
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valid until (inclusive; empty: until further notice)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    value = forms.DecimalField(
        label=_("Value"), min_value=Decimal(0), max_digits=10, decimal_places=4
    )
    source = forms.CharField(
        label=_("Source (a link to the official figure, or a text)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    confirmed = forms.BooleanField(
        label=_("I checked this figure against the official source"), required=False
    )
