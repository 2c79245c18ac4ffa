"""Signing in by magic link (a GET shows a button, only the POST signs in), new links, sign out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.editions.models import Participant
from ontmoeting.editions.selectors import latest_participation
from ontmoeting.messaging import link_requests
from ontmoeting.privacy.audit import record
from ontmoeting.privacy.models import TokenPurpose
from ontmoeting.privacy.tokens import check_token, consume_token, revoke_tokens
from ontmoeting.web.ratelimit import client_address, over_limit
from ontmoeting.web.views.portal.common import (
    SESSION_KEY,
    TOKEN_SESSION_KEY,
    flash,
    link_problem,
    participant_required,
    pop_flash,
    private,
)
from ontmoeting.web.views.portal.forms import RequestLinkForm

#: At most this many new-link requests per hour, per email address and per IP address.
LIMIT_PER_EMAIL = 3
LIMIT_PER_IP = 20
WINDOW_SECONDS = 60 * 60


@private
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    check = check_token(token, purpose=TokenPurpose.PERSONAL_PAGE)
    if not check.ok:
        return link_problem(request, check.state, purpose=TokenPurpose.PERSONAL_PAGE)
    access = check.token
    assert access is not None  # an ok check carries its token
    participant = access.participant or latest_participation(access.person)
    if participant is None:
        return link_problem(request, "unknown", purpose=TokenPurpose.PERSONAL_PAGE)
    if request.user.is_authenticated:
        # A staff session never becomes a participant's: a coordinator cannot act as one.
        return render(request, "portal/staff_signed_in.html", status=403)
    if request.method == "GET":
        return render(request, "portal/link_sign_in.html", {"first_name": access.person.first_name})
    if not consume_token(access):  # used up by a request at the same moment
        return link_problem(request, "expired", purpose=TokenPurpose.PERSONAL_PAGE)
    request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk
    request.session[TOKEN_SESSION_KEY] = access.pk
    record("portal.sign_in", actor="portal", obj=participant, token=access.pk)
    return redirect("web:portal-me")


@private
@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link by email. The answer, and the work done for it, never depend on
    whether we know the address: the request is stored and the outbox worker resolves it."""
    form = RequestLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits = {"limit": LIMIT_PER_IP, "window_seconds": WINDOW_SECONDS}
        if over_limit("portal-link-ip", client_address(request), **limits):
            return render(request, "portal/too_many.html", status=429)
        email = form.cleaned_data["email"].strip().lower()
        limits["limit"] = LIMIT_PER_EMAIL
        if not over_limit("portal-link-email", email, **limits):
            link_requests.request_link(email)
        return render(request, "portal/request_link_sent.html")
    return render(request, "portal/request_link.html", {"form": form, "flash": pop_flash(request)})


@private
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(TOKEN_SESSION_KEY, None)
    request.session.cycle_key()
    flash(request, _("You are signed out. Use the link in your email to come back."))
    return redirect("web:portal-request-link")


@participant_required
@require_POST
def stop_links(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Every link of the person stops working and every session they opened ends."""
    count = revoke_tokens(participant.person)
    record("portal.links_stopped", actor="portal", obj=participant.person, revoked=count)
    request.session.pop(SESSION_KEY, None)
    request.session.pop(TOKEN_SESSION_KEY, None)
    request.session.cycle_key()
    flash(
        request,
        _("You are signed out everywhere and your links no longer work. Ask for a new link below."),
    )
    return redirect("web:portal-request-link")
