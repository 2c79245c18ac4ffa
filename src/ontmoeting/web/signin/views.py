"""Staff sign-in pages: the lockout page, the code after the password, the account page where a
second factor is set up (QR code, first code, recovery codes shown once)."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoeting.privacy.audit import record
from ontmoeting.privacy.lockout import lockout_ends
from ontmoeting.privacy.two_factor import (
    confirm_totp_enrolment,
    has_second_factor,
    new_recovery_codes,
    second_factor_required,
    start_totp_enrolment,
    verify_code,
)
from ontmoeting.web.permissions import StaffRequest, any_staff_required
from ontmoeting.web.signin.forms import CodeForm, EnrolForm, PasswordAgainForm
from ontmoeting.web.signin.qr import qr_svg
from ontmoeting.web.signin.session import verified


def locked_out(
    request: HttpRequest,
    original_response: HttpResponseBase | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lockout response: a page that says until when (HTTP 429)."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    until = lockout_ends(username=username, ip_address=getattr(request, "axes_ip_address", None))
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if until is not None:
        left = (until - timezone.now()).total_seconds()
        minutes = max(1, int(-(-left // 60)))
    context = {"until": until, "minutes": minutes}
    response = render(request, "web/signin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def _next_url(request: HttpRequest) -> str:
    """Where to go after the code: the page asked for, when it is on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{resolve_url(name)}?{urlencode({'next': next_url})}"


def _verified(request: HttpRequest, device: Device) -> None:
    """The session now counts as signed in with both factors (under a new session key)."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
def code(request: HttpRequest) -> HttpResponseBase:
    """The second step of signing in: the code from the app, or a recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if verified(user):
        return redirect(_next_url(request))
    if not has_second_factor(user):
        return redirect(_with_next("web:account", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_code(user, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            record("staff.sign_in.second_factor", actor=user, obj=user, device=device.name)
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _("This code is not right, or was used already. Wait for a new code and try again."),
        )
    return render(request, "web/signin/code.html", {"form": form, "next": _next_url(request)})


def _recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(request, "web/signin/recovery_codes.html", {"codes": codes})


def _secret(device: TOTPDevice) -> str:
    """The key in base 32, in groups of four, for typing into an app by hand."""
    text = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _enrol(request: StaffRequest) -> HttpResponse:
    device = start_totp_enrolment(request.user)
    form = EnrolForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = confirm_totp_enrolment(device, form.cleaned_data["code"], actor=request.user)
        if codes is not None:
            _verified(request, device)
            return _recovery_codes_page(request, codes)
        form.add_error("code", _("This code is not right. Type the code the app shows now."))
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "uri": device.config_url,
        "secret": _secret(device),
        "required": second_factor_required(request.user),
        "next": _next_url(request),
    }
    return render(request, "web/signin/enrol.html", context)


def _enrolled(request: StaffRequest) -> HttpResponse:
    form = PasswordAgainForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _recovery_codes_page(request, new_recovery_codes(request.user, actor=request.user))
    return render(request, "web/signin/account.html", {"form": form})


@never_cache
@any_staff_required
def account(request: StaffRequest) -> HttpResponseBase:
    """The account page: the password, and the second factor (set it up, or new recovery codes).

    A staff member who still owes the second factor may open it only to set one up: once an app
    is set up, its code comes first."""
    if not has_second_factor(request.user):
        return _enrol(request)
    if not verified(request.user):
        return redirect(_with_next("web:signin-code", request.get_full_path()))
    return _enrolled(request)
