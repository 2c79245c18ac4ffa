"""The personal page: one's own day, needs, cancelling, consent, ICS and PDF downloads.

The participant always comes from the session (set by the magic link), never from the URL.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ontmoeting.documents.ics import participant_ics
from ontmoeting.documents.personal import personal_day, schedule_card_pdf
from ontmoeting.editions.enums import TAKING_PART, ParticipantStatus
from ontmoeting.editions.models import Participant
from ontmoeting.editions.registration import (
    cancel_participation,
    consent_missing,
    give_missing_general_consent,
    registration_open,
    update_needs,
    withdraw_general_consent,
)
from ontmoeting.privacy.consent import active_consents, current_text, withdraw_consent
from ontmoeting.privacy.models import ConsentKind
from ontmoeting.web.views.portal.common import flash, participant_required, pop_flash
from ontmoeting.web.views.portal.forms import NeedsForm

CANCELLABLE = (
    ParticipantStatus.INVITED,
    ParticipantStatus.REGISTERED,
    ParticipantStatus.CONFIRMED,
)


def _can_change(participant: Participant) -> bool:
    return participant.status in CANCELLABLE and registration_open(participant.edition)


@participant_required
def personal_page(request: HttpRequest, participant: Participant) -> HttpResponse:
    return render(
        request,
        "portal/me.html",
        {
            "participant": participant,
            "person": participant.person,
            "day": personal_day(participant),
            "can_change": _can_change(participant),
            "taking_part": participant.status in CANCELLABLE,
            "consent_missing": consent_missing(participant),
            "flash": pop_flash(request),
        },
    )


@participant_required
@require_http_methods(["GET", "POST"])
def needs(request: HttpRequest, participant: Participant) -> HttpResponse:
    if not _can_change(participant):
        return redirect("web:portal-me")
    initial = {
        "language": participant.language,
        "needs_step_free": participant.needs_step_free,
        "accessibility": participant.accessibility,
        "diet": participant.diet,
    }
    form = NeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_needs(participant, **form.cleaned_data, actor="portal")
        flash(request, _("Thank you. We saved what you need."))
        return redirect("web:portal-me")
    return render(request, "portal/needs.html", {"form": form, "participant": participant})


@participant_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, participant: Participant) -> HttpResponse:
    """A GET asks 'are you sure?'; the POST takes the person off the day."""
    if participant.status not in CANCELLABLE:
        return redirect("web:portal-me")
    if request.method == "POST":
        cancel_participation(participant, actor="portal", reason="personal page")
        flash(request, _("You are no longer on the list for this day."))
        return redirect("web:portal-me")
    return render(request, "portal/cancel.html", {"participant": participant})


@participant_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, participant: Participant) -> HttpResponse:
    """See one's consents and withdraw them; ``?withdraw=special|general`` asks to confirm."""
    person = participant.person
    kind = request.POST.get("withdraw") or request.GET.get("withdraw")
    if kind not in ("special", "general"):
        kind = None
    if request.method == "POST" and request.POST.get("give") == "general":
        give_missing_general_consent(participant, language=request.LANGUAGE_CODE)
        flash(request, _("Thank you. We noted your consent."))
        return redirect("web:portal-consent")
    if request.method == "POST" and kind is not None:
        if kind == "special":
            withdraw_consent(person, kind=ConsentKind.SPECIAL_CATEGORY, actor="portal")
            flash(
                request,
                _("We deleted what your experience is about. You still take part in the day."),
            )
        else:
            withdraw_general_consent(person, actor="portal")
            flash(request, _("You withdrew your consent. You no longer take part in the day."))
        return redirect("web:portal-consent")
    consents = {c.text.kind: c for c in active_consents(person)}
    taking_part = participant.status in TAKING_PART
    missing = ConsentKind.GENERAL not in consents and consent_missing(participant)
    return render(
        request,
        "portal/consent.html",
        {
            "participant": participant,
            "taking_part": taking_part,
            "general_text": current_text(ConsentKind.GENERAL, request.LANGUAGE_CODE)
            if missing
            else None,
            "general": consents.get(ConsentKind.GENERAL),
            "special": consents.get(ConsentKind.SPECIAL_CATEGORY),
            "confirm": kind,
            "flash": pop_flash(request),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@participant_required
def schedule_ics(request: HttpRequest, participant: Participant) -> HttpResponse:
    filename = f"ontmoetingsdag-{participant.edition.year}.ics"
    return _download(participant_ics(participant), "text/calendar; charset=utf-8", filename)


@participant_required
def schedule_pdf(request: HttpRequest, participant: Participant) -> HttpResponse:
    pdf = schedule_card_pdf(participant, language=request.LANGUAGE_CODE)
    return _download(pdf, "application/pdf", f"ontmoetingsdag-{participant.edition.year}.pdf")
