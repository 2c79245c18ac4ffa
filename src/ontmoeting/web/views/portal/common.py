"""Shared pieces of the public pages: the portal session, headers, link problems."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ontmoeting.editions.models import Participant
from ontmoeting.editions.selectors import participant_with_edition
from ontmoeting.privacy.tokens import token_alive
from ontmoeting.web.views.portal.forms import RequestLinkForm

#: The session key holding the participant signed in by magic link (apart from staff login).
SESSION_KEY = "ontmoeting_portal_participant"
#: The session key holding the id of the link that signed in: revoking it ends the session.
#: (A key's name, not a secret.)
TOKEN_SESSION_KEY = "ontmoeting_portal_token"  # nosec B105

View = Callable[..., HttpResponse]

#: Template and HTTP status for each way a link can fail.
LINK_PROBLEMS: dict[str, tuple[str, int]] = {
    "malformed": ("portal/link_malformed.html", 400),
    "unknown": ("portal/link_unknown.html", 404),
    "expired": ("portal/link_expired.html", 410),
    "closed": ("portal/link_closed.html", 410),
}


#: The path (which may hold a token) never leaves the page in a Referer header. Not
#: "no-referrer": with it browsers send ``Origin: null`` on the page's own form POST, which
#: Django's CSRF origin check rightly refuses. "strict-origin" sends the origin only.
REFERRER_POLICY = "strict-origin"


def private(view: View) -> View:
    """No caching, and no path in the referrer, for pages with a token or personal data."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = REFERRER_POLICY
        return response

    return wrapped


def current_participant(request: HttpRequest) -> Participant | None:
    """The participant signed in to the personal page in this session, if any: never in a
    staff session, and only while the link that signed in is not revoked."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int) or request.user.is_authenticated:
        return None
    if not token_alive(request.session.get(TOKEN_SESSION_KEY)):
        return None
    return participant_with_edition(pk)


def participant_required(view: View) -> View:
    """Pass the signed-in participant to ``view``; others go to the 'get a new link' page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        participant = current_participant(request)
        if participant is None:
            return redirect("web:portal-request-link")
        return view(request, participant, *args, **kwargs)

    return private(wrapped)


def link_problem(request: HttpRequest, state: str, *, purpose: str) -> HttpResponse:
    """The distinct page for a malformed, unknown or expired link (with a new-link form)."""
    template, status = LINK_PROBLEMS[state]
    return render(request, template, {"purpose": purpose, "form": RequestLinkForm()}, status=status)


FLASH_KEY = "ontmoeting_portal_flash"


def flash(request: HttpRequest, text: str) -> None:
    """A one-time note for the next portal page (shown in a status region)."""
    request.session[FLASH_KEY] = str(text)


def pop_flash(request: HttpRequest) -> str:
    """The note left by ``flash`` ('' when none), shown once."""
    return str(request.session.pop(FLASH_KEY, ""))
