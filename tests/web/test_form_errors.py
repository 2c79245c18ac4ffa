"""A service's ValidationError on the form that sent the data: one helper for every view."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ontmoeting.web.forms.errors import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()


def _bound() -> NameForm:
    form = NameForm({"name": "Marleen"})
    assert form.is_valid()
    return form


def test_service_errors_naming_a_field_go_next_to_it():
    form = _bound()
    add_service_errors(form, ValidationError({"name": "Deze naam is al gebruikt."}))
    assert form.errors == {"name": ["Deze naam is al gebruikt."]}


def test_service_errors_naming_a_field_the_form_lacks_go_to_the_top():
    form = _bound()
    add_service_errors(form, ValidationError({"ref": "Deze referentie is al gebruikt."}))
    assert form.non_field_errors() == ["Deze referentie is al gebruikt."]


def test_service_errors_naming_no_field_go_to_the_top():
    form = _bound()
    add_service_errors(form, ValidationError(["Eerste reden.", "Tweede reden."]))
    assert form.non_field_errors() == ["Eerste reden.", "Tweede reden."]
