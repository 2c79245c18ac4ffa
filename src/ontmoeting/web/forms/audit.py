"""The filters of the audit screen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.privacy.audit_log import AuditQuery, audit_choices


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("By (user or label)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=60)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions, types = audit_choices()
        anything = [("", _("any"))]
        for name, values in (("action", actions), ("object_type", types)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [*anything, *((v, v) for v in values)]

    def query(self) -> AuditQuery:
        """The query the valid fields ask (invalid ones are left out)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return AuditQuery(**{k: v for k, v in data.items() if v})
