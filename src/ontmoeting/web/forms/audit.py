"""The filters of the audit screen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ontmoeting.privacy.audit_log import AuditQuery, audit_choices, object_type_label


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("By (user or label)"), required=False, max_length=150)
    #: A code such as "participant.list": typed, with the codes the log holds offered by a
    #: datalist (``actions``), not a list of words to read.
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "audit-actions", "autocomplete": "off"}),
    )
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
        self.actions = actions
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ChoiceField)
        object_type.choices = [*anything, *((v, object_type_label(v)) for v in types)]

    def query(self) -> AuditQuery:
        """The query the valid fields ask (invalid ones are left out)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return AuditQuery(**{k: v for k, v in data.items() if v})
