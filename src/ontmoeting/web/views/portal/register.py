"""Experts register through an invitation link; students confirm through theirs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ontmoeting.documents.selectors import published_plan
from ontmoeting.editions.enums import ParticipantStatus
from ontmoeting.editions.held import (
    LinkClosed,
    apply_held,
    held_by_token,
    register_from_link,
    summary,
)
from ontmoeting.editions.invitations import RegistrationLink, registration_link
from ontmoeting.editions.models import Edition
from ontmoeting.editions.registration import (
    RegistrationClosed,
    registration_open,
    respond_to_invitation,
)
from ontmoeting.editions.selectors import participant_in
from ontmoeting.privacy.consent import current_text
from ontmoeting.privacy.models import ConsentKind, TokenPurpose
from ontmoeting.privacy.tokens import check_token, mark_used
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.views.portal.common import link_problem, private
from ontmoeting.web.views.portal.forms import RegistrationForm

DONE_KEY = "ontmoeting_portal_registered"


def consent_texts(language: str) -> dict[str, object]:
    return {
        "general_text": current_text(ConsentKind.GENERAL, language),
        "special_text": current_text(ConsentKind.SPECIAL_CATEGORY, language),
    }


def _initial(link: RegistrationLink) -> dict[str, object]:
    initial: dict[str, object] = {}
    if link.invitation is not None and link.invitation.self_help_group_id:
        initial["self_help_group"] = link.invitation.self_help_group_id
    if link.person is not None:
        person = link.person
        initial.update(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
        )
    return initial


@private
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, token: str) -> HttpResponse:
    link = registration_link(token)
    if link.state != "ok":
        return link_problem(request, link.state, purpose=TokenPurpose.REGISTER)
    edition = link.edition
    assert edition is not None  # an ok link names its edition
    if not registration_open(edition):
        return render(request, "portal/closed.html", {"edition": edition})
    language = request.LANGUAGE_CODE
    form = RegistrationForm(request.POST or None, initial=_initial(link), language=language)
    if request.method == "POST" and form.is_valid():
        try:
            done = register_from_link(
                edition=edition,
                data=form.registration(),
                invitation=link.invitation,
                person=link.person,
            )
        except RegistrationClosed:
            return render(request, "portal/closed.html", {"edition": edition})
        except LinkClosed:
            return link_problem(request, "closed", purpose=TokenPurpose.REGISTER)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[DONE_KEY] = {
                "first_name": done.first_name,
                "by_email": done.by_email,
                "by_letter": not done.by_email and bool(form.postal_address()),
                "edition": edition.pk,
            }
            return redirect("web:register-done")
    return render(
        request,
        "portal/register.html",
        {"form": form, "edition": edition, **consent_texts(language)},
    )


@private
@require_http_methods(["GET", "POST"])
def register_check(request: HttpRequest, token: str) -> HttpResponse:
    """The owner of a known address confirms a registration held for them; a GET only shows it
    (mail scanners open links first), the POST of its button applies it."""
    link = held_by_token(token)
    if link.state != "ok":
        return link_problem(request, link.state, purpose=TokenPurpose.REGISTER)
    held = link.held
    assert held is not None  # an ok link carries its registration
    if request.method == "POST":
        try:
            participant = apply_held(held, actor="portal")
        except RegistrationClosed:
            return render(request, "portal/closed.html", {"edition": held.edition})
        except ValidationError:
            return link_problem(request, "unknown", purpose=TokenPurpose.REGISTER)
        request.session[DONE_KEY] = {
            "first_name": participant.person.first_name,
            "by_email": bool(participant.person.email),
            "by_letter": bool(participant.person.postal_address),
            "checked": True,
            "edition": held.edition_id,
        }
        return redirect("web:register-done")
    return render(
        request,
        "portal/register_check.html",
        {"held": held, "edition": held.edition, "sent": summary(held)},
    )


@private
def register_done(request: HttpRequest) -> HttpResponse:
    done = request.session.pop(DONE_KEY, None) or {}
    edition_id = done.get("edition")
    edition = Edition.objects.filter(pk=edition_id).first() if isinstance(edition_id, int) else None
    return render(request, "portal/register_done.html", {"done": done, "edition": edition})


@private
@require_http_methods(["GET", "POST"])
def student_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET shows the question; only a POST (yes or no) changes the status."""
    check = check_token(token, purpose=TokenPurpose.CONFIRM)
    if not check.ok:
        return link_problem(request, check.state, purpose=TokenPurpose.CONFIRM)
    access = check.token
    assert access is not None  # an ok check carries its token
    participant = access.participant or (
        participant_in(access.edition, access.person) if access.edition else None
    )
    if participant is None:
        return link_problem(request, "unknown", purpose=TokenPurpose.CONFIRM)
    edition = participant.edition
    if not registration_open(edition):
        return render(request, "portal/closed.html", {"edition": edition})
    context: dict[str, object] = {"participant": participant, "edition": edition}
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer in ("yes", "no"):
            try:
                participant = respond_to_invitation(
                    participant, attending=answer == "yes", actor="portal"
                )
            except RegistrationClosed:
                return render(request, "portal/closed.html", {"edition": edition})
            mark_used(access)
            return render(
                request,
                "portal/confirm_done.html",
                {
                    **context,
                    "participant": participant,
                    "confirmed": answer == "yes",
                    "plan_published": published_plan(edition) is not None,
                },
            )
        context["error"] = True
    context["status"] = participant.status
    context["answered"] = participant.status in (
        ParticipantStatus.CONFIRMED,
        ParticipantStatus.DECLINED,
    )
    return render(
        request, "portal/confirm.html", context, status=400 if "error" in context else 200
    )
