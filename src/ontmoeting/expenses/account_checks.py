"""Stored bank accounts checked again before a payment file is made.

Claims stored before the IBAN was checked in the service (or under older rules) may hold an
account a bank refuses: a wrong checksum, a country outside SEPA, or an account outside the EEA
without BIC or address. :func:`bad_accounts` finds them (decrypting each IBAN) so that the
payment file leaves them out and the batches page names them for the coordinator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ontmoeting.editions.models import Edition
from ontmoeting.expenses.crypto import decrypt
from ontmoeting.expenses.enums import ClaimStatus
from ontmoeting.expenses.iban import check_bic, check_iban, needs_bic_and_address
from ontmoeting.expenses.models import Claim


@dataclass(frozen=True)
class BadAccount:
    """A claim whose account cannot be paid, and why (in plain words)."""

    claim: Claim
    reason: str


def _bic_problem(claim: Claim) -> str | None:
    if not claim.bic:
        return None
    try:
        check_bic(claim.bic)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def account_problem(claim: Claim) -> str | None:
    """Why the bank would refuse to pay ``claim``'s account, or None when it would pay it."""
    if not claim.iban_encrypted:
        return _("There is no bank account number.")
    try:
        iban = check_iban(decrypt(claim.iban_encrypted))
    except ValidationError as error:
        return " ".join(error.messages)
    if needs_bic_and_address(iban):
        address = (claim.holder_street, claim.holder_postcode, claim.holder_town)
        if not claim.bic or not all(address) or not claim.holder_country:
            return _("The account is outside the EEA: the bank needs the BIC and the address.")
    return _bic_problem(claim)


def bad_accounts(claims: Iterable[Claim]) -> list[BadAccount]:
    """The claims among ``claims`` whose account the bank would refuse, in the given order."""
    found = []
    for claim in claims:
        reason = account_problem(claim)
        if reason is not None:
            found.append(BadAccount(claim=claim, reason=reason))
    return found


def waiting_bad_accounts(edition: Edition) -> list[BadAccount]:
    """The approved claims of ``edition`` waiting for a payment file that it would leave out."""
    claims = (
        Claim.objects.filter(edition=edition, status=ClaimStatus.APPROVED, batch__isnull=True)
        .select_related("participant__person")
        .order_by("pk")
    )
    return bad_accounts(claims)
