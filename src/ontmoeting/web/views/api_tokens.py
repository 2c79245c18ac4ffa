"""A staff member's own API tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.privacy.api_tokens import (
    DEFAULT_DAYS,
    MAX_DAYS,
    allowed_scopes,
    create_token,
    revoke_token,
    scope_labels,
    tokens_of,
)
from ontmoeting.privacy.models import ApiToken
from ontmoeting.web.permissions import StaffRequest, any_staff_required


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the program that uses it."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("What it may do"), widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )

    def __init__(self, *args: object, scopes: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = scope_labels()
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(s, labels[s]) for s in scopes]


def _scope_words(scopes: list[str]) -> str:
    """A token's scopes in words (the codes stay in the API and the CLI)."""
    labels = scope_labels()
    return "; ".join(str(labels.get(scope, scope)) for scope in scopes)


@any_staff_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: StaffRequest) -> HttpResponse:
    """The list of the user's tokens and the form for a new one; a new token is shown once."""
    scopes = allowed_scopes(request.user)
    form = TokenForm(request.POST or None, scopes=scopes)
    new_text = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = create_token(
                request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            new_text = made.text
            form = TokenForm(scopes=scopes)
    context = {
        "form": form,
        "tokens": [(token, _scope_words(token.scopes)) for token in tokens_of(request.user)],
        "new_text": new_text,
        "has_scopes": bool(scopes),
    }
    response = render(request, "web/api_tokens/list.html", context)
    response["Cache-Control"] = "no-store"  # the page may show a token
    return response


@any_staff_required
@require_POST
def api_token_revoke(request: StaffRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if revoke_token(token, actor=request.user):
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("web:api-tokens")
