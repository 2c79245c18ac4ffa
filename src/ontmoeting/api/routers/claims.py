"""Approved claims for finance: what a payment needs (holder, masked account, amount)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from ontmoeting.api.auth import caller
from ontmoeting.api.routers.common import EditionId, answers, edition_or_404
from ontmoeting.api.schemas import ClaimOut
from ontmoeting.expenses.selectors import finance_rows
from ontmoeting.privacy.audit import record

router = Router(tags=["claims"])


@router.get(
    "/editions/{edition_id}/claims",
    response=answers(list[ClaimOut]),
    summary="The approved and paid expense claims of an edition (audited)",
)
def claims(request: HttpRequest, edition_id: EditionId) -> list[dict[str, object]]:
    """The IBAN is given masked, as on the finance pages; the full one is only in the SEPA
    file."""
    who = caller(request, "read:claims")
    edition = edition_or_404(edition_id)
    rows = list(finance_rows(edition))
    record(
        "api.claims", actor=who.user, obj=edition, claims=[c.pk for c in rows], **who.audit_data()
    )
    return [
        {
            "id": c.pk,
            "status": c.status,
            "account_holder": c.account_holder,
            "iban_masked": c.iban_masked,
            "total": str(c.total),
            "approved_at": c.decided_at,
            "batch": c.batch_id,
            "end_to_end_id": c.end_to_end_id,
            "paid_at": c.paid_at,
        }
        for c in rows
    ]
