"""Forms of the team trajectories: team, contact, member, trajectory, session, action, status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ontmoeting.cocreation.enums import ActionStatus
from ontmoeting.people.enums import ProfessionalFunction
from ontmoeting.people.models import Person, Sector


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name of the team"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = Sector.objects.all()


class ContactForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email"))


class ExpertChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


def experts() -> QuerySet[Person]:
    """People with an expert profile (an experience worker is linked to one of them)."""
    return Person.objects.filter(expert_profile__isnull=False, anonymised__isnull=True).order_by(
        "last_name", "first_name"
    )


class MemberForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Not needed for an experience worker linked below."),
    )
    function = forms.ChoiceField(label=_("Function"), choices=ProfessionalFunction.choices)
    person = ExpertChoice(
        label=_("Experience worker: expert by experience"),
        queryset=Person.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = experts()


class TrajectoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(
        label=_("Goal"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    facilitators = forms.CharField(label=_("Facilitators"), max_length=300, required=False)


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    facilitators = forms.CharField(label=_("Facilitators"), max_length=300, required=False)
    themes = forms.CharField(
        label=_("Themes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning_notes = forms.CharField(
        label=_("Learning notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Owner"), max_length=200)
    due = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
