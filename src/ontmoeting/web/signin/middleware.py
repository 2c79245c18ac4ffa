"""Two gates in front of every view, for signed-in staff (participants' personal-page sessions
carry no user and pass untouched):

- ``StaffSessionMiddleware`` ends a staff session that was idle too long or is too old
  (``session.py``), and sends the person to the login page with a note;
- ``SecondFactorMiddleware`` lets a user who signed in with a password but still owes a code
  reach only the code and enrolment pages (and logging out) until a device verified them. The
  Django admin is behind it like every other page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from ontmoeting.web.signin.session import owes_second_factor, session_ended, touch, verified

Handler = Callable[[HttpRequest], HttpResponseBase]

#: The pages a user who still owes a second factor may open.
OPEN_BEFORE_CODE = frozenset(
    {"web:signin-code", "web:account", "web:logout", "web:login", "set_language"}
)


def _send_to(request: HttpRequest, url: str) -> HttpResponseBase:
    """A redirect; an htmx request is told to load the page as a whole instead."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect_to_login(request.get_full_path(), login_url=url)


class StaffSessionMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = time.time()
            reason = session_ended(request.session, now)
            if reason is not None:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return _send_to(request, resolve_url("web:login"))
            touch(request.session, now)
        return self.get_response(request)


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class SecondFactorMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if (
            user.is_authenticated
            and owes_second_factor(request.session)
            and not verified(user)
            and _view_name(request) not in OPEN_BEFORE_CODE
        ):
            code_page = resolve_url("web:signin-code")
            return _send_to(request, code_page)
        return self.get_response(request)
