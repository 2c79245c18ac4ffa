"""Reconciling the payment files of an edition with a bank statement: upload, report, and per
batch its claims with the statement entry that paid each."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ontmoeting.editions.models import Edition
from ontmoeting.expenses import selectors
from ontmoeting.expenses.reconcile import (
    MAX_STATEMENT_BYTES,
    Report,
    StatementRefused,
    end_to_end_id_of,
    reconcile_statement,
)
from ontmoeting.web.permissions import StaffRequest, payments_required

#: Who may reconcile: the people who make payment files and mark them paid (finance; see
#: expenses/duties.py).
reconcile_required = payments_required
EXTENSIONS = (".xml", ".csv")


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=gettext_lazy("Bank statement (camt.053 .xml or the bank's .csv export)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_statement(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["statement"]
        if PurePath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only a .xml (camt.053) or .csv file, please."))
        if upload.size is not None and upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(
                _("The file is too big (at most %(mb)s MB).")
                % {"mb": MAX_STATEMENT_BYTES // (1024 * 1024)}
            )
        return upload


def _reconcile(request: StaffRequest, form: StatementForm) -> Report | None:
    """Reconcile the uploaded statement; None, with the problems on the form, when refused."""
    upload = form.cleaned_data["statement"]
    content = upload.read(MAX_STATEMENT_BYTES + 1)
    try:
        return reconcile_statement(file_name=upload.name, content=content, actor=request.user)
    except StatementRefused as error:
        for message in error.messages:
            form.add_error("statement", message)
        return None


@reconcile_required
@require_http_methods(["GET", "POST"])
def reconcile(request: StaffRequest, edition_id: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=edition_id)
    form = StatementForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        report = _reconcile(request, form) if form.is_valid() else None
        status = 200 if report is not None else 400
        if report is not None:
            form = StatementForm()
    batches = [
        (batch, [(claim, end_to_end_id_of(claim)) for claim in batch.claims.all()])
        for batch in selectors.batches_with_claims(edition)
    ]
    return render(
        request,
        "expenses/reconcile.html",
        {
            "edition": edition,
            "form": form,
            "report": report,
            "batches": batches,
            "statements": selectors.recent_statements(),
        },
        status=status,
    )
