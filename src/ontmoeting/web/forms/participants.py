"""Forms for participants: the list filter, adding, editing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.editions.enums import Format, ParticipantRole, ParticipantStatus, role_choices
from ontmoeting.editions.participants import (
    NEEDS,
    PARTICIPANT_FIELDS,
    PERSON_FIELDS,
    SORTS,
    ParticipantQuery,
)
from ontmoeting.people.enums import Gender, Language, ProfessionalFunction
from ontmoeting.people.selectors import domain_choices, sector_choices
from ontmoeting.people.services import ProfessionalValues

#: The professional's fields: only on the form of a co-creation meeting.
PROFESSIONAL_FIELDS = ("sector", "organisation", "function", "can_co_facilitate")

ANY = [("", _("any"))]


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name``, which is a choice field (its choices are set per request)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search name, e-mail or reference"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[*ANY, *ParticipantRole.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[*ANY, *ParticipantStatus.choices]
    )
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    veteran = forms.ChoiceField(
        label=_("Veteran or newcomer"),
        required=False,
        choices=[*ANY, ("veteran", _("veterans")), ("newcomer", _("newcomers"))],
    )
    needs = forms.ChoiceField(
        label=_("Needs"),
        required=False,
        choices=[*ANY, *NEEDS.items()],
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(k, k) for k in SORTS] + [(f"-{k}", f"-{k}") for k in SORTS],
        widget=forms.HiddenInput,
    )

    def __init__(
        self, *args: Any, edition_format: str = Format.ENCOUNTER_DAY, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "domain").choices = [*ANY, *domain_choices()]
        _choice_field(self, "role").choices = [*ANY, *role_choices(edition_format)]

    def query(self) -> ParticipantQuery:
        """The query asked for; invalid values are ignored (the list still shows)."""
        data = self.cleaned_data if self.is_valid() else {}
        return ParticipantQuery(
            q=data.get("q", "").strip(),
            role=data.get("role", ""),
            status=data.get("status", ""),
            domain=data.get("domain", ""),
            veteran=data.get("veteran", ""),
            needs=data.get("needs", ""),
            sort=data.get("sort") or "name",
        )


class LookupForm(forms.Form):
    lookup = forms.EmailField(label=_("E-mail address of the person"), required=False)


class ParticipantForm(forms.Form):
    """A person and their participation in one edition."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=ParticipantStatus.choices, initial=ParticipantStatus.INVITED
    )
    ref = forms.CharField(label=_("Reference"), max_length=50, required=False)
    class_group = forms.CharField(label=_("Class group"), max_length=50, required=False)
    language = forms.ChoiceField(
        label=_("Language of the conversation"), choices=Language.choices, initial=Language.DUTCH
    )
    accessibility = forms.CharField(label=_("Accessibility needs"), max_length=200, required=False)
    needs_step_free = forms.BooleanField(label=_("Needs step-free access"), required=False)
    diet = forms.CharField(label=_("Diet"), max_length=200, required=False)
    interests = forms.MultipleChoiceField(
        label=_("Interests (students)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    domains = forms.MultipleChoiceField(
        label=_("Domains of experience (experts)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    can_chair = forms.BooleanField(label=_("Willing to chair a group (experts)"), required=False)
    sector = forms.ChoiceField(label=_("Sector (professionals)"), required=False)
    organisation = forms.CharField(
        label=_("Organisation (professionals)"), max_length=200, required=False
    )
    function = forms.ChoiceField(
        label=_("Function (professionals)"),
        choices=ProfessionalFunction.choices,
        initial=ProfessionalFunction.PRACTITIONER,
        required=False,
    )
    can_co_facilitate = forms.BooleanField(
        label=_("Willing to co-facilitate a table (professionals)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        editing: bool = False,
        edition_format: str = Format.ENCOUNTER_DAY,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        domains = domain_choices()
        _choice_field(self, "interests").choices = domains
        _choice_field(self, "domains").choices = domains
        _choice_field(self, "role").choices = role_choices(edition_format)
        if edition_format == Format.CO_CREATION:
            # No students in a co-creation meeting: no class groups, no interests.
            del self.fields["class_group"], self.fields["interests"]
            _choice_field(self, "sector").choices = [("", "—"), *sector_choices()]
        else:
            for name in PROFESSIONAL_FIELDS:
                del self.fields[name]
        if editing:
            # The role of a participation does not change; cancel and add again instead.
            del self.fields["role"]

    def drop_professional_fields(self) -> None:
        """Leave out the professional's fields (editing someone who is not a professional)."""
        for name in PROFESSIONAL_FIELDS:
            self.fields.pop(name, None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        professional = (
            data.get("role", ParticipantRole.PROFESSIONAL) == ParticipantRole.PROFESSIONAL
        )
        if "sector" in self.fields and professional and not data.get("sector"):
            self.add_error("sector", _("Choose the sector the professional works in."))
        return data

    def professional_values(self) -> ProfessionalValues | None:
        """The professional's profile as the form gives it; None without those fields."""
        if "sector" not in self.fields:
            return None
        data = self.cleaned_data
        return ProfessionalValues(
            sector=data["sector"],
            organisation=data["organisation"],
            function=data["function"],
            can_co_facilitate=data["can_co_facilitate"],
        )

    def person_values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in PERSON_FIELDS}

    def participation_values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in PARTICIPANT_FIELDS if k in self.fields}

    def expert_values(self) -> dict[str, Any]:
        values = {"can_chair": self.cleaned_data["can_chair"]}
        if "domains" in self.fields:  # absent without the special-category consent
            values["domains"] = self.cleaned_data["domains"]
        return values
