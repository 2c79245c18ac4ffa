"""Forms of the public pages: plain words, one question each, errors next to the field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import TravelMode
from ontmoeting.editions.registration import ExpertRegistration
from ontmoeting.people.enums import Language
from ontmoeting.people.models import ExperienceDomain, SelfHelpGroup

PHONE = re.compile(r"^\+?[0-9 ()./-]{6,30}$")
YES_NO = [("yes", _("Yes, I would like to")), ("no", _("No, not this time"))]
MESSAGE_LANGUAGES = [("nl", _("Dutch")), ("en", _("English")), ("it", _("Italian"))]
#: The address fields a letter needs, with what to say when one is missing.
ADDRESS_FIELDS = {
    "street": _("Fill in your street and house number, so that our letters reach you."),
    "postcode": _("Fill in your postcode, so that our letters reach you."),
    "town": _("Fill in your town, so that our letters reach you."),
}


def _max_year(value: int) -> None:
    if value > timezone.localdate().year:
        raise forms.ValidationError(_("This date is in the future."))


# The needs a participant states at registration and may change later on their page: one
# declaration each, so both forms ask the same question in the same words.
def _step_free_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I cannot take stairs (I need a lift or a ramp)."), required=False
    )


def _accessibility_field() -> forms.CharField:
    return forms.CharField(
        label=_("Something else we should know to make the day easy for you"),
        max_length=200,
        required=False,
    )


def _diet_field() -> forms.CharField:
    return forms.CharField(
        label=_("Food: what can you not eat?"),
        max_length=200,
        required=False,
        help_text=_("For example: vegetarian, no pork, allergic to nuts. Leave empty if none."),
    )


class AccessibleForm(forms.Form):
    """Ties help texts and error messages to their inputs (``aria-describedby``)."""

    def _describe(self) -> None:
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"{name}-help")
            if self.is_bound and name in self.errors:
                ids.append(f"{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self) -> None:
        super().full_clean()
        self._describe()


class DomainChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # generic in the stubs only
    def label_from_instance(self, obj: ExperienceDomain) -> str:
        return obj.name


class RegistrationForm(AccessibleForm):
    """The easy-language registration form for experts by experience."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"invalid": _("This email address is not complete. Example: name@mail.com")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    street = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        required=False,
        widget=forms.TextInput({"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        required=False,
        widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    town = forms.CharField(
        label=_("Town"),
        max_length=100,
        required=False,
        widget=forms.TextInput({"autocomplete": "address-level2"}),
    )
    self_help_group = forms.ModelChoiceField(
        label=_("Your self-help group"),
        queryset=SelfHelpGroup.objects.order_by("name"),
        empty_label=_("Choose your group"),
        error_messages={"required": _("Choose your self-help group.")},
    )
    member_since_month = forms.TypedChoiceField(
        label=_("Month"),
        choices=[("", _("Month")), *MONTHS.items()],
        coerce=int,
        error_messages={"required": _("Choose the month.")},
    )
    member_since_year = forms.IntegerField(
        label=_("Year"),
        min_value=1950,
        widget=forms.NumberInput({"inputmode": "numeric"}),
        error_messages={"required": _("Fill in the year, for example 2020.")},
    )
    special_consent = forms.BooleanField(
        label=_("Yes, you may keep what my experience is about."), required=False
    )
    domains = DomainChoiceField(
        label=_("My experience is about"),
        queryset=ExperienceDomain.objects.order_by("name_en"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can talk in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    can_chair = forms.ChoiceField(
        label=_("Would you like to lead a group in the afternoon?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    needs_step_free = _step_free_field()
    accessibility = _accessibility_field()
    diet = _diet_field()
    travel = forms.ChoiceField(
        label=_("How will you come?"),
        choices=TravelMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will come.")},
    )
    general_consent = forms.BooleanField(
        label=_("I agree that you keep my details as explained above."),
        error_messages={
            "required": _("We can only register you if you agree. Tick the box to go on.")
        },
    )

    def __init__(self, *args: Any, language: str = "nl", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_language = language
        year = self.fields["member_since_year"]
        year.validators.append(_max_year)
        year.widget.attrs["max"] = timezone.localdate().year
        if not self.is_bound and "languages" not in self.initial:
            self.initial["languages"] = [language if language in Language.values else "nl"]

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(_("Use only numbers, for example 0470 12 34 56."))
        return phone

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self._clean_channel(data)
        if (
            not data.get("email")
            and not data.get("phone")
            and not (self.has_error("email") or self.has_error("phone"))
        ):
            self.add_error("email", _("Give an email address or a phone number, or both."))
        month, year = data.get("member_since_month"), data.get("member_since_year")
        if month and year:
            since = dt.date(year, month, 1)
            if since > timezone.localdate():
                self.add_error("member_since_year", _("This date is in the future."))
            else:
                data["member_since"] = since
        if data.get("domains") and not data.get("special_consent"):
            self.add_error(
                "special_consent",
                _(
                    "You chose what your experience is about, but did not tick this box. "
                    "Tick the box, or take away the ticks below."
                ),
            )
        return data

    def _clean_channel(self, data: dict[str, Any]) -> None:
        """Whoever gives no email address gets our news by letter: then the whole postal
        address is needed."""
        for name in ADDRESS_FIELDS:
            data[name] = (data.get(name) or "").strip()
        if not self.by_letter():
            return
        for name, message in ADDRESS_FIELDS.items():
            if not data[name] and not self.has_error(name):
                self.add_error(name, message)

    def by_letter(self) -> bool:
        """Whether our news goes by letter (no email address given, none mistyped either)."""
        return not self.cleaned_data.get("email") and not self.has_error("email")

    def postal_address(self) -> str:
        """The address as it goes on an envelope ('' when none was given)."""
        data = self.cleaned_data
        lines = [data.get("street", ""), f"{data.get('postcode', '')} {data.get('town', '')}"]
        return "\n".join(line.strip() for line in lines if line.strip())

    def registration(self) -> ExpertRegistration:
        """The cleaned answers as the registration service expects them."""
        data = self.cleaned_data
        return ExpertRegistration(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            postal_address=self.postal_address(),
            self_help_group=data["self_help_group"],
            member_since=data["member_since"],
            general_consent=data["general_consent"],
            special_consent=data["special_consent"],
            domains=tuple(data["domains"]) if data["special_consent"] else (),
            languages=tuple(data["languages"]),
            language=data.get("language") or self.page_language,
            can_chair=data["can_chair"] == "yes",
            accessibility=data["accessibility"],
            needs_step_free=data["needs_step_free"],
            diet=data["diet"],
            travel=data["travel"],
        )


class OnBehalfForm(RegistrationForm):
    """The same questions, entered by a coordinator from a paper form or a phone call."""

    language = forms.ChoiceField(
        label=_("Language for letters and emails"), choices=MESSAGE_LANGUAGES
    )
    special_consent = forms.BooleanField(
        label=_("The person agreed that we keep what their experience is about."),
        required=False,
    )
    general_consent = forms.BooleanField(
        label=_("The person agreed to the general consent text (on paper or read out)."),
        error_messages={"required": _("Without the person's consent we cannot register them.")},
    )


class NeedsForm(AccessibleForm):
    language = forms.ChoiceField(label=_("Language I want to talk in"), choices=Language.choices)
    needs_step_free = _step_free_field()
    accessibility = _accessibility_field()
    diet = _diet_field()


class RequestLinkForm(AccessibleForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={
            "required": _("Fill in your email address."),
            "invalid": _("This email address is not complete. Example: name@mail.com"),
        },
    )


class InvitationForm(AccessibleForm):
    self_help_group = forms.ModelChoiceField(
        label=_("For the self-help group (optional)"),
        queryset=SelfHelpGroup.objects.order_by("name"),
        required=False,
        empty_label=_("Any self-help group"),
    )
    max_uses = forms.IntegerField(
        label=_("At most this many registrations (optional)"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit. You can close a link at any time."),
        widget=forms.NumberInput({"inputmode": "numeric"}),
    )


class PersonInvitationForm(AccessibleForm):
    email = forms.EmailField(label=_("Email address of a known expert"))
    send = forms.BooleanField(label=_("Send the invitation by email now"), required=False)
