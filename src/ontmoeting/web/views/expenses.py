"""Coordinator pages of expense claims: list and budget, enter on paper, decide, pay, rates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ontmoeting.editions.models import Edition, Participant
from ontmoeting.expenses import receipts, selectors
from ontmoeting.expenses.account_checks import waiting_bad_accounts
from ontmoeting.expenses.duties import may_pay
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.finance_xlsx import finance_workbook
from ontmoeting.expenses.forms import (
    ClaimForm,
    OnBehalfForm,
    OverrideForm,
    RateForm,
    RejectForm,
    TotalForm,
    initial_of,
)
from ontmoeting.expenses.models import Claim, Receipt
from ontmoeting.expenses.payments import batch_file, create_batch, mark_batch_paid
from ontmoeting.expenses.rates import MissingRates, Rates, rates_for
from ontmoeting.expenses.services import (
    ClaimError,
    approve_claim,
    entered_or_sent_by,
    override_ceiling,
    preview,
    reject_claim,
    save_claim,
    save_rate,
)
from ontmoeting.privacy.audit import record
from ontmoeting.web.forms.errors import add_service_errors
from ontmoeting.web.permissions import (
    StaffRequest,
    batches_required,
    coordinator_required,
    payments_required,
)


def receipt_response(receipt: Receipt) -> HttpResponse:
    """The receipt file as a download that the browser never sniffs or caches."""
    try:
        content = receipts.read_file(receipt.stored_name)
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    extension = receipts.extension_of(receipt.content_type)
    response = HttpResponse(content, content_type=receipt.content_type)
    response["Content-Disposition"] = f'attachment; filename="receipt-{receipt.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _edition(edition_id: int) -> Edition:
    return get_object_or_404(Edition, pk=edition_id)


def _rates_or_none(edition: Edition) -> Rates | None:
    try:
        return rates_for(edition.date)
    except MissingRates:
        return None


def _claim(edition_id: int, claim_id: int) -> Claim:
    claim = selectors.claim_in_edition(edition_id, claim_id)
    if claim is None:
        raise Http404
    return claim


@coordinator_required
def claim_list(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    status = request.GET.get("status")
    if status not in ClaimStatus.values:
        status = None
    return render(
        request,
        "expenses/list.html",
        {
            "edition": edition,
            "claims": selectors.edition_claims(edition, status=status),
            "budget": selectors.edition_budget(edition),
            "status": status,
            "statuses": ClaimStatus.choices,
        },
    )


@coordinator_required
def claim_detail(request: StaffRequest, edition_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(edition_id, claim_id)
    return _detail(request, claim, OverrideForm(), RejectForm())


def _detail(
    request: StaffRequest,
    claim: Claim,
    override_form: OverrideForm,
    reject_form: RejectForm,
    *,
    status: int = 200,
) -> HttpResponse:
    check = selectors.year_check(claim)
    four_eyes = entered_or_sent_by(claim, request.user)
    return render(
        request,
        "expenses/detail.html",
        {
            "edition": claim.edition,
            "claim": claim,
            "check": check,
            "override_form": override_form,
            "reject_form": reject_form,
            "four_eyes": four_eyes,
            "history": claim.events.all(),
        },
        status=status,
    )


@coordinator_required
@require_POST
def claim_approve(request: StaffRequest, edition_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(edition_id, claim_id)
    try:
        approve_claim(claim=claim, actor=request.user)
    except ClaimError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:expenses-claim", edition_id, claim.pk)
    messages.success(request, _("Claim approved."))
    return redirect("web:expenses-claim", edition_id, claim.pk)


@coordinator_required
@require_POST
def claim_override(request: StaffRequest, edition_id: int, claim_id: int) -> HttpResponse:
    """A second coordinator lets a claim pass a yearly ceiling, with a reason."""
    claim = _claim(edition_id, claim_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _detail(request, claim, form, RejectForm(), status=400)
    try:
        override_ceiling(claim=claim, actor=request.user, reason=form.cleaned_data["reason"])
    except ClaimError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The claim may pass the ceiling. Another coordinator approves it.")
        )
    return redirect("web:expenses-claim", edition_id, claim.pk)


@coordinator_required
@require_POST
def claim_reject(request: StaffRequest, edition_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(edition_id, claim_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            reject_claim(claim=claim, actor=request.user, reason=form.cleaned_data["reason"])
        except ClaimError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Claim rejected."))
        return redirect("web:expenses-claim", edition_id, claim.pk)
    return _detail(request, claim, OverrideForm(), form, status=400)


@coordinator_required
@require_http_methods(["GET", "POST"])
def claim_enter(
    request: StaffRequest, edition_id: int, claim_id: int | None = None
) -> HttpResponse:
    """Enter a claim from a paper form (recorded as entered on behalf, by this coordinator)."""
    edition = _edition(edition_id)
    claim = _claim(edition_id, claim_id) if claim_id else None
    if claim is not None and not claim.editable:
        messages.error(request, _("This claim was already sent. It cannot be changed any more."))
        return redirect("web:expenses-claim", edition_id, claim.pk)
    who = None
    if claim is None:
        who = OnBehalfForm(request.POST or None, experts=selectors.experts_without_claim(edition))
    form = ClaimForm(request.POST or None, request.FILES or None, initial=initial_of(claim))
    if request.method == "POST" and form.is_valid():
        participant = claim.participant if claim is not None else _chosen_expert(who)
        saved = _save_on_paper(request, form, participant) if participant is not None else None
        if saved is not None:
            return redirect("web:expenses-claim", edition_id, saved.pk)
    return render(
        request,
        "expenses/enter.html",
        {
            "edition": edition,
            "claim": claim,
            "who": who,
            "form": form,
            "total": None,
            "total_post_url": reverse("web:expenses-total", args=[edition_id]),
            "rates": _rates_or_none(edition),
        },
        status=400 if request.method == "POST" else 200,
    )


def _chosen_expert(who: OnBehalfForm | None) -> Participant | None:
    """The expert chosen on the form of a new paper claim (None when the choice is not valid)."""
    return who.cleaned_data["participant"] if who is not None and who.is_valid() else None


def _save_on_paper(
    request: StaffRequest, form: ClaimForm, participant: Participant
) -> Claim | None:
    """Save (or send) the paper claim of ``participant``; None, with the form's errors, when
    the service refuses it."""
    try:
        saved, check = save_claim(
            participant=participant,
            data=form.to_input(),
            actor=request.user,
            on_behalf=True,
            submit=request.POST.get("action") == "submit",
        )
    except MissingRates as error:
        form.add_error(None, str(error))
        return None
    except ClaimError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, _("Claim saved."))
    for warning in check.warnings if check else []:
        messages.warning(request, warning)
    return saved


@coordinator_required
@require_POST
def claim_total(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    form = TotalForm(request.POST)
    total = None
    if form.is_valid():
        try:
            total = preview(edition=edition, data=form.to_input())
        except MissingRates:
            total = None
    return render(request, "expenses/partials/total.html", {"total": total, "form": form})


@coordinator_required
def claim_receipt(
    request: StaffRequest, edition_id: int, claim_id: int, receipt_id: int
) -> HttpResponse:
    receipt = selectors.receipt_in_edition(edition_id, claim_id, receipt_id)
    if receipt is None:
        raise Http404
    record("expenses.receipt_viewed", actor=request.user, obj=receipt)
    return receipt_response(receipt)


@batches_required
@require_http_methods(["GET", "POST"])
def batches(request: StaffRequest, edition_id: int) -> HttpResponse:
    """The payment files of an edition (coordinators look); a finance user makes one."""
    edition = _edition(edition_id)
    if request.method == "POST":
        if not may_pay(request.user):
            raise PermissionDenied
        try:
            batch = create_batch(edition=edition, actor=request.user)
        except ClaimError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Payment file made with %(count)s payments.") % {"count": batch.count},
            )
        return redirect("web:expenses-batches", edition_id)
    return render(
        request,
        "expenses/batches.html",
        {
            "edition": edition,
            "batches": selectors.edition_batches(edition),
            "waiting": selectors.count_waiting(edition),
            "may_pay": may_pay(request.user),
            "bad_accounts": waiting_bad_accounts(edition),
        },
    )


@payments_required
def batch_sepa(request: StaffRequest, edition_id: int, batch_id: int) -> HttpResponse:
    batch = selectors.batch_in_edition(edition_id, batch_id)
    if batch is None:
        raise Http404
    record("expenses.sepa_downloaded", actor=request.user, obj=batch)
    response = HttpResponse(batch_file(batch), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="sepa-{batch.message_id}.xml"'
    response["Cache-Control"] = "no-store"
    return response


@payments_required
@require_POST
def batch_paid(request: StaffRequest, edition_id: int, batch_id: int) -> HttpResponse:
    batch = selectors.batch_in_edition(edition_id, batch_id)
    if batch is None:
        raise Http404
    try:
        mark_batch_paid(batch=batch, actor=request.user)
    except ClaimError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked as paid."))
    return redirect("web:expenses-batches", edition_id)


@coordinator_required
def finance_export(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    content = finance_workbook(selectors.finance_rows(edition))
    record("expenses.finance_export", actor=request.user, obj=edition)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="claims-{edition.year}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@coordinator_required
@require_http_methods(["GET", "POST"])
def rates(request: StaffRequest, edition_id: int) -> HttpResponse:
    """Every figure with its period and source; unconfirmed ones are listed in a warning.
    A coordinator adds a figure for a period (overlaps are refused)."""
    edition = _edition(edition_id)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_rate(**form.cleaned_data, actor=request.user)
        except ClaimError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(figure)s from %(start)s saved.")
                % {"figure": saved.get_kind_display(), "start": saved.valid_from.isoformat()},
            )
            return redirect("web:expenses-rates", edition_id)
    return render(
        request,
        "expenses/rates.html",
        {
            "edition": edition,
            "form": form,
            "all_rates": selectors.all_rates(),
            "unconfirmed": selectors.unconfirmed_rates(),
            "edition_rates": _rates_or_none(edition),
        },
        status=400 if request.method == "POST" else 200,
    )
