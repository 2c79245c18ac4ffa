"""Staff accounts, managed by admins."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ontmoeting.privacy.roles import StaffRole
from ontmoeting.privacy.staff import (
    change_staff,
    create_staff,
    role_of,
    staff_accounts,
    username_taken,
)
from ontmoeting.privacy.two_factor import has_second_factor, remove_second_factor
from ontmoeting.web.permissions import StaffRequest, admin_required


class NewStaffForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=StaffRole.choices)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if username_taken(username):
            raise forms.ValidationError(_("This username is taken."))
        return username


class EditStaffForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=StaffRole.choices)
    active = forms.BooleanField(label=gettext_lazy("Account active"), required=False)


@admin_required
def staff_list(request: StaffRequest) -> HttpResponse:
    rows = staff_accounts()
    return render(request, "web/staff/list.html", {"rows": rows, "roles": dict(StaffRole.choices)})


@admin_required
def staff_create(request: StaffRequest) -> HttpResponse:
    form = NewStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, password = create_staff(**form.cleaned_data, actor=request.user)
        return render(request, "web/staff/created.html", {"new_user": user, "password": password})
    return render(request, "web/staff/form.html", {"form": form, "title": _("New staff account")})


@admin_required
def staff_edit(request: StaffRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=user_id)
    initial = {"role": role_of(user) or StaffRole.COORDINATOR, "active": user.is_active}
    form = EditStaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if user == request.user and not form.cleaned_data["active"]:
            form.add_error("active", _("You cannot deactivate your own account."))
        else:
            change_staff(user, **form.cleaned_data, actor=request.user)
            messages.success(request, _("Account %(name)s saved.") % {"name": user.get_username()})
            return redirect("web:staff")
    return render(
        request,
        "web/staff/form.html",
        {
            "form": form,
            "title": _("Staff account %(name)s") % {"name": user.get_username()},
            "account": user,
            "has_second_factor": has_second_factor(user),
        },
    )


@admin_required
@require_POST
def staff_reset_second_factor(request: StaffRequest, user_id: int) -> HttpResponse:
    """Remove a staff member's authenticator app and recovery codes (a lost phone): they set up
    a new one at their next sign-in when their role needs it."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if remove_second_factor(user, actor=request.user):
        messages.success(
            request,
            _("Two-step login of %(name)s removed: they set it up again at the next login.")
            % {"name": user.get_username()},
        )
    return redirect("web:staff-edit", user_id=user.pk)
