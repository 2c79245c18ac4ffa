"""The expert's own claim on the personal page (the participant comes from the session)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.editions.enums import ParticipantRole
from ontmoeting.editions.models import Participant
from ontmoeting.expenses.forms import ClaimForm, TotalForm, initial_of
from ontmoeting.expenses.rates import MissingRates, rates_for
from ontmoeting.expenses.selectors import claim_of, own_receipt
from ontmoeting.expenses.services import ClaimError, Preview, preview, save_claim
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.views.expenses import receipt_response
from ontmoeting.web.views.portal.common import flash, participant_required, pop_flash

#: The actor label of changes made on the personal page.
PORTAL = "portal"


def _expert(participant: Participant) -> None:
    if participant.role != ParticipantRole.EXPERT:
        raise Http404


@participant_required
@require_http_methods(["GET", "POST"])
def my_claim(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Fill in, save and send one's claim; once sent, see where it stands."""
    _expert(participant)
    claim = claim_of(participant)
    try:
        rates = rates_for(participant.edition.date)
    except MissingRates:
        rates = None
    context: dict[str, object] = {
        "participant": participant,
        "claim": claim,
        "rates": rates,
        "too_early": timezone.localdate() < participant.edition.date,
    }
    if claim is not None and not claim.editable:
        status = 200
        if request.method == "POST":
            context["error"] = _("Your claim was already sent. Nothing was changed.")
            status = 409
        context["flash"] = pop_flash(request)
        return render(request, "expenses/my_claim_status.html", context, status=status)
    form = ClaimForm(request.POST or None, request.FILES or None, initial=initial_of(claim))
    submit = request.POST.get("action") == "submit"
    if request.method == "POST" and form.is_valid() and rates is not None:
        try:
            save_claim(participant=participant, data=form.to_input(), actor=PORTAL, submit=submit)
        except ClaimError as error:
            add_service_errors(form, error)
        else:
            if submit:
                flash(request, _("Thank you. We received your claim and will check it soon."))
            else:
                flash(request, _("Saved. You can finish and send it later."))
            return redirect("web:my-expenses")
    context.update(
        form=form,
        total=_total(participant, form),
        flash=pop_flash(request),
        total_post_url=reverse("web:my-expenses-total"),
    )
    return render(
        request,
        "expenses/my_claim.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _total(participant: Participant, form: ClaimForm) -> Preview | None:
    """The form's answers priced (None while they are not valid, or the year has no rates)."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return preview(edition=participant.edition, data=form.to_input(), participant=participant)
    except MissingRates:
        return None


@participant_required
@require_POST
def my_total(request: HttpRequest, participant: Participant) -> HttpResponse:
    """The live total (HTMX): the form's answers priced, nothing stored."""
    _expert(participant)
    form = TotalForm(request.POST)
    return render(
        request, "expenses/partials/total.html", {"total": _total(participant, form), "form": form}
    )


@participant_required
def my_receipt(request: HttpRequest, participant: Participant, receipt_id: int) -> HttpResponse:
    """One's own receipt; anybody else's is not found."""
    receipt = own_receipt(participant, receipt_id)
    if receipt is None:
        raise Http404
    return receipt_response(receipt)
